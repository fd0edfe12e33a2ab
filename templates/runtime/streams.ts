// stream.from_csv / stream.from_jsonl: a file resource's (or a text's) rows, as a list the
// foreach goes through. Xano streams them; here the whole file is read at once, which is the
// same for the stack (it only iterates) and fine for files that fit in memory.
import { parse } from "csv-parse/sync";
import { textOf } from "./files.js";

export interface CsvOptions {
  /** First row names the columns (default true): each row is then an object, else a list. */
  headers?: boolean;
  separator?: string;
  enclosure?: string;
  escape_char?: string;
}

/** stream.from_csv, with csv-parse: separator, enclosure and escape_char as the reference documents them. */
export function fromCsv(value: unknown, options: CsvOptions = {}): any[] {
  return parse(textOf(value), {
    columns: options.headers ?? true,
    delimiter: options.separator || ",",
    quote: options.enclosure || '"',
    escape: options.escape_char || '"',
    bom: true,
    skip_empty_lines: true,
    // A short or long row is kept as it is rather than failing the whole file.
    relax_column_count: true,
  });
}

/** stream.from_jsonl: one JSON value per line; blank lines are skipped. */
export function fromJsonl(value: unknown): any[] {
  return textOf(value)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw new Error(`stream.from_jsonl: line ${i + 1} is not JSON (${(error as Error).message})`);
      }
    });
}
