// Where rows come from: Xano's own PostgreSQL database (its Direct Database Connector), or a
// folder of CSV files exported from Xano's table view. Each source table is matched to a table
// definition by Xano's table id (from the workspace export's file names, tables/<id>_<name>.xs,
// kept in ../tables/xano-ids.ts) or by a --map file; one nothing matches is kept, unmatched,
// so that it is reported rather than ignored.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import knex from "knex";
import { tables } from "../tables/index.js";
import { xanoTableIds } from "../tables/xano-ids.js";
import { parseCsv } from "./csv.js";

export interface SourceTable {
  /** Where the rows are: `mvpw6_143`, `143_manatal_candidate.csv`. */
  label: string;
  /** The table definition it fills; undefined when none matches. */
  table: string | undefined;
  /** Values are text (CSV) rather than typed JSON. */
  fromText: boolean;
  count(): Promise<number>;
  /** The records in id order, `size` at a time. */
  batches(size: number): AsyncIterable<Record<string, unknown>[]>;
}

export interface Source {
  tables: SourceTable[];
  close(): Promise<void>;
}

/**
 * A --map file: JSON, `{ "<xano table id or file name>": "<table>" }`. Without one, the ids
 * come from the export's file names.
 */
export function readTableMap(file: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, id] of Object.entries(xanoTableIds)) map.set(String(id), name);
  if (file === undefined) return map;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    throw new Error(`${file}: a JSON object { "<xano table id or file name>": "<table>" } was expected`);
  for (const [key, name] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof name !== "string" || !(name in tables))
      throw new Error(
        `${file}: "${key}" maps to ${JSON.stringify(name)}, which is not a table of this project (${Object.keys(tables).join(", ")})`,
      );
    map.set(key, name);
  }
  return map;
}

const XANO_TABLE = /^mvpw(\d+)_(\d+)$/;

/**
 * Xano's database: each table is `mvpw<workspace>_<table id>`, an `id` column and `xdo`, the
 * record as JSONB. Rows are read from there (every workspace has them), in id order, a page
 * at a time by id, so a table of any size streams.
 */
export async function xanoDatabase(
  url: string,
  workspace: string | undefined,
  map: Map<string, string>,
): Promise<Source> {
  const source = knex({ client: "pg", connection: url, pool: { min: 0, max: 2 } });
  try {
    const found = (
      await source.raw(
        "select table_name as name from information_schema.tables where table_schema = any (current_schemas(false)) and table_name ~ '^mvpw[0-9]+_[0-9]+$' order by table_name",
      )
    ).rows as { name: string }[];
    const names = found.map((r) => r.name);
    const workspaces = [...new Set(names.map((n) => XANO_TABLE.exec(n)![1]!))];
    const ws = workspace ?? (workspaces.length === 1 ? workspaces[0] : undefined);
    if (ws === undefined) {
      throw new Error(
        workspaces.length === 0
          ? "No Xano tables (mvpw<workspace>_<id>) in that database: is it the Direct Database Connector's URL?"
          : `The database holds several workspaces (${workspaces.join(", ")}): choose one with --workspace <id>`,
      );
    }
    const list = names
      .filter((n) => XANO_TABLE.exec(n)![1] === ws)
      .map((label): SourceTable => {
        const id = XANO_TABLE.exec(label)![2]!;
        return {
          label,
          table: map.get(label) ?? map.get(id),
          fromText: false,
          count: async () => Number((await source(label).count({ n: "*" }).first())?.n ?? 0),
          async *batches(size) {
            let after: unknown = undefined;
            for (;;) {
              const query = source(label).select("id", "xdo").orderBy("id").limit(size);
              if (after !== undefined) query.where("id", ">", after as string | number);
              const rows = (await query) as { id: unknown; xdo: Record<string, unknown> | null }[];
              if (rows.length === 0) return;
              // Each record is the parsed xdo itself, given its id: read once, it is not copied.
              yield rows.map((r) => {
                const record = r.xdo ?? {};
                record.id = typeof r.id === "string" && /^-?\d+$/.test(r.id) ? Number(r.id) : r.id;
                return record;
              });
              after = rows[rows.length - 1]!.id;
              if (rows.length < size) return;
            }
          },
        };
      });
    return { tables: list, close: () => source.destroy() };
  } catch (error) {
    await source.destroy();
    throw error;
  }
}

/** Ids in the database's order: numbers as numbers, UUIDs as text. */
function byId(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
}

/** A folder of CSV files, one per table: `<id>_<name>.csv`, `<name>.csv`, or named in the map. */
export function csvFolder(dir: string, map: Map<string, string>): Source {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".csv"))
    .sort();
  const list = files.map((file): SourceTable => {
    const stem = basename(file, ".csv");
    const xanoId = /^(\d+)_/.exec(stem)?.[1];
    const table =
      map.get(file) ??
      map.get(stem) ??
      (xanoId !== undefined ? map.get(xanoId) : undefined) ??
      (stem in tables
        ? stem
        : xanoId !== undefined && stem.slice(xanoId.length + 1) in tables
          ? stem.slice(xanoId.length + 1)
          : undefined);
    let records: Record<string, string>[] | undefined;
    // Sorted by id: the order the database is written and checksummed in.
    const read = () => (records ??= parseCsv(readFileSync(join(dir, file), "utf8")).sort((a, b) => byId(a.id!, b.id!)));
    return {
      label: file,
      table,
      fromText: true,
      count: async () => read().length,
      async *batches(size) {
        const all = read();
        for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
      },
    };
  });
  return { tables: list, close: async () => {} };
}
