// The data layer: knex on a SQLite file by default, PostgreSQL when DATABASE_URL is set.
//
// Values in the code are as XanoScript has them: timestamps are epoch milliseconds, dates
// "YYYY-MM-DD", JSON columns parsed. PostgreSQL stores timestamps as real `timestamptz`
// values and SQLite as integers of milliseconds (see runtime/db-columns.ts); this module
// converts rows read and values written or compared, so the rest of the code never sees
// the difference. Every value reaches the database as a bound parameter.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import knex, { type Knex } from "knex";
import pg from "pg";
import { tables } from "./tables/index.js";
import type { ColumnDefinition } from "./runtime/db-table.js";
import { XanoError } from "./runtime/errors.js";
import { applyFieldFilters, inputError } from "./runtime/field-filters.js";
import { checkEnum } from "./runtime/input.js";
import { hashPassword, isPasswordHash } from "./runtime/password.js";
import { onShutdown } from "./runtime/shutdown.js";
import { toMs } from "./runtime/time.js";
import { ownValue, setOwn } from "./runtime/values.js";

// Numbers as numbers (bigint ids and int columns), timestamps as epoch milliseconds, dates as
// the text they are (not a Date at local midnight).
const parseTimestamptz = pg.types.getTypeParser(1184);
pg.types.setTypeParser(20, (value: string) => Number(value));
pg.types.setTypeParser(1700, (value: string) => Number(value));
pg.types.setTypeParser(1184, (value: string) => (parseTimestamptz(value) as Date).getTime());
pg.types.setTypeParser(1082, (value: string) => value);

// knex prints each failed connection with its stack; the failure reaches the caller anyway,
// and the entry points say it in one line (runtime/db-unreachable.ts). LOG_LEVEL=debug shows it.
const log = {
  warn(message: string) {
    if (!message.startsWith("Acquire connection error") || process.env.LOG_LEVEL?.toLowerCase() === "debug")
      console.warn(message);
  },
};

function connect(url: string | undefined, sqliteFile: string): Knex {
  return url
    ? knex({ client: "pg", connection: url, pool: { min: 0, max: 10 }, log })
    : knex({
        client: "better-sqlite3",
        connection: { filename: sqliteFile },
        useNullAsDefault: true,
        log,
        pool: {
          afterCreate(
            conn: { pragma(s: string): void; function(name: string, fn: (...a: unknown[]) => unknown): void },
            done: (err: Error | null, conn: unknown) => void,
          ) {
            conn.pragma("foreign_keys = ON");
            // `~` conditions: SQLite has the REGEXP operator but no function behind it.
            conn.function("regexp", (pattern, value) =>
              value == null ? null : new RegExp(String(pattern)).test(String(value)) ? 1 : 0,
            );
            done(null, conn);
          },
        },
      });
}

export const isPostgres = Boolean(process.env.DATABASE_URL);

export const db: Knex = connect(process.env.DATABASE_URL, process.env.SQLITE_FILE ?? "data.sqlite");

const scope = new AsyncLocalStorage<{ conn: Knex }>();
const datasources = new Map<string, Knex>();

/** The connection statements run on: the open transaction, the data source set, or `db`. */
export function conn(): Knex {
  return scope.getStore()?.conn ?? db;
}

// ── conversions ──

const JSON_TYPES = new Set([
  "json",
  "object",
  "vector",
  "image",
  "attachment",
  "audio",
  "video",
  "file",
  "geo_point",
  "geo_polygon",
  "geo_linestring",
  "geo_multipoint",
  "geo_multipolygon",
  "geo_multilinestring",
]);

function isJson(c: ColumnDefinition): boolean {
  return c.list === true || JSON_TYPES.has(c.type);
}

type Reader = [column: string, read: (value: unknown) => unknown];

const readers = new Map<string, Reader[]>();

/** A table's definition by name: `constructor` or `__proto__` is a table's name, never Object's member. */
function tableDefinition(name: string): (typeof tables)[string] | undefined {
  return ownValue(tables, name) as (typeof tables)[string] | undefined;
}

/** A column's definition, own keys only (a `__proto__` column is a column like another). */
function columnDefinition(table: string, column: string): ColumnDefinition | undefined {
  const columns = tableDefinition(table)?.columns;
  return columns === undefined ? undefined : (ownValue(columns, column) as ColumnDefinition | undefined);
}

/** Per table, the columns whose stored value differs from the code's (none on PostgreSQL but vectors). */
function readersOf(name: string): Reader[] {
  let list = readers.get(name);
  if (list !== undefined) return list;
  list = [];
  for (const [column, c] of Object.entries(tableDefinition(name)?.columns ?? {})) {
    if (isJson(c) && (!isPostgres || c.type === "vector"))
      list.push([column, (v) => (typeof v === "string" ? JSON.parse(v) : v)]);
    else if (c.type === "bool" && !isPostgres) list.push([column, (v) => (typeof v === "number" ? v !== 0 : v)]);
  }
  readers.set(name, list);
  return list;
}

/** A row as the code sees it. */
export function fromDb(name: string, row: Record<string, unknown>): Record<string, unknown> {
  for (const [column, read] of readersOf(name)) if (row[column] != null) setOwn(row, column, read(row[column]));
  return row;
}

/** A timestamp (ms, ISO text, "now", …) as the column stores it: a Date for PostgreSQL, ms for SQLite. */
export function dbTime(value: unknown): Date | number | null {
  if (value == null || value === "") return null;
  const ms = toMs(value as number | string | Date);
  return isPostgres ? new Date(ms) : ms;
}

/** A date as "YYYY-MM-DD". */
function dbDate(value: unknown): string | null {
  if (value == null || value === "") return null;
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Date(toMs(value as number | string)).toISOString().slice(0, 10);
}

/** A value for a comparison with `column` of `table`: timestamps and dates converted. */
export function columnValue(table: string, column: string, value: unknown): any {
  const c = columnDefinition(table, column);
  if (c?.type === "timestamp" && !c.list) return Array.isArray(value) ? value.map(dbTime) : dbTime(value);
  if (c?.type === "date" && !c.list) return Array.isArray(value) ? value.map(dbDate) : dbDate(value);
  return value;
}

// Passwords are hashed with bcrypt, as in Xano (runtime/password.ts).
export { checkPassword, hashPassword } from "./runtime/password.js";

/**
 * One value for `column`, ready to be bound: filtered, checked, converted. A promise only for a
 * password to hash, so that rows without one are converted without waiting (an import converts
 * millions).
 */
function writeValue(table: string, column: string, c: ColumnDefinition, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (isJson(c)) {
    const v = c.list && Array.isArray(value) ? value.map((x) => applyFieldFilters(x, c.filters, column)) : value;
    return JSON.stringify(v);
  }
  // A password already hashed (a row read back and written again, an import) is stored as it
  // is: its filters were checked when it was set, and a hash would fail `max`.
  if (c.type === "password" && typeof value === "string" && isPasswordHash(value)) return value;
  // A column's `filters=`, as Xano applies them on every write: the rules function inputs use.
  value = applyFieldFilters(value, c.filters, column);
  switch (c.type) {
    case "int":
    case "decimal": {
      const n =
        typeof value === "number"
          ? value
          : typeof value === "string" && value.trim() !== ""
            ? Number(value)
            : typeof value === "boolean"
              ? Number(value)
              : NaN;
      if (!Number.isFinite(n)) throw inputError(`Value is not a valid number: ${column}`, column);
      return c.type === "int" ? Math.trunc(n) : n;
    }
    case "bool":
      return value === true || value === "true" || value === 1 || value === "1";
    case "timestamp":
      return dbTime(value);
    case "date":
      return dbDate(value);
    case "password":
      return hashPassword(String(value));
    case "enum":
      checkEnum(c.values, String(value), column);
      return String(value);
    case "text":
    case "email":
    case "uuid":
      return typeof value === "object" ? JSON.stringify(value) : String(value);
    default:
      return value;
  }
}

/** Data for an insert or update: unknown keys dropped (as Xano ignores them), values converted. */
export async function toDb(table: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  return toDbNow(table, data);
}

/** toDb, returning the row itself when no value has to be waited for (a password to hash). */
export function toDbNow(
  table: string,
  data: Record<string, unknown>,
): Record<string, unknown> | Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let hashing: Promise<void>[] | undefined;
  for (const key of Object.keys(data ?? {})) {
    const c = columnDefinition(table, key);
    if (c === undefined) continue;
    const v = writeValue(table, key, c, data[key]);
    // A key given a value read from a missing key (undefined) is null in Xano, not left out.
    setOwn(out, key, v === undefined ? null : v);
    if (v instanceof Promise) (hashing ??= []).push(v.then((hash) => setOwn(out, key, hash)));
  }
  return hashing === undefined ? out : Promise.all(hashing).then(() => out);
}

// ── queries ──

/** A query on a table; `rows`, `first` and friends convert what it returns. */
export function table(name: string): Knex.QueryBuilder {
  return conn()(name).queryContext({ table: name });
}

function tableOf(query: Knex.QueryBuilder): string {
  return (query.queryContext() as { table: string }).table;
}

export async function rows<Row = any>(query: Knex.QueryBuilder): Promise<Row[]> {
  const result = (await query) as Record<string, unknown>[];
  const name = tableOf(query);
  if (readersOf(name).length === 0) return result as Row[];
  return result.map((row) => fromDb(name, row) as Row);
}

/** The first row, or null (Xano's `single`). */
export async function firstRow<Row = any>(query: Knex.QueryBuilder): Promise<Row | null> {
  const row = (await query.first()) as Record<string, unknown> | undefined;
  return row === undefined ? null : (fromDb(tableOf(query), row) as Row);
}

export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const result = (await query.clone().clearSelect().clearOrder().count({ n: "*" }).first()) as
    { n: number | string } | undefined;
  return Number(result?.n ?? 0);
}

export async function rowExists(query: Knex.QueryBuilder): Promise<boolean> {
  return (await query.clone().clearSelect().clearOrder().select(conn().raw("1 as one")).first()) !== undefined;
}

export interface Page<T = any> {
  itemsReceived: number;
  curPage: number;
  nextPage: number | null;
  prevPage: number | null;
  offset: number;
  perPage: number;
  itemsTotal?: number;
  pageTotal?: number;
  items: T[];
  /** Any other key reads as undefined (Xano: null). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** Xano's paged list. `totals` counts every matching row (one more query); without it the next page is known by reading one row more. */
export async function pageOf<Row = any>(
  query: Knex.QueryBuilder,
  pageNumber: unknown,
  perPage: unknown,
  options: { totals?: boolean } = {},
): Promise<Page<Row>> {
  const size = Math.max(1, Math.trunc(Number(perPage) || 25));
  const current = Math.max(1, Math.trunc(Number(pageNumber) || 1));
  const offset = (current - 1) * size;
  if (options.totals) {
    const [total, items] = await Promise.all([countRows(query), rows<Row>(query.clone().offset(offset).limit(size))]);
    const pages = Math.ceil(total / size);
    return {
      itemsReceived: items.length,
      curPage: current,
      nextPage: current < pages ? current + 1 : null,
      prevPage: current > 1 ? current - 1 : null,
      offset,
      perPage: size,
      itemsTotal: total,
      pageTotal: pages,
      items,
    };
  }
  const items = await rows<Row>(
    query
      .clone()
      .offset(offset)
      .limit(size + 1),
  );
  const more = items.length > size;
  if (more) items.pop();
  return {
    itemsReceived: items.length,
    curPage: current,
    nextPage: more ? current + 1 : null,
    prevPage: current > 1 ? current - 1 : null,
    offset,
    perPage: size,
    items,
  };
}

/** `paging` with `metadata: false`: only the page's rows. */
export async function pageItems<Row = any>(
  query: Knex.QueryBuilder,
  pageNumber: unknown,
  perPage: unknown,
): Promise<Row[]> {
  const size = Math.max(1, Math.trunc(Number(perPage) || 25));
  const current = Math.max(1, Math.trunc(Number(pageNumber) || 1));
  return rows<Row>(
    query
      .clone()
      .offset((current - 1) * size)
      .limit(size),
  );
}

// ── conditions (each bound, for `.where(…)`) ──

type Condition = (q: Knex.QueryBuilder) => void;
type Column = string | Knex.Raw;

/** `==?` and friends: the condition applies only when the value is not null, as Xano does. */
export function ifNotNull<T>(
  value: T,
  condition: (q: Knex.QueryBuilder, value: NonNullable<T>) => void,
): (q: Knex.QueryBuilder) => void {
  return (q) => {
    if (value != null) condition(q, value as NonNullable<T>);
  };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `includes`: the text contains the value, ignoring case. */
export function textIncludes(column: Column, value: unknown): Condition {
  const op = isPostgres ? "ilike" : "like";
  return (q) => void q.whereRaw(`?? ${op} ? escape '\\'`, [column, `%${likeEscape(String(value ?? ""))}%`]);
}

/** `contains`: a list column holds the value (a text column: contains it, case-sensitive). */
export function listContains(column: Column, value: unknown, list = true): Condition {
  if (!list)
    return (q) => void q.whereRaw(isPostgres ? "strpos(??, ?) > 0" : "instr(??, ?) > 0", [column, String(value ?? "")]);
  if (isPostgres) return (q) => void q.whereRaw("?? @> ?::jsonb", [column, JSON.stringify([value])]);
  return (q) =>
    void q.whereRaw("exists (select 1 from json_each(??) where json_each.value = ?)", [column, value as Knex.Value]);
}

/** `overlaps`: a list column shares at least one element with the list. */
export function listOverlaps(column: Column, values: unknown): Condition {
  const list = Array.isArray(values) ? values : [values];
  if (isPostgres)
    return (q) =>
      void q.whereRaw("exists (select 1 from jsonb_array_elements(??) as e where ?::jsonb @> e)", [
        column,
        JSON.stringify(list),
      ]);
  return (q) =>
    void q.whereRaw("exists (select 1 from json_each(??) as a, json_each(?) as b where a.value = b.value)", [
      column,
      JSON.stringify(list),
    ]);
}

/** `@>`: the JSON column contains the object. PostgreSQL only: SQLite has no JSON containment. */
export function jsonContains(column: Column, value: unknown): Condition {
  if (!isPostgres) throw new Error("`@>` (JSON containment) needs PostgreSQL: SQLite has no equivalent");
  return (q) => void q.whereRaw("?? @> ?::jsonb", [column, JSON.stringify(value)]);
}

/** `~`: the text matches the regular expression (case-sensitive). */
export function matchesRegex(column: Column, pattern: unknown): Condition {
  return (q) => void q.whereRaw(isPostgres ? "?? ~ ?" : "?? regexp ?", [column, String(pattern)]);
}

/** `$db.t.col.a.b`: a value inside a JSON column, as text. */
// Returns a Knex.Raw; typed `any` because knex's types accept only names where a column goes.
export function jsonField(column: string, ...path: string[]): any {
  return isPostgres
    ? conn().raw("??#>>?", [column, path])
    : conn().raw("json_extract(??, ?)", [column, `$.${path.map((p) => `"${p.replace(/"/g, '""')}"`).join(".")}`]);
}

/** `$db.t.col|to_lower` and the other column filters a condition may use. */
export function columnFilter(fn: "lower" | "upper" | "trim" | "length", column: Column): any {
  return conn().raw(`${fn}(??)`, [column]);
}

/** A column of a joined table on the right of a comparison. */
export function ref(column: string): Knex.Ref<string, {}> {
  return conn().ref(column);
}

// ── writes ──

function idOf(name: string): ColumnDefinition | undefined {
  return columnDefinition(name, "id");
}

/** db.add: inserts and returns the new row. */
export async function insertRow<Row = any>(name: string, data: Record<string, unknown>): Promise<Row> {
  const values = await toDb(name, data);
  if (idOf(name)?.type === "uuid" && values.id == null) values.id = randomUUID();
  const [row] = (await conn()(name).insert(values).returning("*")) as Record<string, unknown>[];
  return fromDb(name, row!) as Row;
}

/** db.bulk.add: inserts the rows in one statement; returns how many. */
export async function insertRows(name: string, list: unknown): Promise<number> {
  const items = Array.isArray(list) ? list : [];
  if (items.length === 0) return 0;
  const values = await Promise.all(items.map((d) => toDb(name, d as Record<string, unknown>)));
  if (idOf(name)?.type === "uuid") for (const v of values) v.id ??= randomUUID();
  if (isPostgres) await conn().batchInsert(name, values as any[], 500);
  else {
    // SQLite's multi-row insert writes NULL, not the column default, for a missing key:
    // rows with the same keys go together.
    const groups = new Map<string, Record<string, unknown>[]>();
    for (const v of values) {
      const key = Object.keys(v).sort().join(",");
      groups.set(key, [...(groups.get(key) ?? []), v]);
    }
    for (const group of groups.values()) await conn().batchInsert(name, group as any[], 200);
  }
  return values.length;
}

/** db.edit / db.patch: updates the row found by `where` and returns it (null when there is none). */
export async function updateRow<Row = any>(
  name: string,
  where: Record<string, unknown>,
  data: Record<string, unknown>,
): Promise<Row | null> {
  const key = Object.fromEntries(Object.entries(where).map(([k, v]) => [k, columnValue(name, k, v)]));
  const values = await toDb(name, data);
  delete values.id;
  if (Object.keys(values).length > 0) await conn()(name).where(key).update(values);
  return firstRow<Row>(table(name).where(key));
}

/** db.bulk.update / db.bulk.patch: updates every row the query selects; returns how many. */
export async function updateRows(query: Knex.QueryBuilder, data: Record<string, unknown>): Promise<number> {
  const values = await toDb(tableOf(query), data);
  delete values.id;
  if (Object.keys(values).length === 0) return countRows(query);
  return Number(await query.update(values));
}

/** db.add_or_edit: updates the row whose `field` has `value`, or adds it; returns the row. */
export async function upsertRow<Row = any>(
  name: string,
  field: string,
  value: unknown,
  data: Record<string, unknown>,
): Promise<Row | null> {
  const existing = await firstRow(table(name).where(field, columnValue(name, field, value)));
  if (existing !== null) return updateRow<Row>(name, { [field]: value }, data);
  return insertRow<Row>(name, field === "id" && value == null ? data : { ...data, [field]: value });
}

/** db.del: deletes the rows the query selects. */
export async function deleteRows(query: Knex.QueryBuilder): Promise<number> {
  return Number(await query.delete());
}

/** db.truncate: deletes every row; `resetIds` restarts the ids at 1. */
export async function truncateTable(name: string, resetIds = true): Promise<void> {
  const referenced = Object.values(tables).some((t) =>
    Object.values(t.columns).some((c) => c.table === name && !c.list),
  );
  if (!referenced && resetIds) {
    await conn()(name).truncate();
    return;
  }
  // Rows referring to this table keep working (their references become null): a delete, not TRUNCATE.
  await conn()(name).delete();
  if (resetIds && idOf(name)?.type !== "uuid") {
    if (isPostgres) await conn().raw("select setval(pg_get_serial_sequence(?, 'id'), 1, false)", [name]);
    else
      await conn()
        .raw("delete from sqlite_sequence where name = ?", [name])
        .catch(() => undefined);
  }
}

// ── transactions, data sources, raw SQL, schema ──

const ISOLATION: Record<string, Knex.IsolationLevels> = {
  serializable: "serializable",
  repeatable_read: "repeatable read",
  read_committed: "read committed",
  read_uncommitted: "read uncommitted",
};

/** db.transaction: every statement inside runs in one transaction, rolled back on any error. */
export async function transaction<T>(run: () => Promise<T>, isolation?: string): Promise<T> {
  const level = isolation ? ISOLATION[isolation] : undefined;
  return conn().transaction(
    (trx) => scope.run({ conn: trx }, run),
    level && isPostgres ? { isolationLevel: level } : undefined,
  );
}

/** The suffix of a data source's variables: DATABASE_URL_<KEY>, SQLITE_FILE_<KEY>. */
function datasourceKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
}

/**
 * db.set_datasource: the statements after it (in this call and what it awaits) use the data
 * source `name`: DATABASE_URL_<NAME> (or SQLITE_FILE_<NAME>); "live" and "default" are `db`.
 */
export function setDatasource(name: string): void {
  if (name === "live" || name === "default" || name === "") {
    scope.enterWith({ conn: db });
    return;
  }
  const key = datasourceKey(name);
  let source = datasources.get(key);
  if (source === undefined) {
    const url = process.env[`DATABASE_URL_${key}`];
    const file = process.env[`SQLITE_FILE_${key}`];
    if (!url && !file)
      throw new Error(`The data source "${name}" is not configured: set DATABASE_URL_${key} (or SQLITE_FILE_${key})`);
    source = connect(url, file ?? "");
    datasources.set(key, source);
    // An open pool keeps the process alive: the entry points' shutdown closes it.
    const opened = source;
    onShutdown(() => opened.destroy());
  }
  scope.enterWith({ conn: source });
}

/**
 * A task's `datasource = "<name>"`: its runs use that data source when DATABASE_URL_<NAME> (or
 * SQLITE_FILE_<NAME>) is set, and the project's database otherwise, with a warning (once).
 */
export function useTaskDatasource(name: string): void {
  const key = datasourceKey(name);
  if (process.env[`DATABASE_URL_${key}`] || process.env[`SQLITE_FILE_${key}`]) return setDatasource(name);
  if (!warnedDatasources.has(key)) {
    warnedDatasources.add(key);
    console.warn(
      `The data source "${name}" is not configured (DATABASE_URL_${key} or SQLITE_FILE_${key}): using the project's database`,
    );
  }
}
const warnedDatasources = new Set<string>();

/** db.direct_query: SQL as written, `?` placeholders bound to `args`. */
export async function directQuery(
  sql: string,
  args: unknown[] = [],
  responseType: "list" | "single" = "list",
): Promise<any> {
  const result = await conn().raw(sql, args as Knex.RawBinding[]);
  const list: unknown[] = isPostgres
    ? ((result as { rows?: unknown[] }).rows ?? [])
    : Array.isArray(result)
      ? result
      : [];
  return responseType === "single" ? (list[0] ?? null) : list;
}

/** db.schema: the table's columns and indexes as declared. */
export function schemaOf(name: string): {
  name: string;
  columns: ({ name: string } & ColumnDefinition)[];
  indexes: unknown[];
} {
  const t = tableDefinition(name);
  if (t === undefined) throw new XanoError("notfound", `Unknown table: ${name}`);
  return {
    name,
    columns: Object.entries(t.columns).map(([column, c]) => ({ name: column, ...c })),
    indexes: t.indexes ?? [],
  };
}

/** Runs several result modifiers ("addons") on a query's result: each row gets `as` set. */
export async function withAddons<T>(
  result: T,
  addons: { as: string; load: (row: any) => Promise<unknown> }[],
): Promise<T> {
  for (const addon of addons) {
    const path = addon.as.split(".");
    const targets: any[] = [];
    const collect = (row: any, p: string[]) => {
      if (row == null || typeof row !== "object") return;
      if (Array.isArray(row)) return row.forEach((r) => collect(r, p));
      if (p.length > 1) return collect(row[p[0]!], p.slice(1));
      targets.push(row);
    };
    collect(result, path);
    const key = path[path.length - 1]!;
    for (const row of targets) row[key] = await addon.load(row);
  }
  return result;
}
