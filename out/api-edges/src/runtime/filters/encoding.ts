// Encoding filters (the reference's "Encoding Filters", "Character Encoding", "CSV & Query
// String"): base64, URLs, hex, CSV, XML, YAML and character sets.
//
// Text and bytes: XanoScript text is a PHP string, that is bytes. Here text is a JavaScript
// string and is turned into bytes as UTF-8. A filter whose result is not valid UTF-8 (e.g.
// hex2bin of "e9", base64_decode of a cipher text) returns a Uint8Array instead, which the
// next byte-oriented filter (base64_encode, bin2hex, decrypt, md5, …) reads back unchanged.

import { isNull, isPlainObject, numericText, ownValue, setOwn, textArg, toText, typeName } from "../values.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The bytes of a value: a Uint8Array as it is, anything else as UTF-8 text. */
export function bytesOf(v: unknown): Buffer {
  return v instanceof Uint8Array ? Buffer.from(v) : Buffer.from(toText(v), "utf8");
}

/** Bytes as a value: text when they are valid UTF-8, otherwise the bytes themselves. */
export function fromBytes(bytes: Uint8Array): string | Uint8Array {
  try {
    return UTF8.decode(bytes);
  } catch {
    return Uint8Array.from(bytes);
  }
}

// ---------------------------------------------------------------------------------------
// base64 and hex

/** `"hello"|base64_encode` → "aGVsbG8=". */
export function base64Encode(v: unknown): string {
  return bytesOf(v).toString("base64");
}

/** `"aGVsbG8="|base64_decode` → "hello" (invalid characters are skipped, like PHP). */
export function base64Decode(v: unknown): string | Uint8Array {
  return fromBytes(Buffer.from(textArg(v, "base64_decode"), "base64"));
}

/** URL-safe base64 ("-" and "_", no "=" padding): `"hello?"|base64_encode_urlsafe` → "aGVsbG8_". */
export function base64EncodeUrlsafe(v: unknown): string {
  return bytesOf(v).toString("base64url");
}

/** Decodes URL-safe base64, with or without padding. */
export function base64DecodeUrlsafe(v: unknown): string | Uint8Array {
  return fromBytes(Buffer.from(textArg(v, "base64_decode_urlsafe"), "base64url"));
}

/** `"hello"|bin2hex` → "68656c6c6f". */
export function bin2hex(v: unknown): string {
  return bytesOf(v).toString("hex");
}

/** `"68656c6c6f"|hex2bin` → "hello". Text that is not an even number of hex digits is an error. */
export function hex2bin(v: unknown): string | Uint8Array {
  const hex = textArg(v, "hex2bin");
  if (!/^([0-9a-fA-F]{2})*$/.test(hex))
    throw new RangeError("hex2bin: the text is not an even number of hexadecimal digits");
  return fromBytes(Buffer.from(hex, "hex"));
}

// ---------------------------------------------------------------------------------------
// URLs

function percentEncode(v: unknown): string {
  return [...bytesOf(v)]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

function percentDecode(text: string, plusIsSpace: boolean): string | Uint8Array {
  const source = Buffer.from(plusIsSpace ? text.replace(/\+/g, " ") : text, "utf8");
  const out: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const hex = source.subarray(i + 1, i + 3).toString("latin1");
    if (source[i] === 0x25 && /^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(source[i]);
    }
  }
  return fromBytes(Uint8Array.from(out));
}

/**
 * `"Hello, World!"|url_encode` → "Hello%2C%20World%21": every byte except letters, digits
 * and `-_.~` is %-encoded, spaces as %20 (Xano's documented output; PHP's urlencode
 * would write "+").
 */
export function urlEncode(v: unknown): string {
  return percentEncode(v);
}

/** `"a%20b"|url_decode` → "a b"; "+" also reads as a space (PHP's urldecode). */
export function urlDecode(v: unknown): string | Uint8Array {
  return percentDecode(textArg(v, "url_decode"), true);
}

/** RFC 3986 encoding (PHP's rawurlencode): the same as `url_encode`. */
export function urlEncodeRfc3986(v: unknown): string {
  return percentEncode(v);
}

/** RFC 3986 decoding: "+" stays "+" (PHP's rawurldecode). */
export function urlDecodeRfc3986(v: unknown): string | Uint8Array {
  return percentDecode(textArg(v, "url_decode_rfc3986"), false);
}

function splitUrl(url: string): { base: string; query: string | null; fragment: string } {
  const hash = url.indexOf("#");
  const fragment = hash < 0 ? "" : url.slice(hash);
  const rest = hash < 0 ? url : url.slice(0, hash);
  const q = rest.indexOf("?");
  return { base: q < 0 ? rest : rest.slice(0, q), query: q < 0 ? null : rest.slice(q + 1), fragment };
}

function queryPairs(query: string | null): string[] {
  return query ? query.split("&").filter((p) => p !== "") : [];
}

function pairKey(pair: string): string {
  return toText(percentDecode(pair.split("=")[0], true));
}

/**
 * `"https://example.com?foo=bar"|url_addarg:"fiz":"buz"` → "https://example.com?foo=bar&fiz=buz".
 * An argument already present is replaced. Pass false as `encode` to add the value as is.
 */
export function urlAddarg(v: unknown, key: unknown, value: unknown, encode: unknown = true): string {
  const { base, query, fragment } = splitUrl(textArg(v, "url_addarg"));
  const name = toText(key);
  const pairs = queryPairs(query).filter((p) => pairKey(p) !== name);
  pairs.push(`${percentEncode(name)}=${encode === false ? toText(value) : percentEncode(value)}`);
  return `${base}?${pairs.join("&")}${fragment}`;
}

/** `"https://example.com?foo=bar&fiz=buz"|url_delarg:"fiz"` → "https://example.com?foo=bar". */
export function urlDelarg(v: unknown, key: unknown): string {
  const { base, query, fragment } = splitUrl(textArg(v, "url_delarg"));
  const pairs = queryPairs(query).filter((p) => pairKey(p) !== toText(key));
  return `${base}${pairs.length > 0 ? `?${pairs.join("&")}` : ""}${fragment}`;
}

/** Whether the URL has the query argument. */
export function urlHasarg(v: unknown, key: unknown): boolean {
  return queryPairs(splitUrl(textArg(v, "url_hasarg")).query).some((p) => pairKey(p) === toText(key));
}

/** The query argument's value, decoded (`url_getarg:"fiz"` → "buz"), or the default (null). */
export function urlGetarg(v: unknown, key: unknown, defaultValue: unknown = null): any {
  const pair = queryPairs(splitUrl(textArg(v, "url_getarg")).query).find((p) => pairKey(p) === toText(key));
  if (pair === undefined) return defaultValue;
  const eq = pair.indexOf("=");
  return eq < 0 ? "" : percentDecode(pair.slice(eq + 1), true);
}

/**
 * A URL's parts, named as PHP's parse_url names them (scheme, host, port, user, pass, path,
 * query, fragment); parts that are absent are left out.
 */
export function urlParse(v: unknown): Record<string, unknown> {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(
    textArg(v, "url_parse"),
  );
  const out: Record<string, unknown> = {};
  if (!m) return out;
  const [, scheme, authority, path, query, fragment] = m;
  if (scheme !== undefined) out.scheme = scheme;
  if (authority !== undefined) {
    const at = authority.lastIndexOf("@");
    const hostPort = at < 0 ? authority : authority.slice(at + 1);
    const hp = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
    out.host = hp ? hp[1] : hostPort;
    if (hp && hp[2]) out.port = Number(hp[2]);
    if (at >= 0) {
      const [user, ...pass] = authority.slice(0, at).split(":");
      out.user = user;
      if (pass.length > 0) out.pass = pass.join(":");
    }
  }
  if (path !== "") out.path = path;
  if (query !== undefined) out.query = query;
  if (fragment !== undefined) out.fragment = fragment;
  return out;
}

/**
 * `"a=1&b=2"|querystring_parse` → {a:"1", b:"2"}, as PHP's parse_str: `a[]=1&a[]=2` makes a
 * list, `a[x]=1` an object, a leading "?" is ignored.
 */
export function querystringParse(v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of queryPairs(textArg(v, "querystring_parse").replace(/^\?/, ""))) {
    const eq = pair.indexOf("=");
    const rawKey = toText(percentDecode(eq < 0 ? pair : pair.slice(0, eq), true));
    const value = eq < 0 ? "" : toText(percentDecode(pair.slice(eq + 1), true));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    const path = m ? [m[1], ...[...m[2].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1])] : [rawKey];
    assignQuery(out, path, value);
  }
  return out;
}

function assignQuery(target: Record<string, unknown> | unknown[], path: string[], value: string): void {
  const [key, ...rest] = path;
  const slot = (k: string, v: unknown) => {
    if (Array.isArray(target)) {
      if (k === "") target.push(v);
      else (target as unknown[])[Number(k)] = v;
    } else {
      setOwn(target, k === "" ? String(Object.keys(target).length) : k, v);
    }
  };
  if (rest.length === 0) return slot(key, value);
  const existing = Array.isArray(target) ? (key === "" ? undefined : target[Number(key)]) : ownValue(target, key);
  const child = Array.isArray(existing) || isPlainObject(existing) ? existing : rest[0] === "" ? [] : {};
  if (child !== existing) slot(key, child);
  assignQuery(child as Record<string, unknown> | unknown[], rest, value);
}

// ---------------------------------------------------------------------------------------
// CSV

interface CsvOptions {
  separator: string;
  enclosure: string;
}

function csvOptions(separator: unknown, enclosure: unknown): CsvOptions {
  return {
    separator: isNull(separator) ? "," : toText(separator),
    enclosure: isNull(enclosure) ? '"' : toText(enclosure),
  };
}

function csvRows(text: string, { separator, enclosure }: CsvOptions): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === enclosure && text[i + 1] === enclosure) {
        field += c;
        i += 2;
        continue;
      }
      if (c === enclosure) quoted = false;
      else field += c;
      i++;
    } else if (c === enclosure && field === "") {
      quoted = true;
      i++;
    } else if (text.startsWith(separator, i)) {
      row.push(field);
      field = "";
      i += separator.length;
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** CSV text as rows of fields: `"a,b\n1,2"|csv_decode` → [["a","b"],["1","2"]]. */
export function csvDecode(v: unknown, separator?: unknown, enclosure?: unknown): string[][] {
  return csvRows(textArg(v, "csv_decode"), csvOptions(separator, enclosure));
}

/** CSV text as objects keyed by the header row: `"a,b\n1,2"|csv_parse` → [{a:"1",b:"2"}]. */
export function csvParse(v: unknown, separator?: unknown, enclosure?: unknown): Array<Record<string, string>> {
  const [header = [], ...rows] = csvRows(textArg(v, "csv_parse"), csvOptions(separator, enclosure));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i] ?? ""])));
}

function csvField(v: unknown, { separator, enclosure }: CsvOptions): string {
  const s = toText(v);
  const needsQuotes = s.includes(separator) || s.includes(enclosure) || /[\s\\]/.test(s);
  return needsQuotes ? enclosure + s.split(enclosure).join(enclosure + enclosure) + enclosure : s;
}

function csvLine(row: unknown, options: CsvOptions): string {
  const fields = Array.isArray(row) ? row : isPlainObject(row) ? Object.values(row) : [row];
  return fields.map((f) => csvField(f, options)).join(options.separator);
}

/**
 * Rows (arrays, or objects whose values are taken in order) as CSV text, one "\n"-ended
 * line each; fields holding the separator, the enclosure or whitespace are quoted (fputcsv).
 */
export function csvEncode(v: unknown, separator?: unknown, enclosure?: unknown): string {
  const options = csvOptions(separator, enclosure);
  return (Array.isArray(v) ? v : []).map((row) => `${csvLine(row, options)}\n`).join("");
}

/**
 * `["name","age"]|csv_create:$rows` → a header line, then one line per row. Object rows are
 * read by column name, array rows in order.
 */
export function csvCreate(columns: unknown, rows: unknown, separator?: unknown, enclosure?: unknown): string {
  const names = Array.isArray(columns) ? columns.map(toText) : [];
  const lines = (Array.isArray(rows) ? rows : []).map((row) =>
    isPlainObject(row) ? names.map((n) => row[n] ?? null) : row,
  );
  return csvEncode([names, ...lines], separator, enclosure);
}

// ---------------------------------------------------------------------------------------
// XML

const XML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : (XML_ENTITIES[e] ?? m),
  );
}

class XmlReader {
  i = 0;
  constructor(private readonly s: string) {}

  fail(message: string): never {
    throw new SyntaxError(`xml_decode: ${message} at offset ${this.i}`);
  }

  skipMisc(): void {
    for (;;) {
      const rest = this.s.slice(this.i);
      const ws = /^\s+/.exec(rest);
      if (ws) this.i += ws[0].length;
      else if (rest.startsWith("<?")) this.i = this.after("?>");
      else if (rest.startsWith("<!--")) this.i = this.after("-->");
      else if (rest.startsWith("<!")) this.i = this.after(">");
      else return;
    }
  }

  after(end: string): number {
    const at = this.s.indexOf(end, this.i);
    if (at < 0) this.fail(`missing "${end}"`);
    return at + end.length;
  }

  element(): { name: string; node: Record<string, unknown> } {
    const open = /^<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(this.s.slice(this.i));
    if (!open) this.fail("expected an element");
    this.i += open[0].length;
    const attributes: Record<string, string> = {};
    for (const a of open[2].matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
      attributes[a[1]] = xmlText(a[2] ?? a[3] ?? "");
    const node: Record<string, unknown> = { "@attributes": Object.keys(attributes).length > 0 ? attributes : [] };
    if (open[3] === "/") return { name: open[1], node: { ...node, value: "" } };
    const children: unknown[] = [];
    let text = "";
    for (;;) {
      const rest = this.s.slice(this.i);
      if (rest === "") this.fail(`missing </${open[1]}>`);
      if (rest.startsWith("</")) {
        this.i = this.after(">");
        break;
      }
      if (rest.startsWith("<![CDATA[")) {
        const end = this.s.indexOf("]]>", this.i);
        if (end < 0) this.fail('missing "]]>"');
        text += this.s.slice(this.i + 9, end);
        this.i = end + 3;
      } else if (rest.startsWith("<!--") || rest.startsWith("<?")) {
        this.i = this.after(rest.startsWith("<?") ? "?>" : "-->");
      } else if (rest.startsWith("<")) {
        if (text.trim() !== "") children.push(text.trim());
        text = "";
        const child = this.element();
        children.push({ [child.name]: child.node });
      } else {
        const end = this.s.indexOf("<", this.i);
        text += xmlText(this.s.slice(this.i, end < 0 ? undefined : end));
        this.i = end < 0 ? this.s.length : end;
      }
    }
    if (children.length === 0) return { name: open[1], node: { ...node, value: text } };
    if (text.trim() !== "") children.push(text.trim());
    return { name: open[1], node: { ...node, value: children } };
  }
}

/**
 * XML as data, in the shape Xano documents: every element is {"@attributes": …, "value": …},
 * where value is the text of a leaf element or the list of child elements, each as
 * {name: element}. `"<a>1</a>"|xml_decode` → {a: {"@attributes": [], value: "1"}}.
 */
export function xmlDecode(v: unknown): Record<string, unknown> {
  const reader = new XmlReader(textArg(v, "xml_decode"));
  reader.skipMisc();
  const root = reader.element();
  return { [root.name]: root.node };
}

// ---------------------------------------------------------------------------------------
// YAML (block and flow styles, plain and quoted scalars, | and > block text; no anchors,
// tags or multi-document streams)

const YAML_RESERVED = /^(true|false|null|yes|no|on|off|~|y|n)$/i;

function yamlScalar(v: unknown): string {
  if (isNull(v)) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number")
    return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? ".nan" : v > 0 ? ".inf" : "-.inf";
  const s = toText(v);
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\0-\x1f\x7f]/.test(s)) return JSON.stringify(s);
  const plain =
    s !== "" &&
    !YAML_RESERVED.test(s) &&
    numericText(s) === null &&
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) &&
    !/[:#]\s|:$|\s#|\s$/.test(s);
  return plain ? s : `'${s.replace(/'/g, "''")}'`;
}

function yamlLines(v: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  const isContainer = (x: unknown) =>
    (Array.isArray(x) && x.length > 0) || (isPlainObject(x) && Object.keys(x).length > 0);
  const inline = (x: unknown) => (Array.isArray(x) ? "[]" : isPlainObject(x) ? "{}" : yamlScalar(x));
  if (Array.isArray(v)) {
    return v.flatMap((item) => {
      if (!isContainer(item)) return [`${pad}- ${inline(item)}`];
      const inner = yamlLines(item, indent + 2);
      return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
    });
  }
  return Object.entries(v as Record<string, unknown>).flatMap(([k, item]) =>
    isContainer(item)
      ? [`${pad}${yamlScalar(k)}:`, ...yamlLines(item, indent + 2)]
      : [`${pad}${yamlScalar(k)}: ${inline(item)}`],
  );
}

/** `{a:1,b:2}|yaml_encode` → "a: 1\nb: 2\n" (block style, two-space indent). */
export function yamlEncode(v: unknown): string {
  if (Array.isArray(v) ? v.length === 0 : isPlainObject(v) ? Object.keys(v).length === 0 : true) {
    return `${Array.isArray(v) ? "[]" : isPlainObject(v) ? "{}" : yamlScalar(v)}\n`;
  }
  return `${yamlLines(v, 0).join("\n")}\n`;
}

function resolvePlain(s: string): any {
  if (s === "" || s === "~" || /^null$/i.test(s)) return null;
  if (/^true$/i.test(s)) return true;
  if (/^false$/i.test(s)) return false;
  if (/^[-+]?\d+$/.test(s)) return Number(s);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (/^[-+]?\.inf$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^\.nan$/i.test(s)) return NaN;
  return s;
}

const YAML_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "0": "\0",
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  e: "\x1b",
  " ": " ",
};

/** Reads one quoted scalar at s[i]; returns the value and the index after it. */
function readQuoted(s: string, i: number): [string, number] {
  const q = s[i];
  let out = "";
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (q === "'" && c === "'" && s[j + 1] === "'") {
      out += "'";
      j++;
    } else if (c === q) {
      return [out, j + 1];
    } else if (q === '"' && c === "\\") {
      const e = s[++j];
      if (e === "x" || e === "u" || e === "U") {
        const len = e === "x" ? 2 : e === "u" ? 4 : 8;
        out += String.fromCodePoint(parseInt(s.slice(j + 1, j + 1 + len), 16));
        j += len;
      } else {
        out += YAML_ESCAPES[e] ?? e;
      }
    } else {
      out += c;
    }
  }
  throw new SyntaxError(`yaml_decode: unterminated quoted text ${s.slice(i, i + 20)}`);
}

/** Reads a flow value ([…], {…}, quoted or plain) at s[i]. */
function readFlow(s: string, i: number): [unknown, number] {
  const ws = (j: number) => {
    while (j < s.length && /\s/.test(s[j])) j++;
    return j;
  };
  i = ws(i);
  if (s[i] === "[" || s[i] === "{") {
    const isList = s[i] === "[";
    const close = isList ? "]" : "}";
    const list: unknown[] = [];
    const obj: Record<string, unknown> = {};
    i = ws(i + 1);
    while (s[i] !== close) {
      if (i >= s.length) throw new SyntaxError(`yaml_decode: missing "${close}"`);
      const [item, next] = readFlow(s, i);
      i = ws(next);
      if (!isList || s[i] === ":") {
        let value: unknown = null;
        if (s[i] === ":") [value, i] = readFlow(s, i + 1);
        i = ws(i);
        if (isList) list.push({ [toText(item)]: value });
        else obj[toText(item)] = value;
      } else {
        list.push(item);
      }
      if (s[i] === ",") i = ws(i + 1);
    }
    return [isList ? list : obj, i + 1];
  }
  if (s[i] === '"' || s[i] === "'") return readQuoted(s, i);
  const m = /^[^,\]}]*?(?=\s*(?:[,\]}]|:\s|:$|$))/.exec(s.slice(i)) as RegExpExecArray;
  return [resolvePlain(m[0].trim()), i + m[0].length];
}

function stripComment(s: string): string {
  let quote = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:]/.test(s[i - 1])) quote = c;
    } else if (c === "#" && (i === 0 || /\s/.test(s[i - 1]))) {
      return s.slice(0, i).trimEnd();
    }
  }
  return s.trimEnd();
}

class YamlReader {
  i = 0;
  constructor(readonly lines: string[]) {}

  indentOf(line: string): number {
    return line.length - line.trimStart().length;
  }

  /** Skips blank and comment lines; the next meaningful line's index, or -1. */
  peek(): number {
    while (this.i < this.lines.length) {
      const t = this.lines[this.i].trim();
      if (t === "" || t.startsWith("#") || t === "---" || t === "...") this.i++;
      else return this.i;
    }
    return -1;
  }

  block(minIndent: number): any {
    if (this.peek() < 0) return null;
    const line = this.lines[this.i];
    const indent = this.indentOf(line);
    if (indent < minIndent) return null;
    const content = stripComment(line.trim());
    if (content === "-" || content.startsWith("- ")) return this.sequence(indent);
    if (this.keyOf(content) !== null) return this.mapping(indent);
    this.i++;
    return this.inline(content, indent);
  }

  sequence(indent: number): any[] {
    const items: unknown[] = [];
    while (this.peek() >= 0) {
      const line = this.lines[this.i];
      const content = line.trim();
      if (this.indentOf(line) !== indent || !(content === "-" || content.startsWith("- "))) break;
      const rest = content.slice(1).trimStart();
      if (stripComment(rest) === "") {
        this.i++;
        items.push(this.block(indent + 1));
      } else {
        this.lines[this.i] = " ".repeat(line.length - rest.length) + rest;
        items.push(this.block(indent + 1));
      }
    }
    return items;
  }

  keyOf(content: string): [string, string] | null {
    if (content.startsWith("- ") || content.startsWith("[") || content.startsWith("{")) return null;
    if (content.startsWith('"') || content.startsWith("'")) {
      try {
        const [key, end] = readQuoted(content, 0);
        const rest = content.slice(end).trimStart();
        return rest.startsWith(":") && (rest.length === 1 || /\s/.test(rest[1])) ? [key, rest.slice(1).trim()] : null;
      } catch {
        return null;
      }
    }
    const m = /^([^#]*?)\s*:(?:\s+(.*))?$/.exec(content);
    return m && !m[1].includes(": ") ? [m[1], m[2] ?? ""] : null;
  }

  mapping(indent: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.peek() >= 0) {
      const line = this.lines[this.i];
      const entry = this.indentOf(line) === indent ? this.keyOf(stripComment(line.trim())) : null;
      if (!entry) break;
      const [key, rest] = entry;
      this.i++;
      if (rest !== "") {
        setOwn(out, key, /^[|>]/.test(rest) ? this.blockText(rest, indent) : this.inline(rest, indent));
      } else if (
        this.peek() >= 0 &&
        this.indentOf(this.lines[this.i]) === indent &&
        /^-(\s|$)/.test(this.lines[this.i].trim())
      ) {
        setOwn(out, key, this.sequence(indent));
      } else {
        setOwn(out, key, this.block(indent + 1));
      }
    }
    return out;
  }

  /** A value written after "key:" or "- ", with plain text continued on deeper lines. */
  inline(text: string, indent: number): any {
    if (/^[[{"']/.test(text)) {
      let source = text;
      while (this.i < this.lines.length) {
        try {
          const [value, end] = readFlow(source, 0);
          if (stripComment(source.slice(end)).trim() === "") return value;
        } catch {
          // not complete yet: the flow value continues on the next line
        }
        if (this.i >= this.lines.length || this.indentOf(this.lines[this.i]) <= indent) break;
        source += ` ${this.lines[this.i++].trim()}`;
      }
      return readFlow(source, 0)[0];
    }
    let plain = text;
    while (
      this.peek() >= 0 &&
      this.indentOf(this.lines[this.i]) > indent &&
      this.keyOf(this.lines[this.i].trim()) === null
    ) {
      plain += ` ${stripComment(this.lines[this.i++].trim())}`;
    }
    return resolvePlain(plain);
  }

  /** A `|` (literal) or `>` (folded) block of text, with its chomping indicator. */
  blockText(header: string, indent: number): string {
    const lines: string[] = [];
    let textIndent = -1;
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      if (line.trim() !== "") {
        if (this.indentOf(line) <= indent) break;
        if (textIndent < 0) textIndent = this.indentOf(line);
      }
      lines.push(line.trim() === "" ? "" : line.slice(Math.max(textIndent, 0)));
      this.i++;
    }
    while (lines.length > 0 && lines[lines.length - 1] === "" && !header.includes("+")) lines.pop();
    const body = header.startsWith(">") ? lines.join("\n").replace(/([^\n])\n(?=[^\n])/g, "$1 ") : lines.join("\n");
    return header.includes("-") ? body : `${body}\n`;
  }
}

/** `"a: 1\nb: 2"|yaml_decode` → {a:1, b:2}. */
export function yamlDecode(v: unknown): any {
  const reader = new YamlReader(textArg(v, "yaml_decode").replace(/\r\n?/g, "\n").split("\n"));
  const value = reader.block(0);
  if (reader.peek() >= 0)
    throw new SyntaxError(`yaml_decode: cannot read line ${reader.i + 1}: ${reader.lines[reader.i].trim()}`);
  return value;
}

// ---------------------------------------------------------------------------------------
// Character sets

const ENCODINGS = ["UTF-8", "ASCII", "ISO-8859-1", "Windows-1252", "UTF-16LE", "UTF-16BE"];

/** The character encodings convert_encoding, to_utf8 and from_utf8 know. */
export function listEncodings(_v?: unknown): string[] {
  return [...ENCODINGS];
}

/** "ASCII", "UTF-8", or "ISO-8859-1" for bytes that are not UTF-8: `"étude"|detect_encoding` → "UTF-8". */
export function detectEncoding(v: unknown): string {
  const bytes = bytesOf(v);
  if (bytes.every((b) => b < 0x80)) return "ASCII";
  return fromBytes(bytes) instanceof Uint8Array ? "ISO-8859-1" : "UTF-8";
}

const WIN1252 = "€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ";

function encodingName(name: unknown): string {
  const n = toText(name).toUpperCase().replace(/_/g, "-");
  if (n === "UTF8") return "UTF-8";
  if (n === "LATIN1" || n === "ISO8859-1" || n === "ISO-8859-15") return "ISO-8859-1";
  if (n === "CP1252" || n === "WINDOWS1252") return "WINDOWS-1252";
  if (n === "US-ASCII") return "ASCII";
  return n;
}

function encodeAs(text: string, encoding: string): Uint8Array {
  switch (encoding) {
    case "UTF-8":
      return Buffer.from(text, "utf8");
    case "ISO-8859-1":
    case "ASCII": {
      const limit = encoding === "ASCII" ? 0x80 : 0x100;
      return Uint8Array.from(
        [...text].map((c) => ((c.codePointAt(0) as number) < limit ? (c.codePointAt(0) as number) : 0x3f)),
      );
    }
    case "WINDOWS-1252":
      return Uint8Array.from(
        [...text].map((c) => {
          const cp = c.codePointAt(0) as number;
          const high = WIN1252.indexOf(c);
          return high >= 0 ? 0x80 + high : cp < 0x80 || (cp >= 0xa0 && cp < 0x100) ? cp : 0x3f;
        }),
      );
    case "UTF-16LE":
      return Buffer.from(text, "utf16le");
    case "UTF-16BE":
    case "UTF-16":
      return Buffer.from(text, "utf16le").swap16();
    default:
      throw new RangeError(`convert_encoding: cannot encode to ${encoding}`);
  }
}

function decodeAs(bytes: Uint8Array, encoding: string): string {
  try {
    return new TextDecoder(encoding === "ASCII" ? "windows-1252" : encoding).decode(bytes);
  } catch {
    throw new RangeError(`convert_encoding: unknown encoding ${encoding}`);
  }
}

/**
 * Converts between character encodings (PHP's mb_convert_encoding: target first, then
 * source): `"études"|convert_encoding:"ISO-8859-1":"UTF-8"`. The source defaults to UTF-8.
 */
export function convertEncoding(v: unknown, to: unknown, from?: unknown): string | Uint8Array {
  const source = isNull(from) ? "UTF-8" : encodingName(from);
  const text = source === "UTF-8" && !(v instanceof Uint8Array) ? toText(v) : decodeAs(bytesOf(v), source);
  return fromBytes(encodeAs(text, encodingName(to)));
}

/** ISO-8859-1 bytes to UTF-8 text (PHP's utf8_encode): the bytes from `from_utf8` read back. */
export function toUtf8(v: unknown): string {
  if (Array.isArray(v) || isPlainObject(v)) throw new TypeError(`to_utf8: expected text, got ${typeName(v)}`);
  return bytesOf(v).toString("latin1");
}

/** UTF-8 text to ISO-8859-1 bytes (PHP's utf8_decode); characters beyond Latin-1 become "?". */
export function fromUtf8(v: unknown): string | Uint8Array {
  return fromBytes(encodeAs(textArg(v, "from_utf8"), "ISO-8859-1"));
}
