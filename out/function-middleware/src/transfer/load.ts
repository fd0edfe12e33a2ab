// Loading one source table into its table: each record converted (./convert.ts reads the
// source's values, the data layer's toDb stores them), written a batch at a time, all in one
// transaction. A record that cannot be converted, or a batch the database refuses, fails the
// table: nothing of it stays, and the first rejection says which row, field and value, and why.
// Rows are upserted by id, so an import run again (after fixing a bad row) completes and
// leaves each row as the source has it.
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { Knex } from "knex";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { db, isPostgres, toDbNow } from "../db.js";
import { XanoError } from "../runtime/errors.js";
import { tables } from "../tables/index.js";
import { Rejection, sourceRow } from "./convert.js";
import type { SourceTable } from "./sources.js";

export interface FirstRejection {
  id: unknown;
  field: string;
  value: unknown;
  reason: string;
}

export interface TableResult {
  table: string;
  source: string;
  read: number;
  written: number;
  rejected: number;
  status: "imported" | "failed" | "checked";
  first?: FirstRejection;
  /** Why a failed table failed, when the database refused it. */
  error?: string;
}

/**
 * Rows read, converted and written at a time. A page read is held whole until it is written:
 * 500 rows of a few KB each (bwats' candidates) stay small enough for V8's young generation,
 * where garbage is cheap; pages of 2000 did not, and collecting them took a third of the time.
 */
export const BATCH_SIZE = 500;

export interface LoadOptions {
  dryRun?: boolean;
  batchSize?: number;
  /** Called with the rows read so far (a progress bar). */
  progress?: (read: number) => void;
}

/** Thrown inside the transaction to roll it back once every record has been looked at. */
class RolledBack extends Error {}

function rejectionOf(record: Record<string, unknown>, error: unknown): FirstRejection {
  if (error instanceof Rejection)
    return { id: record.id, field: error.field, value: error.value, reason: error.message };
  if (error instanceof XanoError) {
    const field = String((error.payload as { param?: unknown } | null)?.param ?? "");
    return { id: record.id, field, value: record[field], reason: error.message };
  }
  return { id: record.id, field: "", value: undefined, reason: (error as Error).message };
}

export async function loadTable(source: SourceTable, options: LoadOptions = {}): Promise<TableResult> {
  const name = source.table!;
  const definition = tables[name]!;
  const result: TableResult = {
    table: name,
    source: source.label,
    read: 0,
    written: 0,
    rejected: 0,
    status: options.dryRun ? "checked" : "imported",
  };
  const size = options.batchSize ?? BATCH_SIZE;
  const work = async (trx: Knex.Transaction | undefined) => {
    const writer = trx === undefined ? undefined : await batchWriter(trx, name);
    try {
      for await (const records of readAhead(source.batches(size))) {
        const batch: Record<string, unknown>[] = [];
        for (const record of records) {
          try {
            const stored = toDbNow(name, sourceRow(definition, record, source.fromText));
            batch.push(stored instanceof Promise ? await stored : stored);
          } catch (error) {
            result.rejected++;
            result.first ??= rejectionOf(record, error);
          }
        }
        result.read += records.length;
        // After a rejection the rest is still read, to count what else would be rejected.
        if (writer !== undefined && result.rejected === 0 && batch.length > 0) {
          await writer.write(batch);
          result.written += batch.length;
        }
        options.progress?.(result.read);
      }
      if (result.rejected > 0) throw new RolledBack();
      await writer?.finish();
    } catch (error) {
      // The connection must be out of COPY before the transaction can roll back on it.
      await writer?.abandon();
      throw error;
    }
    if (trx !== undefined && result.written > 0) await moveIdSequence(trx, name);
  };
  try {
    if (options.dryRun) await work(undefined);
    else await db.transaction((trx) => work(trx));
  } catch (error) {
    result.status = "failed";
    result.written = 0;
    // knex puts the whole statement before the database's message: only the message is kept.
    if (!(error instanceof RolledBack)) result.error = (error as Error).message.split(" - ").pop();
  }
  if (options.dryRun && result.rejected > 0) result.status = "failed";
  return result;
}

/** The next batch is being read while this one is converted and written. */
async function* readAhead<T>(batches: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = batches[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = iterator.next();
    // A failed read ahead is reported when its turn comes, not as an unhandled rejection.
    next.catch(() => {});
    yield current.value;
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** A PostgreSQL array literal: each element quoted, NULL as NULL. */
function arrayLiteral(values: unknown[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    const text = v instanceof Date ? v.toISOString() : String(v);
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(",")}}`;
}

const COPY_ESCAPED = /[\\\n\r\t]/;
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A value in COPY's text format: \\N for null, backslash escapes for the rest. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  const text = typeof value === "string" ? value : value instanceof Date ? value.toISOString() : String(value);
  // Most values have nothing to escape: they are used as they are.
  return COPY_ESCAPED.test(text) ? text.replace(/[\\\n\r\t]/g, (ch) => COPY_ESCAPES[ch]!) : text;
}

const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * Rows in COPY's text format (a tab between values, a newline after each row), encoded as
 * UTF-8 straight into one buffer: building one string of the batch and encoding it afterwards
 * costs several times more. `size` is a guess of the bytes needed, the buffer grows past it.
 */
function copyRows(rows: readonly Record<string, unknown>[], columns: readonly string[], size: number): Buffer {
  let buffer = Buffer.allocUnsafe(size);
  let length = 0;
  const last = columns.length - 1;
  for (const row of rows) {
    for (let i = 0; i <= last; i++) {
      const text = copyText(row[columns[i]!]);
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      const room = length + text.length * 3 + 1;
      if (room > buffer.length) {
        const larger = Buffer.allocUnsafe(Math.max(room, buffer.length * 2));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      length += buffer.write(text, length);
      buffer[length++] = i === last ? NEWLINE : TAB;
    }
  }
  return buffer.subarray(0, length);
}

/** Writes the batches of stored rows of one table, in one transaction. */
interface BatchWriter {
  /** Hands over a batch; the database may still be storing it when this returns. */
  write(rows: Record<string, unknown>[]): Promise<void>;
  /** Waits until everything written is in the table; throws when the database refused it. */
  finish(): Promise<void>;
  /** Stops writing after a failure; what was written is rolled back with the transaction. */
  abandon(): Promise<void>;
}

/**
 * A BatchWriter for PostgreSQL, into a table that was empty, with COPY (the server's own bulk
 * load). The whole table is one COPY: each batch is sent as one chunk while the server stores
 * the one before, and the next batch is converted meanwhile.
 */
function copyWriter(connection: pg.Client, sql: string, columns: readonly string[]): BatchWriter {
  const stream = connection.query(copyFrom(sql));
  let refused: Error | undefined;
  stream.on("error", (error: Error) => (refused ??= error));
  const closed = new Promise((resolve) => stream.once("close", resolve));
  let ready: Promise<void> = Promise.resolve();
  let ended = false;
  const least = 1 << 16;
  let size = least;
  return {
    async write(rows) {
      const chunk = copyRows(rows, columns, size);
      // Batches are alike: the next one is given a little more than this one took.
      size = Math.max(least, Math.ceil(chunk.length * 1.25));
      await ready;
      if (refused !== undefined) throw refused;
      if (!stream.write(chunk)) ready = drained(stream);
    },
    async finish() {
      await ready;
      if (refused !== undefined) throw refused;
      ended = true;
      stream.end();
      await finished(stream);
    },
    async abandon() {
      // A COPY the server refused has ended already; one still open is cancelled (CopyFail).
      if (refused !== undefined || ended) return;
      stream.destroy();
      await closed;
    },
  };
}

/** Settles when `stream` takes more, or has failed. */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done).off("error", done).off("close", done);
      resolve();
    };
    stream.on("drain", done).on("error", done).on("close", done);
  });
}

/**
 * A BatchWriter. On PostgreSQL, into a table that was empty, with COPY (copyWriter); into one
 * that already has rows, one upsert per batch with an array parameter per column (`unnest`), so
 * each row with an id already there is overwritten. On SQLite, multi-row upserts within its bind
 * limit.
 */
async function batchWriter(trx: Knex.Transaction, name: string): Promise<BatchWriter> {
  const declared = Object.keys(tables[name]!.columns);
  if (!isPostgres) {
    const chunk = Math.max(1, Math.floor(30000 / declared.length));
    return statementWriter(async (rows) => {
      for (let i = 0; i < rows.length; i += chunk)
        await trx(name)
          .insert(rows.slice(i, i + chunk))
          .onConflict("id")
          .merge();
    });
  }
  const found = (
    await trx.raw(
      "select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a where a.attrelid = quote_ident(?)::regclass and a.attnum > 0 and not a.attisdropped",
      [name],
    )
  ).rows as { name: string; type: string }[];
  const types = new Map(found.map((r) => [r.name, r.type]));
  const columns = declared.filter((c) => types.has(c));
  const empty = (await trx.raw("select not exists (select 1 from ??) as empty", [name])).rows[0].empty as boolean;
  if (empty) {
    // The transaction's own connection (knex hands it out while the transaction is open).
    const connection = await (trx.client as { acquireConnection(): Promise<pg.Client> }).acquireConnection();
    return copyWriter(connection, `copy ${quote(name)} (${columns.map(quote).join(", ")}) from stdin`, columns);
  }
  const updates = columns.filter((c) => c !== "id").map((c) => `${quote(c)} = excluded.${quote(c)}`);
  const sql =
    `insert into ${quote(name)} (${columns.map(quote).join(", ")}) select * from unnest(${columns.map((c) => `?::${types.get(c)}[]`).join(", ")}) ` +
    `on conflict (id) do ${updates.length > 0 ? `update set ${updates.join(", ")}` : "nothing"}`;
  return statementWriter(async (rows) => {
    await trx.raw(
      sql,
      columns.map((c) => arrayLiteral(rows.map((r) => r[c]))),
    );
  });
}

/** A BatchWriter whose every batch is a statement, done when it returns. */
function statementWriter(write: (rows: Record<string, unknown>[]) => Promise<void>): BatchWriter {
  return { write, finish: async () => {}, abandon: async () => {} };
}

/** The next id the table gives follows the largest imported one. */
async function moveIdSequence(trx: Knex.Transaction, name: string): Promise<void> {
  if (tables[name]!.columns.id?.type === "uuid") return;
  // SQLite's AUTOINCREMENT already follows the largest id written.
  if (!isPostgres) return;
  await trx.raw(
    "select setval(pg_get_serial_sequence(quote_ident(?), 'id'), m) from (select max(id) as m from ??) as t where m is not null",
    [name, name],
  );
}
