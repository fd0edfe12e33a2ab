// Text filters (the reference's "String Filters", "Case-Insensitive Variants", "Regex" and
// "String Escape Filters"). The subject comes first, then the filter's arguments in order.
//
// Decisions where the reference is silent:
// - Lengths and positions count Unicode code points (PHP's mb_* functions), so "héllo" has
//   strlen 5 and `split:""` never cuts a character in two.
// - Case conversion is Unicode-aware (mb_strtolower), like String.prototype.toLowerCase.
// - A null subject is "" (PHP 8 treats null as "" in string functions).
// - Regular expressions are PCRE text with delimiters ("/\d+/i"), translated to RegExp.

import { isNull, leadingNumber, looseEquals, textArg, toText } from "../values.js";

/** Splits text into code points. */
function chars(s: string): string[] {
  return Array.from(s);
}

/** PHP's default trim set: space, tab, newline, carriage return, NUL and vertical tab. */
const PHP_WHITESPACE = " \t\n\r\0\x0B";

/** The characters of a PHP trim list, expanding ranges such as "a..z". */
function trimSet(list: string): Set<string> {
  const set = new Set<string>();
  const cs = chars(list);
  for (let i = 0; i < cs.length; i++) {
    if (cs[i + 1] === "." && cs[i + 2] === "." && i + 3 < cs.length) {
      const from = cs[i].codePointAt(0) as number;
      const to = cs[i + 3].codePointAt(0) as number;
      for (let c = from; c <= to; c++) set.add(String.fromCodePoint(c));
      i += 3;
    } else {
      set.add(cs[i]);
    }
  }
  return set;
}

function trimSides(v: unknown, list: unknown, left: boolean, right: boolean, filter: string): string {
  const cs = chars(textArg(v, filter));
  const set = trimSet(isNull(list) ? PHP_WHITESPACE : toText(list));
  let start = 0;
  let end = cs.length;
  while (left && start < end && set.has(cs[start])) start++;
  while (right && end > start && set.has(cs[end - 1])) end--;
  return cs.slice(start, end).join("");
}

/**
 * Removes whitespace (or the given characters, PHP style: "abc" or "a..z") from both ends.
 * Only PHP's ASCII whitespace counts, so unlike String.prototype.trim a no-break space stays.
 */
export function trim(v: unknown, characters?: unknown): string {
  return trimSides(v, characters, true, true, "trim");
}

/** `trim`, left side only. */
export function ltrim(v: unknown, characters?: unknown): string {
  return trimSides(v, characters, true, false, "ltrim");
}

/** `trim`, right side only. */
export function rtrim(v: unknown, characters?: unknown): string {
  return trimSides(v, characters, false, true, "rtrim");
}

/** Lower case ("Hi" → "hi"); also the input filter `lower`. */
export function toLower(v: unknown): string {
  return textArg(v, "to_lower").toLowerCase();
}

/** Upper case ("Hi" → "HI"); also the input filter `upper`. */
export function toUpper(v: unknown): string {
  return textArg(v, "to_upper").toUpperCase();
}

/** Upper-cases the first letter of every word, leaving the rest ("hi there" → "Hi There"). */
export function capitalize(v: unknown): string {
  return textArg(v, "capitalize").replace(
    /(^|[ \t\r\n\f\v])(\S)/gu,
    (_m, sep: string, c: string) => sep + c.toUpperCase(),
  );
}

/** Number of characters (code points): "hello" → 5. */
export function strlen(v: unknown): number {
  return chars(textArg(v, "strlen")).length;
}

/**
 * Part of a text: `"hello"|substr:1:3` → "ell". As PHP's mb_substr, a negative start counts
 * from the end, a negative length leaves that many characters off the end.
 */
export function substr(v: unknown, start: unknown, length?: unknown): string {
  const cs = chars(textArg(v, "substr"));
  const n = cs.length;
  const s = Math.trunc(Number(start) || 0);
  const from = s < 0 ? Math.max(n + s, 0) : Math.min(s, n);
  let to = n;
  if (!isNull(length)) {
    const len = Math.trunc(Number(length) || 0);
    to = len < 0 ? n + len : Math.min(from + len, n);
  }
  return to > from ? cs.slice(from, to).join("") : "";
}

/**
 * Splits text on a separator: `"a,b,c"|split:","` → ["a","b","c"]; an empty separator
 * gives the characters. An optional limit works as PHP's explode limit.
 */
export function split(v: unknown, separator: unknown, limit?: unknown): string[] {
  const s = textArg(v, "split");
  const sep = toText(separator);
  let parts = sep === "" ? chars(s) : s.split(sep);
  if (!isNull(limit)) {
    const l = Math.trunc(Number(limit) || 0);
    if (l > 0 && parts.length > l) parts = [...parts.slice(0, l - 1), parts.slice(l - 1).join(sep)];
    else if (l < 0) parts = parts.slice(0, l);
    else if (l === 0) parts = [parts.join(sep)];
  }
  return parts;
}

/**
 * Replaces every occurrence: `"hello"|replace:"l":"x"` → "hexxo". Like PHP's str_replace,
 * the search may be an array (each item replaced in turn, by the matching replacement
 * item, or by the single replacement text) and an empty search changes nothing.
 */
export function replace(v: unknown, search: unknown, replacement: unknown): string {
  let s = textArg(v, "replace");
  const searches = Array.isArray(search) ? search : [search];
  searches.forEach((item, i) => {
    const needle = toText(item);
    const by = Array.isArray(replacement) ? toText(replacement[i]) : toText(replacement);
    if (needle !== "") s = s.split(needle).join(by);
  });
  return s;
}

/**
 * Whether the text contains the given text (`"hello"|contains:"ell"` → true). On an array
 * (outside a db query) it tells whether an item equals the value.
 */
export function contains(v: unknown, needle: unknown): boolean {
  if (Array.isArray(v)) return v.some((item) => looseEquals(item, needle));
  return textArg(v, "contains").includes(toText(needle));
}

/** `contains`, ignoring case. */
export function icontains(v: unknown, needle: unknown): boolean {
  return textArg(v, "icontains").toLowerCase().includes(toText(needle).toLowerCase());
}

/** Whether the text starts with the given text. */
export function startsWith(v: unknown, prefix: unknown): boolean {
  return textArg(v, "starts_with").startsWith(toText(prefix));
}

/** `starts_with`, ignoring case. */
export function istartsWith(v: unknown, prefix: unknown): boolean {
  return textArg(v, "istarts_with").toLowerCase().startsWith(toText(prefix).toLowerCase());
}

/** Whether the text ends with the given text. */
export function endsWith(v: unknown, suffix: unknown): boolean {
  return textArg(v, "ends_with").endsWith(toText(suffix));
}

/** `ends_with`, ignoring case. */
export function iendsWith(v: unknown, suffix: unknown): boolean {
  return textArg(v, "iends_with").toLowerCase().endsWith(toText(suffix).toLowerCase());
}

function position(haystack: string, needle: string): number | false {
  const at = haystack.indexOf(needle);
  return at < 0 ? false : chars(haystack.slice(0, at)).length;
}

/**
 * Position of a text inside another (`"Epic Battle"|index:"Battle"` → 5), or false when it
 * is absent (PHP's strpos). On an array it returns the item at that position, or null,
 * which is how the exercises use it (`$dp|index:$k`).
 */
export function index(v: unknown, needle: unknown): any {
  if (Array.isArray(v)) {
    const i = Number(needle);
    return Number.isInteger(i) && i >= 0 && i < v.length ? v[i] : null;
  }
  return position(textArg(v, "index"), toText(needle));
}

/** `index` on text, ignoring case (PHP's stripos). */
export function iindex(v: unknown, needle: unknown): number | false {
  return position(textArg(v, "iindex").toLowerCase(), toText(needle).toLowerCase());
}

/**
 * Joins two values as text with an optional separator: `"a"|concat:"b":"-"` → "a-b".
 * (Exported as `concatText`: `concat` is the `~` operator in values.ts.)
 */
export function concatText(v: unknown, other: unknown, separator?: unknown): string {
  return toText(v) + toText(separator) + toText(other);
}

function pad(v: unknown, length: unknown, padding: unknown, atStart: boolean, filter: string): string {
  const s = textArg(v, filter);
  const fill = isNull(padding) ? " " : toText(padding);
  const missing = Math.trunc(Number(length) || 0) - chars(s).length;
  if (missing <= 0 || fill === "") return s;
  const fillChars = chars(fill);
  const extra = Array.from({ length: missing }, (_, i) => fillChars[i % fillChars.length]).join("");
  return atStart ? extra + s : s + extra;
}

/** Pads on the left to a length: `"5"|pad_start:3:"0"` → "005". */
export function padStart(v: unknown, length: unknown, padding?: unknown): string {
  return pad(v, length, padding, true, "pad_start");
}

/** Pads on the right to a length: `"5"|pad_end:3:"0"` → "500". */
export function padEnd(v: unknown, length: unknown, padding?: unknown): string {
  return pad(v, length, padding, false, "pad_end");
}

// ---------------------------------------------------------------------------------------
// sprintf

const SPEC = /%(?:(\d+)\$)?((?:[-+ 0]|'.)*)(\d+)?(?:\.(\d+))?([bcdeEfFgGosuxX%])/gu;

/** A sprintf argument as a number: text by its leading number ("12abc" → 12), like PHP. */
function numeric(v: unknown): number {
  const n = typeof v === "string" ? (leadingNumber(v) ?? 0) : Number(isNull(v) ? 0 : v);
  return Number.isNaN(n) ? 0 : n;
}

function toInteger(v: unknown): bigint {
  const n = Math.trunc(numeric(v));
  return BigInt(Number.isFinite(n) ? n : 0);
}

/** PHP writes exponents without padding: 1.5e+3, not 1.5e+03. */
function phpExponent(n: number, precision: number): string {
  const [m, e] = n.toExponential(precision).split("e");
  return `${m}e${e.startsWith("-") ? e : `+${e.replace("+", "")}`}`;
}

function formatOne(conv: string, arg: unknown, precision: number | undefined, plus: boolean): string {
  const num = () => numeric(arg);
  const signed = (s: string, negative: boolean) => (negative ? s : plus ? `+${s}` : s);
  switch (conv) {
    case "s": {
      const s = toText(arg);
      return precision === undefined ? s : chars(s).slice(0, precision).join("");
    }
    case "d": {
      const i = toInteger(arg);
      return signed(i.toString(), i < 0n);
    }
    case "u":
      return BigInt.asUintN(64, toInteger(arg)).toString();
    case "c":
      return String.fromCodePoint(Number(BigInt.asUintN(21, toInteger(arg))));
    case "b":
      return BigInt.asUintN(64, toInteger(arg)).toString(2);
    case "o":
      return BigInt.asUintN(64, toInteger(arg)).toString(8);
    case "x":
      return BigInt.asUintN(64, toInteger(arg)).toString(16);
    case "X":
      return BigInt.asUintN(64, toInteger(arg)).toString(16).toUpperCase();
    case "e":
    case "E": {
      const s = phpExponent(num(), precision ?? 6);
      return signed(conv === "E" ? s.toUpperCase() : s, num() < 0);
    }
    case "f":
    case "F":
      return signed(num().toFixed(precision ?? 6), num() < 0);
    case "g":
    case "G": {
      const p = Math.max(precision ?? 6, 1);
      const n = num();
      const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
      const s = exp < -4 || exp >= p ? phpExponent(n, p - 1).replace(/\.?0+e/, "e") : String(Number(n.toPrecision(p)));
      return signed(conv === "G" ? s.toUpperCase() : s, n < 0);
    }
    default:
      return "%";
  }
}

/**
 * PHP's sprintf: `"Hello %s, you have %d new messages"|sprintf:"Bob":5`. Supports %s %d %u
 * %c %b %o %x %X %e %E %f %F %g %G %%, argument numbers (%1$s), flags - + space 0 and 'c,
 * width and precision.
 */
export function sprintf(format: unknown, ...args: unknown[]): string {
  let next = 0;
  return textArg(format, "sprintf").replace(
    SPEC,
    (
      _m,
      argnum: string | undefined,
      flags: string,
      width: string | undefined,
      precision: string | undefined,
      conv: string,
    ) => {
      if (conv === "%") return "%";
      const arg = argnum ? args[Number(argnum) - 1] : args[next++];
      let s = formatOne(conv, arg, precision === undefined ? undefined : Number(precision), flags.includes("+"));
      const w = Number(width ?? 0);
      if (chars(s).length >= w) return s;
      const custom = /'(.)/u.exec(flags);
      const padChar = custom ? custom[1] : flags.includes("0") ? "0" : " ";
      const missing = w - chars(s).length;
      if (flags.includes("-")) return s + (padChar === "0" ? " " : padChar).repeat(missing);
      if (padChar === "0" && /^[+-]/.test(s) && "deEfFgGu".includes(conv)) {
        s = s[0] + "0".repeat(missing) + s.slice(1);
        return s;
      }
      return padChar.repeat(missing) + s;
    },
  );
}

// ---------------------------------------------------------------------------------------
// Regular expressions

const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

const POSIX_CLASSES: Record<string, string> = {
  alpha: "a-zA-Z",
  digit: "0-9",
  alnum: "a-zA-Z0-9",
  upper: "A-Z",
  lower: "a-z",
  space: "\\s",
  xdigit: "0-9A-Fa-f",
  word: "\\w",
  punct: "!-\\/:-@\\[-`{-~",
};

/** Drops the whitespace and #-comments of an extended (x) pattern, outside classes. */
function stripExtended(body: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      out += c + (body[i + 1] ?? "");
      i++;
    } else if (inClass) {
      out += c;
      if (c === "]") inClass = false;
    } else if (c === "[") {
      out += c;
      inClass = true;
    } else if (c === "#") {
      while (i < body.length && body[i] !== "\n") i++;
    } else if (!/\s/.test(c)) {
      out += c;
    }
  }
  return out;
}

/**
 * A PCRE pattern with delimiters ("/…/flags", "#…#i", "{…}") as a RegExp. Modifiers i, m,
 * s, u and x are supported (D and S change nothing here); U, A and others are errors.
 */
export function toRegExp(pattern: unknown, global = false): RegExp {
  const text = textArg(pattern, "regex");
  const open = text[0];
  if (!open || /[A-Za-z0-9\\\s]/.test(open)) {
    throw new SyntaxError(`regex: ${JSON.stringify(text)} needs delimiters, e.g. "/…/"`);
  }
  const close = CLOSING[open] ?? open;
  const end = text.lastIndexOf(close);
  if (end <= 0) throw new SyntaxError(`regex: no ending delimiter ${JSON.stringify(close)} in ${JSON.stringify(text)}`);
  let body = text.slice(1, end);
  const flags = new Set(global ? ["g"] : []);
  for (const m of text.slice(end + 1)) {
    if ("imsu".includes(m)) flags.add(m);
    else if (m === "x") body = stripExtended(body);
    else if (m !== "D" && m !== "S" && m !== "\n") throw new SyntaxError(`regex: modifier "${m}" is not supported`);
  }
  if (!/[.*+?^${}()|[\]\\/-]/.test(open)) body = body.split(`\\${open}`).join(open);
  body = body
    .replace(/\(\?P</g, "(?<")
    .replace(/\(\?P=(\w+)\)/g, "\\k<$1>")
    .replace(/\\A/g, "^")
    .replace(/\\[zZ]/g, "$")
    .replace(/\[:(\w+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m);
  return new RegExp(body, [...flags].join(""));
}

function isPattern(v: unknown): boolean {
  try {
    toRegExp(v);
    return true;
  } catch {
    return false;
  }
}

/**
 * The regex filters take the pattern as their subject (`"/\s+/"|regex_replace:"-":$text`,
 * as the reference and Xano's docs write them). Three exercises write the text first
 * (`$text|regex_replace:"/[^a-z]/":""`); when the subject is not a pattern and the first
 * argument is, the operands are read in that order instead.
 */
function patternFirst(subject: unknown, first: unknown): boolean {
  return isPattern(subject) || !isPattern(first);
}

/** Whether a regular expression matches: `"/^a.*c$/"|regex_matches:"abbbbc"` → true. */
export function regexMatches(pattern: unknown, subject: unknown): boolean {
  if (!patternFirst(pattern, subject)) return regexMatches(subject, pattern);
  return toRegExp(pattern).test(textArg(subject, "regex_matches"));
}

/** A match as PHP lists it: groups that did not take part are "", trailing ones dropped. */
function matchList(m: RegExpExecArray): string[] {
  const out = Array.from(m, (g) => g ?? "");
  let last = m.length - 1;
  while (last > 0 && m[last] === undefined) last--;
  return out.slice(0, last + 1);
}

/**
 * The first match and its groups (PHP's preg_match): `"/(\w+)@(\w+)/"|regex_get_first_match:
 * "a@b"` → ["a@b","a","b"]; [] when nothing matches.
 */
export function regexGetFirstMatch(pattern: unknown, subject: unknown): string[] {
  if (!patternFirst(pattern, subject)) return regexGetFirstMatch(subject, pattern);
  const m = toRegExp(pattern).exec(textArg(subject, "regex_get_first_match"));
  return m ? matchList(m) : [];
}

/**
 * Every match, grouped as PHP's preg_match_all does by default: one list of whole matches,
 * then one list per group. `"/\w+/"|regex_get_all_matches:"a b c"` → [["a","b","c"]].
 */
export function regexGetAllMatches(pattern: unknown, subject: unknown): string[][] {
  if (!patternFirst(pattern, subject)) return regexGetAllMatches(subject, pattern);
  const re = toRegExp(pattern, true);
  const groupCount = (new RegExp(`${re.source}|`, re.flags.replace("g", "")).exec("") as RegExpExecArray).length;
  const out: string[][] = Array.from({ length: groupCount }, () => []);
  for (const m of textArg(subject, "regex_get_all_matches").matchAll(re)) {
    out.forEach((list, g) => list.push(m[g] ?? ""));
  }
  return out;
}

/**
 * Replaces every match: `"/\s+/"|regex_replace:"-":"a  b"` → "a-b". The replacement may
 * refer to groups as $1, ${1} or \1 (PHP syntax); any other `$` is literal.
 */
export function regexReplace(pattern: unknown, replacement: unknown, subject: unknown): string {
  if (!patternFirst(pattern, replacement)) return regexReplace(replacement, subject, pattern);
  const by = toText(replacement);
  return textArg(subject, "regex_replace").replace(toRegExp(pattern, true), (...m: unknown[]) => {
    const groups = m.slice(0, -2).filter((g) => typeof g === "string" || g === undefined);
    return by.replace(/\\(\d{1,2})|\$(\d{1,2})|\$\{(\d{1,2})\}/g, (_r, a?: string, b?: string, c?: string) => {
      const g = groups[Number(a ?? b ?? c)];
      return typeof g === "string" ? g : "";
    });
  });
}

/**
 * Escapes regular-expression characters (PHP's preg_quote), plus the delimiter if given:
 * `"^test$"|regex_quote` → "\^test\$".
 */
export function regexQuote(v: unknown, delimiter?: unknown): string {
  const extra = isNull(delimiter) ? "" : toText(delimiter);
  return chars(textArg(v, "regex_quote"))
    .map((c) =>
      c === "\0" ? "\\000" : ".\\+*?[^]$(){}=!<>|:-#/".includes(c) || (c !== "" && extra.includes(c)) ? `\\${c}` : c,
    )
    .join("");
}

// ---------------------------------------------------------------------------------------
// Escaping and cleaning

/** Backslash before ', ", \ and NUL (PHP's addslashes): `'say "hi"'` → `say \"hi\"`. */
export function addslashes(v: unknown): string {
  return textArg(v, "addslashes").replace(/[\\'"\0]/g, (c) => (c === "\0" ? "\\0" : `\\${c}`));
}

const ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\f": "\\f",
  "\b": "\\b",
  "\0": "\\0",
};

/**
 * Writes special characters as backslash escapes (newline → \n, " → \"), as Xano's own
 * filter documentation shows. The xanoscript reference instead shows HTML escaping
 * (`"<script>"|escape` → "&lt;script&gt;"); we follow Xano's product docs. For HTML, use
 * `htmlEscape`.
 */
export function escape(v: unknown): string {
  return textArg(v, "escape").replace(/[\\"\n\r\t\v\f\b\0]/g, (c) => ESCAPES[c]);
}

/** Same as `escape`: "escape for text output" (the reference gives no more detail). */
export function textEscape(v: unknown): string {
  return escape(v);
}

const UNESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", v: "\v", f: "\f", b: "\b", "0": "\0" };

/** Undoes `text_escape`: "\n" becomes a newline, `\"` a quote, `\\` a backslash. */
export function textUnescape(v: unknown): string {
  return textArg(v, "text_unescape").replace(/\\(.)/gsu, (_m, c: string) => UNESCAPES[c] ?? c);
}

/** HTML special characters as entities (&, <, >, ", '); not a Xano filter, a helper. */
export function htmlEscape(v: unknown): string {
  const map: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;" };
  return textArg(v, "html_escape").replace(/[&<>"']/g, (c) => map[c]);
}

/**
 * Removes HTML tags and comments, keeping the text (PHP's strip_tags; also `strip_tags`).
 * Tags named in `allowed` ("<b><i>") are kept.
 */
export function stripHtml(v: unknown, allowed?: unknown): string {
  const keep = new Set(
    (
      toText(allowed)
        .toLowerCase()
        .match(/<([a-z0-9]+)>/g) ?? []
    ).map((t) => t.slice(1, -1)),
  );
  return textArg(v, "strip_html")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<[!?][^>]*>/g, (tag, name?: string) =>
      name && keep.has(name.toLowerCase()) ? tag : "",
    );
}

const SAFE_TAGS = new Set(
  "a b i u em strong p br ul ol li span div h1 h2 h3 h4 h5 h6 blockquote code pre hr small sub sup".split(" "),
);

/**
 * Keeps a small set of harmless tags (b, i, p, a, lists, headings, …) without their
 * attributes, except an http(s)/mailto `href` on links; drops script/style content and
 * every other tag. The reference names this filter without describing it; this is our
 * conservative reading.
 */
export function sanitizeHtml(v: unknown): string {
  return textArg(v, "sanitize_html")
    .replace(/<(script|style|iframe|object|embed|template)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g, (_tag, close: string, name: string, attrs: string) => {
      const tag = name.toLowerCase();
      if (!SAFE_TAGS.has(tag)) return "";
      if (close || tag !== "a") return `<${close}${tag}>`;
      const href = /\bhref\s*=\s*("([^"]*)"|'([^']*)')/i.exec(attrs);
      const url = href ? (href[2] ?? href[3] ?? "") : "";
      return /^(https?:|mailto:)/i.test(url.trim()) ? `<a href="${url.replace(/"/g, "&quot;")}">` : "<a>";
    });
}

const UNACCENTED: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  ø: "o",
  Ø: "O",
  œ: "oe",
  Œ: "OE",
  đ: "d",
  Đ: "D",
  ł: "l",
  Ł: "L",
  þ: "th",
  Þ: "TH",
  ð: "d",
  Ð: "D",
  ı: "i",
};

/** Removes accents: "études" → "etudes" (also `strip_accents`). */
export function unaccent(v: unknown): string {
  return textArg(v, "unaccent")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[ßæÆøØœŒđĐłŁþÞðÐı]/g, (c) => UNACCENTED[c]);
}
