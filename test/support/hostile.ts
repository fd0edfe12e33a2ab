// Arbitrary text as a hostile user would write it (issue 11): full Unicode, mostly made of the
// pieces that end a comment, a string, a line or a Markdown construct early, or run as code.
import fc from "fast-check";

const PAYLOADS = ["globalThis.pwned = 1;", 'process.stdout.write("pwned");', "\nglobalThis.pwned = 1\n"];
const PIECES = [
  "*/",
  "/*",
  "//",
  "${",
  "`",
  '"',
  "'",
  "\\",
  "\u2028",
  "\u2029",
  "\r",
  "\r\n",
  "\n",
  "\0",
  "\t",
  "\u001b[31m",
  "\u001b]0;title\u0007",
  "\u007f",
  "\u0085",
  "</script>",
  "__proto__",
  "constructor",
  "prototype",
  "\\u2028",
  '\\"',
  "\ud83d\ude00",
  "\ufeff",
  " ",
  // Markdown: what could open a heading, a list, a quote, a table cell, a code span or a link.
  "#",
  "- ",
  "1. ",
  "> ",
  "|",
  "===",
  "---",
  "    ",
  "&amp;",
  "<b>",
  "_",
  "*",
  "[x](y)",
  "http://x.y",
  ...PAYLOADS,
];

/** Full-Unicode text (whole code points, never a lone surrogate), mostly made of dangerous pieces. */
export const hostile = fc.oneof(
  // Whole pieces alone too: keys such as `__proto__` matter only when they are the whole text.
  { arbitrary: fc.constantFrom(...PIECES), weight: 1 },
  {
    arbitrary: fc
      .array(
        fc.oneof(
          { arbitrary: fc.constantFrom(...PIECES), weight: 3 },
          { arbitrary: fc.string({ unit: "binary", maxLength: 6 }), weight: 1 },
        ),
        { maxLength: 10 },
      )
      .map((parts) => parts.join("")),
    weight: 4,
  },
);

/** `text` as part of a file name: no `/` or NUL (no file name holds them), at most 180 bytes. */
export function fileText(text: string): string {
  let out = "";
  for (const c of text.replace(/[/\0]/g, "")) {
    if (Buffer.byteLength(out + c) > 180) break;
    out += c;
  }
  return out;
}

/**
 * `prefix` and `text` as a table name a database holds and knex does not rewrite (XS2012): no
 * `.` or NUL, no ` as `, no space at the end, at most 63 bytes.
 */
export function tableName(prefix: string, text: string): string {
  let out = prefix;
  for (const c of text.replace(/[.\0]/g, "")) {
    if (Buffer.byteLength(out + c) > 63) break;
    out += c;
  }
  while (/ as /i.test(out)) out = out.replace(/ as /gi, " ");
  return out.trimEnd();
}
