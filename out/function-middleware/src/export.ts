// npm run export -- [--format csv|jsonl] [--out <folder>] [--tables a,b]
//
// Writes each table to <folder>/<table>.csv (a header of its columns, then a row per record:
// timestamps in epoch milliseconds, JSON as JSON text, null as an empty cell) or
// <folder>/<table>.jsonl (one JSON object a line), in id order. A CSV folder written here can
// be imported again with `npm run import -- --from-csv <folder>`: a way back.
import "./runtime/env-file.js";
import { createWriteStream, mkdirSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { db } from "./db.js";
import { tables } from "./tables/index.js";
import { isJsonColumn } from "./transfer/convert.js";
import { csvLine } from "./transfer/csv.js";
import { tableRows } from "./transfer/table-rows.js";

export async function exportTable(name: string, dir: string, format: "csv" | "jsonl"): Promise<number> {
  const definition = tables[name]!.columns;
  const columns = Object.keys(definition);
  // A JSON column's cell is always JSON text (a string value too), so it reads back the same.
  const cell = (column: string, value: unknown) =>
    value != null && isJsonColumn(definition[column]!) ? JSON.stringify(value) : value;
  const out = createWriteStream(join(dir, `${name}.${format}`));
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  if (format === "csv") await write(csvLine(columns));
  let count = 0;
  for await (const row of tableRows(name)) {
    await write(
      format === "csv"
        ? csvLine(columns.map((c) => cell(c, row[c])))
        : `${JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])))}\n`,
    );
    count++;
  }
  out.end();
  await once(out, "finish");
  return count;
}

export async function exportTables(
  dir: string,
  format: "csv" | "jsonl",
  only?: string[],
): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const counts: Record<string, number> = {};
  for (const name of Object.keys(tables).sort()) {
    if (only === undefined || only.includes(name)) counts[name] = await exportTable(name, dir, format);
  }
  return counts;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const format = value("--format") ?? "csv";
  const only = value("--tables")
    ?.split(",")
    .map((t) => t.trim());
  const unknown = only?.filter((t) => !(t in tables)) ?? [];
  try {
    if (format !== "csv" && format !== "jsonl") {
      console.error(`--format is csv or jsonl, not ${JSON.stringify(format)}`);
      process.exitCode = 2;
    } else if (unknown.length > 0) {
      console.error(`Unknown table(s): ${unknown.join(", ")}. Tables: ${Object.keys(tables).join(", ")}`);
      process.exitCode = 2;
    } else {
      const dir = value("--out") ?? "export";
      for (const [name, count] of Object.entries(await exportTables(dir, format, only)))
        console.log(`${name}: ${count} row(s) → ${join(dir, `${name}.${format}`)}`);
    }
  } catch (error) {
    console.error(`Export failed: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
