// npm run import -- <table> <file.csv|file.json> [--skip-invalid]
//
// Loads rows exported from a Xano table (CSV or JSON) into the migrated table. Each value is
// converted to its column's type; rows that cannot be converted are reported with the reason
// and, unless --skip-invalid is given, nothing is loaded. The rows go in one transaction:
// if the database refuses one, none stays.
import "./runtime/env-file.js";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { conn, db, insertRows, isPostgres, transaction } from "./db.js";
import type { ColumnDefinition } from "./runtime/db-table.js";
import { tables } from "./tables/index.js";
import { toMs } from "./runtime/time.js";

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records.filter((r) => r.length > 1 || r[0] !== "");
  if (header === undefined) return [];
  return rows.map((r) =>
    Object.fromEntries(header.map((h, i) => [h.replace(/^\uFEFF/, "").trim(), r[i] ?? ""])),
  );
}

/** One value from the file as the column's type; throws with the reason when it cannot be. */
export function convert(
  column: string,
  c: ColumnDefinition,
  value: unknown,
  fromCsv: boolean,
): unknown {
  if (value === null || value === undefined || (fromCsv && value === "" && c.type !== "text")) {
    if (!c.nullable && c.default === undefined && column !== "id")
      throw new Error(`${column} is empty but required`);
    return null;
  }
  const jsonish =
    c.list === true ||
    ["json", "object", "vector", "image", "attachment", "audio", "video", "file"].includes(
      c.type,
    ) ||
    c.type.startsWith("geo_");
  if (jsonish) {
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value);
    } catch {
      throw new Error(`${column} is not valid JSON`);
    }
  }
  switch (c.type) {
    case "int":
    case "decimal": {
      const n = typeof value === "number" ? value : Number(String(value).trim());
      if (!Number.isFinite(n) || (c.type === "int" && !Number.isInteger(n)))
        throw new Error(
          `${column}: ${JSON.stringify(value)} is not ${c.type === "int" ? "an integer" : "a number"}`,
        );
      return n;
    }
    case "bool": {
      const v = typeof value === "string" ? value.trim().toLowerCase() : value;
      if (v === true || v === "true" || v === 1 || v === "1") return true;
      if (v === false || v === "false" || v === 0 || v === "0") return false;
      throw new Error(`${column}: ${JSON.stringify(value)} is not a boolean`);
    }
    case "timestamp": {
      const v = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
      try {
        const ms = toMs(v as number | string);
        if (!Number.isFinite(ms)) throw new Error();
        return ms;
      } catch {
        throw new Error(`${column}: ${JSON.stringify(value)} is not a timestamp`);
      }
    }
    case "date": {
      const text = String(value).trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) throw new Error(`${column}: ${JSON.stringify(value)} is not a date`);
      return new Date(ms).toISOString().slice(0, 10);
    }
    case "enum":
      if (c.values && !c.values.includes(String(value)))
        throw new Error(`${column}: ${JSON.stringify(value)} is not one of ${c.values.join(", ")}`);
      return String(value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

export interface ImportResult {
  loaded: number;
  rejected: { row: number; reason: string }[];
}

/** Reads, converts and loads; `skipInvalid` loads the rows that converted when others did not. */
export async function importRows(
  tableName: string,
  text: string,
  format: "csv" | "json",
  skipInvalid = false,
): Promise<ImportResult> {
  const definition = tables[tableName];
  if (definition === undefined)
    throw new Error(
      `Unknown table ${JSON.stringify(tableName)}. Tables: ${Object.keys(tables).join(", ")}`,
    );
  const parsed = format === "csv" ? parseCsv(text) : (JSON.parse(text) as unknown);
  const list = Array.isArray(parsed)
    ? parsed
    : Array.isArray((parsed as { items?: unknown[] })?.items)
      ? (parsed as { items: unknown[] }).items
      : [];
  const good: Record<string, unknown>[] = [];
  const rejected: ImportResult["rejected"] = [];
  list.forEach((raw, i) => {
    try {
      if (raw === null || typeof raw !== "object") throw new Error("not an object");
      const row: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        const c = definition.columns[key];
        if (c === undefined) continue;
        const v = convert(key, c, value, format === "csv");
        if (v !== null || c.nullable) row[key] = v;
      }
      for (const [key, c] of Object.entries(definition.columns)) {
        if (key !== "id" && !(key in row) && !c.nullable && c.default === undefined)
          throw new Error(`${key} is missing`);
      }
      good.push(row);
    } catch (error) {
      rejected.push({ row: i + 1, reason: (error as Error).message });
    }
  });
  if (rejected.length > 0 && !skipInvalid) return { loaded: 0, rejected };
  await transaction(async () => {
    await insertRows(tableName, good);
    // Ids came from the file: the next generated id follows the largest.
    if (isPostgres && definition.columns.id?.type !== "uuid" && good.some((r) => r.id != null)) {
      await conn().raw(
        "select setval(pg_get_serial_sequence(?, 'id'), greatest((select max(id) from ??), 1))",
        [tableName, tableName],
      );
    }
  });
  return { loaded: good.length, rejected };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [tableName, file] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!tableName || !file) {
    console.error("usage: npm run import -- <table> <file.csv|file.json> [--skip-invalid]");
    process.exit(2);
  }
  try {
    const format = file.toLowerCase().endsWith(".json") ? "json" : "csv";
    const result = await importRows(
      tableName,
      readFileSync(file, "utf8"),
      format,
      process.argv.includes("--skip-invalid"),
    );
    for (const r of result.rejected) console.error(`row ${r.row}: ${r.reason}`);
    if (result.rejected.length > 0 && result.loaded === 0) {
      console.error(
        `${result.rejected.length} row(s) could not be loaded: nothing was imported (--skip-invalid loads the others)`,
      );
      process.exitCode = 1;
    } else
      console.log(
        `${result.loaded} row(s) imported into ${tableName}${result.rejected.length ? `, ${result.rejected.length} skipped` : ""}`,
      );
  } catch (error) {
    console.error(`Import failed, nothing was loaded: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
