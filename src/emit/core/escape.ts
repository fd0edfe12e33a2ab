// How text from a .xs file is written into each position of the output. Text a user wrote
// (comments, descriptions, names, paths, values) is data: every emitter that places it goes
// through the rule for its position here, so no text can end a comment, a string or a line
// early and become code. See docs/language-support.md, "Text in the output".

/** Every sequence JavaScript ends a line (and so a `//` comment) at; XanoScript ends one only at `\n`. */
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/;
/** C0/C1 controls and DEL (tab aside): shown escaped, so a terminal or a diff shows what is there. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function escapeCode(c: string): string {
  if (c === "\n") return "\\n";
  if (c === "\r") return "\\r";
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** Controls shown as `\u001b`; line breaks kept. */
function visibleControls(text: string): string {
  return text.replace(CONTROL, escapeCode);
}

/** Text on one line: line breaks and controls shown as escapes (`\n`, `\u2028`, `\u001b`). */
export function oneLine(text: string): string {
  return text
    .replace(/\r\n/g, "\\r\\n")
    .replace(/[\n\r\u2028\u2029]/g, escapeCode)
    .replace(CONTROL, escapeCode);
}

/** The lines of `text` as JavaScript would split them, controls shown escaped. */
export function lines(text: string): string[] {
  return visibleControls(text).split(LINE_BREAK);
}

/** Text inside a `//` comment that continues on the same line. */
export function commentText(text: string): string {
  return oneLine(text);
}

/** A `//` comment per line of `text` (a `//` comment of the .xs, a description); `prefix` follows `//`. */
export function lineComments(text: string, prefix = " "): string[] {
  return lines(text).map((line) => `//${prefix}${line}`.trimEnd());
}

/** Text inside a `/** … *\/` block: `*\/` cannot close it; lines as JavaScript splits them. */
export function jsDocText(text: string): string {
  return lines(text)
    .map((line) => line.replace(/\*\//g, "*\\/"))
    .join("\n");
}

/**
 * A string literal holding `text` exactly. JSON's escaping is JavaScript's, except that
 * U+2028/U+2029 stay raw in JSON: escaped here so the literal reads the same in any tool
 * and stays on its line.
 */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, escapeCode);
}

/** Text inside a template literal (between backticks), read back exactly. */
export function templateText(text: string): string {
  return text
    .replace(/\\|`|\$\{/g, (m) => `\\${m}`)
    .replace(/\r/g, "\\r")
    .replace(/\n/g, "\\n")
    .replace(/[\u2028\u2029]/g, escapeCode)
    .replace(CONTROL, escapeCode);
}

/** Text in Markdown running text or a table cell: one line, nothing read as markup. */
export function markdownText(text: string): string {
  // Backslash escapes are CommonMark's; `_` inside a word (RESEND_API_KEY) is no emphasis and stays.
  return oneLine(text)
    .replace(/[\\`*[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_");
}

/** Text shown as Markdown code (`` `…` ``): one line, fenced with more backticks than it holds. */
export function markdownCode(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") || longest > 0 ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A `# …` comment line of a dotenv file. */
export function dotenvComment(text: string): string {
  return `# ${oneLine(text)}`;
}

/** The part of an environment variable's name made from a XanoScript name (`my source` → `MY_SOURCE`). */
export function envNameSuffix(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/**
 * A path inside the generated project from a XanoScript name (`billing/charge.card` →
 * `billing/charge_card`): each `/`-separated part keeps letters, digits, `_` and `-`; empty
 * parts and `.`/`..` go, so the path never leaves its folder.
 */
export function filePath(name: string): string {
  const parts = name
    .split("/")
    .map((part) =>
      part
        .trim()
        .replace(/[^A-Za-z0-9_-]+/g, "_")
        .replace(/^_+|_+$/g, ""),
    )
    .filter((part) => part !== "");
  return parts.join("/") || "unnamed";
}

/** Keys an object literal or a `.key` access would not treat as ordinary own keys. */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Whether reading `key` with `obj.key` or `obj[key]` could find an inherited member. */
export function isInheritedName(key: string): boolean {
  return INHERITED.has(key);
}

/**
 * An object literal's key: bare when it is an identifier, quoted otherwise; `__proto__` is
 * computed (`["__proto__"]`), the one form that makes it an own key instead of the prototype.
 */
export function objectKey(key: string): string {
  if (key === "__proto__") return `[${stringLiteral(key)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** Words that read as an identifier but cannot stand alone as a shorthand property's value. */
const NOT_REFERENCES = new Set([
  "true",
  "false",
  "null",
  "this",
  "super",
  "new",
  "typeof",
  "void",
  "delete",
  "in",
  "instanceof",
]);

/**
 * An object literal's property: shorthand (`{ greeting }`) when the value is the identifier the
 * key names, `key: value` otherwise. `__proto__` keeps its computed key: a shorthand
 * `__proto__` would be an own key too, but reads as the prototype to a person.
 */
export function objectProperty(key: string, value: string): string {
  const name = objectKey(key);
  return name === key && value === key && key !== "__proto__" && !NOT_REFERENCES.has(key) ? key : `${name}: ${value}`;
}
