// --verify: after an import, the source and the table are read again and compared by count
// and by a checksum of every row (sha256 over the rows in id order, each value normalised by
// its column's type: JSON with sorted keys, timestamps as epoch ms, vectors as the 4-byte
// floats pgvector keeps). Text is compared after the column's filters, as the import stored it.
import { createHash } from "node:crypto";
import type { ColumnDefinition, TableDefinition } from "../runtime/db-table.js";
import { applyFieldFilters } from "../runtime/field-filters.js";
import { isPasswordHash } from "../runtime/password.js";
import { tables } from "../tables/index.js";
import { isJsonColumn, sourceRow } from "./convert.js";
import type { SourceTable } from "./sources.js";
import { tableRows } from "./table-rows.js";

export interface Digest {
  count: number;
  checksum: string;
}

function stable(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
}

function normal(c: ColumnDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (c.type === "vector" && Array.isArray(value)) return value.map((x) => Math.fround(Number(x)));
  if (isJsonColumn(c)) return value;
  if (c.type === "int" || c.type === "decimal" || c.type === "timestamp") return Number(value);
  if (c.type === "bool") return value === true || value === 1;
  return String(value);
}

/** What the import stores of a text value: the column's filters applied (a hash as it is). */
function stored(column: string, c: ColumnDefinition, value: unknown): unknown {
  if (value === null || c.filters === undefined || isJsonColumn(c)) return value;
  if (c.type === "password" && typeof value === "string" && isPasswordHash(value)) return value;
  try {
    return applyFieldFilters(value, c.filters, column);
  } catch {
    return value;
  }
}

function digestOf(definition: TableDefinition): { add(row: Record<string, unknown>): void; done(): Digest } {
  const hash = createHash("sha256");
  let count = 0;
  const columns = Object.entries(definition.columns);
  return {
    add(row) {
      count++;
      hash.update(stable(columns.map(([column, c]) => normal(c, row[column]))));
      hash.update("\n");
    },
    done: () => ({ count, checksum: hash.digest("hex") }),
  };
}

/** The source's rows, converted as the import converts them; rows that cannot be are skipped. */
export async function sourceDigest(source: SourceTable): Promise<Digest> {
  const definition = tables[source.table!]!;
  const digest = digestOf(definition);
  for await (const records of source.batches(5000)) {
    for (const record of records) {
      let row: Record<string, unknown>;
      try {
        row = sourceRow(definition, record, source.fromText);
      } catch {
        continue;
      }
      for (const [column, c] of Object.entries(definition.columns)) row[column] = stored(column, c, row[column]);
      digest.add(row);
    }
  }
  return digest.done();
}

/** The table's rows as the data layer reads them. */
export async function targetDigest(name: string): Promise<Digest> {
  const digest = digestOf(tables[name]!);
  for await (const row of tableRows(name)) digest.add(row);
  return digest.done();
}
