// npm run import: brings the data across from Xano.
//
//   npm run import -- --from-xano <postgres url> [--workspace <id>] [options]
//   npm run import -- --from-csv <folder> [options]
//   npm run import -- <table> <file.csv|file.json> [--skip-invalid]
//
// options: --tables a,b   only these tables
//          --map <file>   JSON { "<xano table id or CSV file name>": "<table>" }
//          --dry-run      read and convert everything, write nothing
//          --verify       afterwards, compare each table's count and checksum with the source
//          --batch <n>    rows read and written at a time (500)
//
// Every table is loaded in one transaction, in foreign-key order; rows keep their ids (an
// existing row with the same id is overwritten, so running it again is safe) and each id
// sequence then follows the largest id. A table with a row that cannot be converted, or that
// the database refuses, is rolled back and named; the others are kept. See src/transfer/.
import "./runtime/env-file.js";
import { readFileSync } from "node:fs";
import cliProgress from "cli-progress";
import { conn, db, insertRows, isPostgres, transaction } from "./db.js";
import { tables } from "./tables/index.js";
import { sourceValue } from "./transfer/convert.js";
import { parseCsv } from "./transfer/csv.js";
import { BATCH_SIZE, loadTable, type TableResult } from "./transfer/load.js";
import { loadOrder } from "./transfer/order.js";
import { reportLines } from "./transfer/report.js";
import { csvFolder, readTableMap, xanoDatabase, type Source, type SourceTable } from "./transfer/sources.js";
import { sourceDigest, targetDigest } from "./transfer/verify.js";

export interface ImportOptions {
  tables?: string[];
  map?: string;
  workspace?: string;
  dryRun?: boolean;
  verify?: boolean;
  batchSize?: number;
  /** Draw a progress bar per table (on a terminal). */
  progress?: boolean;
}

export interface ImportReport {
  results: TableResult[];
  /** Source tables no definition matches, definitions no source table fills, verify mismatches. */
  notes: string[];
  ok: boolean;
}

/** Loads every matched table of `source`, in foreign-key order. */
export async function importFrom(source: Source, options: ImportOptions = {}): Promise<ImportReport> {
  const notes: string[] = [];
  const wanted = options.tables;
  for (const name of wanted ?? [])
    if (!(name in tables))
      throw new Error(`--tables: unknown table ${JSON.stringify(name)}. Tables: ${Object.keys(tables).join(", ")}`);
  const byTable = new Map<string, SourceTable>();
  for (const s of source.tables) {
    if (s.table === undefined)
      notes.push(`${s.label}: no table of this project matches it (give one in a --map file); not imported`);
    else if (byTable.has(s.table))
      notes.push(`${s.label}: ${byTable.get(s.table)!.label} already fills "${s.table}"; not imported`);
    else byTable.set(s.table, s);
  }
  const results: TableResult[] = [];
  let ok = true;
  for (const name of loadOrder(tables)) {
    if (wanted !== undefined && !wanted.includes(name)) continue;
    const s = byTable.get(name);
    if (s === undefined) {
      notes.push(`${name}: no source table fills it; left as it is`);
      continue;
    }
    const bar = options.progress
      ? new cliProgress.SingleBar(
          { format: `${name.padEnd(28)} {bar} {value}/{total} rows`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(await s.count(), 0);
    const result = await loadTable(s, {
      dryRun: options.dryRun,
      batchSize: options.batchSize,
      progress: (n) => bar?.update(n),
    });
    bar?.stop();
    results.push(result);
    if (result.status === "failed") ok = false;
    else if (options.verify && !options.dryRun) {
      const [from, to] = await Promise.all([sourceDigest(s), targetDigest(name)]);
      if (from.count !== to.count || from.checksum !== to.checksum) {
        ok = false;
        notes.push(
          `verify ${name}: ${from.count !== to.count ? `${from.count} row(s) in ${s.label}, ${to.count} in the table` : `the rows differ (checksum ${from.checksum.slice(0, 12)} in ${s.label}, ${to.checksum.slice(0, 12)} in the table)`}`,
        );
      } else notes.push(`verify ${name}: ${to.count} row(s), checksum ${to.checksum.slice(0, 12)}: same as ${s.label}`);
    }
  }
  return { results, notes, ok };
}

/** `npm run import -- --from-xano <url>` as a function. */
export async function importFromXano(url: string, options: ImportOptions = {}): Promise<ImportReport> {
  const source = await xanoDatabase(url, options.workspace, readTableMap(options.map));
  try {
    return await importFrom(source, options);
  } finally {
    await source.close();
  }
}

/** `npm run import -- --from-csv <folder>` as a function. */
export async function importFromCsv(dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importFrom(csvFolder(dir, readTableMap(options.map)), options);
}

export interface ImportResult {
  loaded: number;
  rejected: { row: number; reason: string }[];
}

/** One table from one file a person made; `skipInvalid` loads the rows that converted when others did not. */
export async function importRows(
  tableName: string,
  text: string,
  format: "csv" | "json",
  skipInvalid = false,
): Promise<ImportResult> {
  const definition = tables[tableName];
  if (definition === undefined)
    throw new Error(`Unknown table ${JSON.stringify(tableName)}. Tables: ${Object.keys(tables).join(", ")}`);
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
        const v = sourceValue(key, c, value, format === "csv");
        if (v !== null || c.nullable) row[key] = v;
      }
      for (const [key, c] of Object.entries(definition.columns)) {
        if (key !== "id" && !(key in row) && !c.nullable && c.default === undefined)
          throw new Error(`${key} is missing`);
      }
      good.push(row);
    } catch (error) {
      const e = error as Error & { field?: string };
      rejected.push({
        row: i + 1,
        reason: e.field ? `${e.field}: ${JSON.stringify((e as { value?: unknown }).value)} ${e.message}` : e.message,
      });
    }
  });
  if (rejected.length > 0 && !skipInvalid) return { loaded: 0, rejected };
  await transaction(async () => {
    await insertRows(tableName, good);
    // Ids came from the file: the next generated id follows the largest.
    if (isPostgres && definition.columns.id?.type !== "uuid" && good.some((r) => r.id != null)) {
      await conn().raw("select setval(pg_get_serial_sequence(?, 'id'), greatest((select max(id) from ??), 1))", [
        tableName,
        tableName,
      ]);
    }
  });
  return { loaded: good.length, rejected };
}

const USAGE = `usage: npm run import -- --from-xano <postgres url> [--workspace <id>] [--tables a,b] [--map <file>] [--dry-run] [--verify]
       npm run import -- --from-csv <folder> [--tables a,b] [--map <file>] [--dry-run] [--verify]
       npm run import -- <table> <file.csv|file.json> [--skip-invalid]`;

function parseArgs(argv: string[]): { flags: Map<string, string | true>; positional: string[] } {
  const withValue = new Set(["--from-xano", "--from-csv", "--workspace", "--tables", "--map", "--batch"]);
  const known = new Set([...withValue, "--dry-run", "--verify", "--skip-invalid"]);
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) positional.push(arg);
    else if (!known.has(arg)) throw new Error(`Unknown option ${arg}`);
    else if (withValue.has(arg)) {
      const value = argv[++i];
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value`);
      flags.set(arg, value);
    } else flags.set(arg, true);
  }
  return { flags, positional };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { flags, positional } = args;
  const xano = flags.get("--from-xano");
  const csv = flags.get("--from-csv");
  if (typeof xano === "string" || typeof csv === "string") {
    const batch = flags.get("--batch");
    const options: ImportOptions = {
      tables:
        typeof flags.get("--tables") === "string"
          ? (flags.get("--tables") as string)
              .split(",")
              .map((t) => t.trim())
              .filter(Boolean)
          : undefined,
      map: flags.get("--map") as string | undefined,
      workspace: flags.get("--workspace") as string | undefined,
      dryRun: flags.has("--dry-run"),
      verify: flags.has("--verify"),
      batchSize: typeof batch === "string" ? Math.max(1, Math.trunc(Number(batch)) || BATCH_SIZE) : undefined,
      progress: process.stderr.isTTY,
    };
    const report =
      typeof xano === "string" ? await importFromXano(xano, options) : await importFromCsv(csv as string, options);
    for (const line of reportLines(report.results, report.notes)) console.log(line);
    return report.ok ? 0 : 1;
  }
  const [tableName, file] = positional;
  if (!tableName || !file) {
    console.error(USAGE);
    return 2;
  }
  const format = file.toLowerCase().endsWith(".json") ? "json" : "csv";
  const result = await importRows(tableName, readFileSync(file, "utf8"), format, flags.has("--skip-invalid"));
  for (const r of result.rejected) console.error(`row ${r.row}: ${r.reason}`);
  if (result.rejected.length > 0 && result.loaded === 0) {
    console.error(
      `${result.rejected.length} row(s) could not be loaded: nothing was imported (--skip-invalid loads the others)`,
    );
    return 1;
  }
  console.log(
    `${result.loaded} row(s) imported into ${tableName}${result.rejected.length ? `, ${result.rejected.length} skipped` : ""}`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    console.error(`Import failed: ${(error as Error).message}`);
    process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}
