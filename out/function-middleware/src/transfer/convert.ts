// A row as Xano's database or its CSV export holds it → the row as the code holds it
// (timestamps in epoch ms, dates "YYYY-MM-DD", JSON parsed). Storing it is then the data
// layer's job (toDb in ../db.ts): this module only reads what the source wrote, strictly,
// so that a value the column cannot hold is rejected with its field and why, not coerced.
import type { ColumnDefinition, TableDefinition } from "../runtime/db-table.js";
import { toMs } from "../runtime/time.js";

/** A value its column cannot hold: which field, the value, why. */
export class Rejection extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    reason: string,
  ) {
    super(reason);
    this.name = "Rejection";
  }
}

const JSON_TYPES = new Set(["json", "object", "vector", "image", "attachment", "audio", "video", "file"]);

function reject(column: string, value: unknown, why: string): never {
  throw new Rejection(column, value, why);
}

/** Stored as JSON: lists, objects, files, vectors, geo values. */
export function isJsonColumn(c: ColumnDefinition): boolean {
  return c.list === true || JSON_TYPES.has(c.type) || c.type.startsWith("geo_");
}

/**
 * One value as the column's type. `fromText`: the source is text (CSV), where an empty cell
 * is null (but "" in a required text column), and numbers, booleans and JSON are spelled out.
 */
export function sourceValue(column: string, c: ColumnDefinition, value: unknown, fromText: boolean): unknown {
  // An empty CSV cell cannot say whether it was "" or null: null where the column takes null.
  if (
    value === null ||
    value === undefined ||
    (fromText && value === "" && (c.type !== "text" || c.nullable === true || c.list === true))
  )
    return null;
  if (isJsonColumn(c)) {
    let parsed = value;
    if (typeof value === "string" && (fromText || c.list === true || c.type === "vector")) {
      try {
        parsed = JSON.parse(value);
      } catch {
        reject(column, value, "is not valid JSON");
      }
    }
    if (c.list === true && parsed !== null && !Array.isArray(parsed)) reject(column, value, "is not a list");
    return parsed;
  }
  switch (c.type) {
    case "int":
    case "decimal": {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && value.trim() !== ""
            ? Number(value.trim())
            : NaN;
      if (!Number.isFinite(n)) return reject(column, value, `is not ${c.type === "int" ? "an integer" : "a number"}`);
      if (c.type === "int" && !Number.isSafeInteger(n))
        return reject(
          column,
          value,
          Number.isInteger(n) ? "is an integer too large to keep exactly" : "is not an integer",
        );
      return n;
    }
    case "bool": {
      const v = typeof value === "string" ? value.trim().toLowerCase() : value;
      if (v === true || v === "true" || v === 1 || v === "1") return true;
      if (v === false || v === "false" || v === 0 || v === "0") return false;
      return reject(column, value, "is not a boolean");
    }
    case "timestamp": {
      // Xano stores epoch milliseconds; a CSV may spell them out as a number or as a date.
      const v = typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
      let ms = NaN;
      try {
        ms = toMs(v as number | string);
      } catch {
        // rejected below
      }
      if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return reject(column, value, "is not a timestamp");
      return ms;
    }
    case "date": {
      const text = String(value).trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return text;
      const ms = typeof value === "number" ? value : Date.parse(text);
      if (!Number.isFinite(ms)) return reject(column, value, "is not a date");
      return new Date(ms).toISOString().slice(0, 10);
    }
    case "enum":
      if (c.values && !c.values.includes(String(value)))
        return reject(column, value, `is not one of ${c.values.join(", ")}`);
      return String(value);
    case "uuid":
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(value)))
        return reject(column, value, "is not a UUID");
      return String(value).toLowerCase();
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

const columnLists = new WeakMap<TableDefinition, [string, ColumnDefinition][]>();

// Listed once per table rather than once per row: a table of a million rows is a million rows.
function columnsOf(definition: TableDefinition): [string, ColumnDefinition][] {
  let list = columnLists.get(definition);
  if (list === undefined) columnLists.set(definition, (list = Object.entries(definition.columns)));
  return list;
}

/**
 * A whole record: every column of the definition gets a value (a missing key is the column's
 * literal default, else null), so that rows written together have the same columns and a
 * re-import overwrites each one. Keys the definition does not have are left out.
 */
export function sourceRow(
  definition: TableDefinition,
  record: Record<string, unknown>,
  fromText: boolean,
): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, c] of columnsOf(definition)) {
    const present = Object.prototype.hasOwnProperty.call(record, column);
    let value = present ? sourceValue(column, c, record[column], fromText) : null;
    if (!present && c.default !== undefined && c.default !== "now" && c.default !== null) value = c.default;
    if (value === null && column === "id")
      throw new Rejection("id", record[column], "is missing: every row keeps its id");
    if (value === null && !c.nullable)
      throw new Rejection(
        column,
        present ? record[column] : undefined,
        present ? "is empty, but the column is required" : "is missing, but the column is required",
      );
    row[column] = value;
  }
  return row;
}
