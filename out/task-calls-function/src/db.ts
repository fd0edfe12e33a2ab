// The data layer: knex on a SQLite file by default, PostgreSQL when DATABASE_URL is set.
// Timestamps are epoch milliseconds in code and in the database (bigint columns).
import knex, { type Knex } from "knex";
import pg from "pg";
import { tables } from "./tables/index.js";

// PostgreSQL returns bigint as text by default; timestamps here are bigints of milliseconds.
pg.types.setTypeParser(20, (value: string) => Number(value));

export const isPostgres = Boolean(process.env.DATABASE_URL);

export const db: Knex = knex(
  isPostgres
    ? { client: "pg", connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } }
    : {
        client: "better-sqlite3",
        connection: { filename: process.env.SQLITE_FILE ?? "data.sqlite" },
        useNullAsDefault: true,
      },
);

const JSON_TYPES = new Set(["json", "object"]);

function isJsonColumn(table: string, column: string): boolean {
  const c = tables[table]?.columns[column];
  return c !== undefined && (JSON_TYPES.has(c.type) || c.list === true);
}

/** Row values as the code sees them: JSON columns parsed, SQLite's 0/1 booleans as booleans. */
function fromDb(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const c = tables[table]?.columns[key];
    if (typeof value === "string" && isJsonColumn(table, key)) out[key] = JSON.parse(value);
    else if (c?.type === "bool" && typeof value === "number") out[key] = value !== 0;
    else out[key] = value;
  }
  return out;
}

function toDb(table: string, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!(key in (tables[table]?.columns ?? {}))) continue;
    out[key] =
      value !== null && typeof value === "object" && isJsonColumn(table, key)
        ? JSON.stringify(value)
        : value;
  }
  return out;
}

/** A query on a table; `rows`, `first` and friends convert what it returns. */
export function table(name: string): Knex.QueryBuilder {
  return db(name).queryContext({ table: name });
}

function tableOf(query: Knex.QueryBuilder): string {
  return (query.queryContext() as { table: string }).table;
}

export async function rows(query: Knex.QueryBuilder): Promise<any[]> {
  const result = (await query) as Record<string, unknown>[];
  return result.map((row) => fromDb(tableOf(query), row));
}

/** The first row, or null (Xano's `single`). */
export async function first(query: Knex.QueryBuilder): Promise<any> {
  const row = (await query.first()) as Record<string, unknown> | undefined;
  return row === undefined ? null : fromDb(tableOf(query), row);
}

export async function count(query: Knex.QueryBuilder): Promise<number> {
  const result = (await query.clone().clearSelect().clearOrder().count({ n: "*" }).first()) as
    { n: number | string } | undefined;
  return Number(result?.n ?? 0);
}

/** Xano's paged list: the items and where they sit. */
export async function page(query: Knex.QueryBuilder, pageNumber: number, perPage: number) {
  const total = await count(query);
  const items = await rows(
    query
      .clone()
      .offset((pageNumber - 1) * perPage)
      .limit(perPage),
  );
  const pages = Math.ceil(total / perPage);
  return {
    itemsReceived: items.length,
    curPage: pageNumber,
    nextPage: pageNumber < pages ? pageNumber + 1 : null,
    prevPage: pageNumber > 1 ? pageNumber - 1 : null,
    offset: (pageNumber - 1) * perPage,
    itemsTotal: total,
    pageTotal: pages,
    items,
  };
}

/** db.add: inserts and returns the new row. */
export async function insertRow(name: string, data: Record<string, unknown>): Promise<any> {
  const [id] = (await db(name).insert(toDb(name, data)).returning("id")) as (
    { id: unknown } | unknown
  )[];
  const key = (typeof id === "object" && id !== null ? (id as { id: unknown }).id : id) as
    string | number;
  return first(table(name).where("id", key));
}

/** db.edit / db.patch: updates the row found by `where` and returns it. */
export async function updateRow(
  name: string,
  where: Record<string, unknown>,
  data: Record<string, unknown>,
): Promise<any> {
  await db(name).where(where).update(toDb(name, data));
  return first(table(name).where(where));
}
