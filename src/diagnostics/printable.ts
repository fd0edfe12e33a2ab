// Text from a `.xs` file shown on a terminal: characters that would act instead of show
// (ANSI escapes, NUL, CR, line and paragraph separators, bidirectional overrides) are written
// as escapes, so a file cannot recolour, rewrite or reorder what a diagnostic prints.

/** C0 controls but tab, DEL, C1 controls, U+2028/2029, bidi embeddings/overrides/isolates, BOM. */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `text` with every unprintable character written as `\xHH` or `\uHHHH`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOne);
}

/**
 * One source line made printable, with a 1-based column in it moved to where the same
 * character is once the escapes before it have widened the line.
 */
export function printableLine(line: string, col: number): { text: string; col: number } {
  return { text: printable(line), col: printable(line.slice(0, col - 1)).length + 1 };
}
