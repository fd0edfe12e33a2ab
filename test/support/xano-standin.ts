// A stand-in for Xano's own database, for the import tests and bench: per table a
// `mvpw<ws>_<id>` table (`id`, and `xdo`: the record as JSONB) and the `x<ws>_<id>` view with a
// column per field, filled with generated rows that cover each column type's edge values,
// nulls, Unicode and large JSON. The same rows can be written as CSV files as Xano's table view
// exports them (`<id>_<name>.csv`).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ColumnDefinition, TableDefinition } from "../../templates/runtime/db-table.js";

export type Row = Record<string, unknown>;

const BIG_JSON = {
  items: Array.from({ length: 4000 }, (_, i) => ({ n: i, text: `élément ${i} — 項目`, ok: i % 2 === 0 })),
};

const TEXTS = [
  "",
  "héllo wörld — 日本語 🎉 Ω",
  'a,"quoted"\nsecond line\ttab',
  "x".repeat(2000),
  "C:\\path\\to\\file",
  "plain",
];
const NUMBERS = {
  int: [0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 42],
  decimal: [0, -0.5, 1e300, 1.5e-300, 3.141592653589793],
};
const TIMESTAMPS = [0, -1, 253402300799999, 1700000000123, -62135596800000];
const DATES = ["1970-01-01", "2024-02-29", "9999-12-31", "0001-01-01"];
const JSONS: unknown[] = [
  { a: 1, b: [1, 2, { c: "ü" }] },
  [1, "two", null, true],
  "just a string",
  12.5,
  { 日本: { nested: { deep: [1, 2, 3] } } },
  true,
];

function file(i: number): Row {
  return {
    access: "public",
    path: `/vault/abc/${i}/résumé ${i}.pdf`,
    name: `résumé ${i}.pdf`,
    type: "pdf",
    size: 1000 + i,
    mime: "application/pdf",
    meta: { pages: i % 5 },
    url: `https://example.com/vault/${i}.pdf`,
  };
}

/** A value of a column with a unique index: different on every row. */
function distinct(c: ColumnDefinition, i: number, column: string): unknown {
  switch (c.type) {
    case "int":
    case "decimal":
      return i * 7919 + 1;
    case "timestamp":
      return 1700000000000 + i;
    case "date":
      return new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
    case "email":
      return `ünï.${column}.${i}@exämple.org`;
    case "uuid":
    case "enum":
    case "bool":
      return scalar(c, i, column);
    default:
      return `${column} ${i} — ünïcødé`;
  }
}

/** One value of a scalar (non-list) column for row `i`. */
function scalar(c: ColumnDefinition, i: number, column: string): unknown {
  const pick = <T>(list: readonly T[]) => list[i % list.length]!;
  switch (c.type) {
    case "int":
      return i % 6 === 5 ? i * 7919 : pick(NUMBERS.int);
    case "decimal":
      return i % 6 === 5 ? i / 8 : pick(NUMBERS.decimal);
    case "bool":
      return i % 2 === 0;
    case "timestamp":
      return pick(TIMESTAMPS);
    case "date":
      return pick(DATES);
    case "uuid":
      return `${(0x10000000 + i).toString(16)}-0000-4000-8000-${String(i).padStart(12, "0")}`;
    case "enum":
      return pick(c.values ?? ["a"]);
    case "email":
      return `ünï.${column}.${i}@exämple.org`;
    case "password":
      return `$2a$10$${"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./0123456789".slice(0, 53 - String(i).length)}${i}`;
    case "json":
    case "object":
      return i === 1 ? BIG_JSON : pick(JSONS);
    case "image":
    case "attachment":
    case "audio":
    case "video":
    case "file":
      return file(i);
    case "vector":
      return [0.5, -1, i / 4];
    default:
      if (c.type.startsWith("geo_")) return { type: "point", data: { lng: 1.5, lat: -2.25 } };
      return i % TEXTS.length === 5 ? `text ${i} of ${column}` : pick(TEXTS);
  }
}

/** Rows for `definition` with `ids`; a column referring to a table takes one of `refs(table)`. */
export function generateRows(
  definition: TableDefinition,
  ids: readonly (number | string)[],
  refs: (table: string) => readonly (number | string)[],
): Row[] {
  const unique = new Set(
    (definition.indexes ?? []).filter((x) => x.type.includes("unique")).flatMap((x) => x.fields.map((f) => f.name)),
  );
  return ids.map((id, i) => {
    const row: Row = { id };
    for (const [column, c] of Object.entries(definition.columns)) {
      if (column === "id") continue;
      if (c.nullable && (i + column.length) % 7 === 3) row[column] = null;
      else if (c.table && !c.list && c.type === "int") {
        const targets = refs(c.table);
        row[column] = targets.length > 0 ? targets[(i * 13) % targets.length] : c.nullable ? null : 1;
      } else if (unique.has(column)) row[column] = distinct(c, i, column);
      else if (c.list)
        row[column] =
          c.type === "json"
            ? [[{ a: 1 }], [], [{ x: "ü" }, { y: null }]][i % 3]
            : [scalar(c, i, column), scalar(c, i + 1, column)];
      else row[column] = scalar(c, i, column);
    }
    return row;
  });
}

type Query = (sql: string, values?: unknown[]) => Promise<unknown[]>;

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Creates `mvpw<ws>_<id>` holding `rows` and its `x<ws>_<id>` view. */
export async function createXanoTable(
  query: Query,
  ws: number,
  id: number,
  definition: TableDefinition,
  rows: readonly Row[],
): Promise<void> {
  const name = `mvpw${ws}_${id}`;
  const idType = definition.columns.id?.type === "uuid" ? "uuid" : "bigint";
  await query(`create table ${name} (id ${idType} primary key, xdo jsonb not null default '{}'::jsonb)`);
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000).map(({ id: rowId, ...xdo }) => ({ id: rowId, xdo }));
    await query(
      `insert into ${name} (id, xdo) select id, xdo from jsonb_to_recordset($1::jsonb) as r(id ${idType}, xdo jsonb)`,
      [JSON.stringify(batch)],
    );
  }
  const fields = Object.keys(definition.columns).filter((c) => c !== "id");
  await query(
    `create view x${ws}_${id} as select id${fields.map((f) => `, xdo->>'${f.replace(/'/g, "''")}' as ${ident(f)}`).join("")} from ${name}`,
  );
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "string" ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes `rows` as `<dir>/<id>_<name>.csv`: JSON as JSON text, null empty, timestamps as ms or ISO text. */
export function writeXanoCsv(dir: string, id: number, definition: TableDefinition, rows: readonly Row[]): void {
  const columns = Object.keys(definition.columns);
  const lines = [columns.map(csvCell).join(",")];
  for (const row of rows) {
    const cells = columns.map((column) => {
      const c = definition.columns[column]!;
      const value = row[column];
      if (value === null || value === undefined) return "";
      if (
        c.list ||
        ["json", "object", "image", "attachment", "audio", "video", "file", "vector"].includes(c.type) ||
        c.type.startsWith("geo_")
      )
        return csvCell(JSON.stringify(value));
      // Both spellings of a timestamp: epoch ms, and ISO text.
      if (c.type === "timestamp" && Number(row.id) % 2 === 0) return csvCell(new Date(value as number).toISOString());
      return csvCell(value);
    });
    lines.push(cells.join(","));
  }
  writeFileSync(join(dir, `${id}_${definition.name}.csv`), `${lines.join("\r\n")}\r\n`);
}
