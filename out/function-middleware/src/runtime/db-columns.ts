// Column and index builders the migrations share: one place says how each XanoScript type is
// stored on PostgreSQL and on SQLite.
//
// | XanoScript                         | PostgreSQL          | SQLite                      |
// | ---------------------------------- | ------------------- | --------------------------- |
// | int (and the id)                   | bigint (bigserial)  | integer (autoincrement)     |
// | decimal                            | double precision    | float                       |
// | text, email, password              | text                | text                        |
// | enum                               | text + check        | text + check                |
// | bool                               | boolean             | boolean (0/1)               |
// | timestamp                          | timestamptz(3)      | integer: epoch milliseconds |
// | date                               | date                | text YYYY-MM-DD             |
// | uuid                               | uuid                | char(36)                    |
// | json, object, lists, files, geo_*  | jsonb               | text holding JSON           |
// | vector                             | vector(n) (pgvector)| text holding JSON           |
//
// Timestamps are epoch milliseconds in the code (as in XanoScript); PostgreSQL stores real
// `timestamptz` values so SQL date functions and psql show them as dates. src/db.ts converts.
import type { Knex } from "knex";

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === "pg";
}

/** Column builders for one `createTable` callback. */
export function columns(db: Knex, t: Knex.CreateTableBuilder) {
  const pg = isPostgres(db);
  return {
    timestamp: (name: string) => (pg ? t.timestamp(name, { useTz: true, precision: 3 }) : t.bigInteger(name)),
    date: (name: string) => (pg ? t.date(name) : t.text(name)),
    json: (name: string) => t.jsonb(name),
    vector: (name: string, size?: number) =>
      pg ? t.specificType(name, size ? `vector(${Math.trunc(size)})` : "vector") : t.jsonb(name),
    uuidKey: (name: string) =>
      pg ? t.uuid(name).primary().defaultTo(db.raw("gen_random_uuid()")) : t.uuid(name).primary(),
    /** The current time, as the column stores it. */
    now: () => db.raw(pg ? "now()" : "(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"),
    today: () => db.raw(pg ? "CURRENT_DATE" : "(date('now'))"),
  };
}

/** A short, unique index name (PostgreSQL keeps 63 characters). */
export function indexName(table: string, fields: string[], kind: string): string {
  const name = `${table}_${fields.join("_")}_${kind}`;
  if (name.length <= 60) return name;
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return `${name.slice(0, 50)}_${(h >>> 0).toString(36)}`;
}

type Field = { name: string; op?: "asc" | "desc" };

/** `btree` / `btree|unique` with directions: identifiers are bound, never spliced in. */
export async function btreeIndex(db: Knex, table: string, fields: Field[], unique = false): Promise<void> {
  const parts = fields.map((f) => (f.op === "desc" ? "?? desc" : "??"));
  const name = indexName(
    table,
    fields.map((f) => (f.op === "desc" ? `${f.name}_desc` : f.name)),
    unique ? "unique" : "idx",
  );
  await db.raw(`create ${unique ? "unique " : ""}index ?? on ?? (${parts.join(", ")})`, [
    name,
    table,
    ...fields.map((f) => f.name),
  ]);
}

/** `gin` on a JSON column (PostgreSQL only; `jsonb_path_op` is PostgreSQL's jsonb_path_ops). */
export async function ginIndex(db: Knex, table: string, field: string, op?: string): Promise<void> {
  const opclass = op === "jsonb_path_op" || op === "jsonb_path_ops" ? " jsonb_path_ops" : "";
  await db.raw(`create index ?? on ?? using gin (??${opclass})`, [indexName(table, [field], "gin"), table, field]);
}

/** `search`: a full-text index over the weighted fields (PostgreSQL only). */
export async function searchIndex(
  db: Knex,
  table: string,
  fields: { name: string; op?: string }[],
  lang = "english",
): Promise<void> {
  const config = /^[a-z_]+$/.test(lang) ? lang : "english";
  const parts = fields.map((f) => {
    const weight = ["A", "B", "C", "D"].includes(f.op ?? "") ? f.op : "D";
    return `setweight(to_tsvector('${config}', coalesce(??::text, '')), '${weight}')`;
  });
  await db.raw(`create index ?? on ?? using gin ((${parts.join(" || ")}))`, [
    indexName(
      table,
      fields.map((f) => f.name),
      "search",
    ),
    table,
    ...fields.map((f) => f.name),
  ]);
}

/** `vector`: an HNSW index (PostgreSQL with pgvector only). */
export async function vectorIndex(db: Knex, table: string, field: string, op = "vector_cosine_ops"): Promise<void> {
  const opclass = ["vector_cosine_ops", "vector_l2_ops", "vector_ip_ops"].includes(op) ? op : "vector_cosine_ops";
  await db.raw(`create index ?? on ?? using hnsw (?? ${opclass})`, [indexName(table, [field], "vector"), table, field]);
}

/** pgvector must be installed on the server for vector columns. */
export async function requireVector(db: Knex): Promise<void> {
  const available = await db.raw("select 1 from pg_available_extensions where name = 'vector'");
  if (available.rows.length === 0)
    throw new Error(
      "This table has a vector column: install the pgvector extension on the PostgreSQL server (https://github.com/pgvector/pgvector)",
    );
  await db.raw("create extension if not exists vector");
}
