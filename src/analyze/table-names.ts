// A table's name is its SQL name in the generated project, written exactly (quoted by knex),
// so it must be one every database the project runs on can hold as it is: no NUL (neither
// SQLite nor PostgreSQL takes one), no `.` (knex reads `a.b` as table b of schema a), no space
// at either end (knex trims it) and no ` as ` (knex reads `a as b` as an alias), at most
// 63 bytes (PostgreSQL cuts a longer name, so two could become one), and not SQLite's reserved
// `sqlite_…`. Another name is an error at the name (XS2012), not a migration that fails later.
import type { Diagnostic } from "../diagnostics/format.js";
import type { Workspace } from "./workspace.js";

/** PostgreSQL's longest identifier (NAMEDATALEN - 1), in bytes. */
const MAX_BYTES = 63;

/** Why `name` cannot be a table's SQL name, or undefined when it can. */
export function tableNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "it is empty";
  if (name.includes("\0")) return "it holds a NUL character";
  if (name.includes(".")) return 'it holds a "." (read as schema.table)';
  if (name !== name.trim()) return "it starts or ends with a space (knex trims it off)";
  if (/ as /i.test(name)) return 'it holds " as " (knex reads it as an alias)';
  if (Buffer.byteLength(name, "utf8") > MAX_BYTES)
    return `it is ${Buffer.byteLength(name, "utf8")} bytes long, PostgreSQL keeps ${MAX_BYTES}`;
  if (/^sqlite_/i.test(name)) return "SQLite reserves names starting with sqlite_";
  return undefined;
}

export function tableNameErrors(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const object of ws.tables.values()) {
    const name = object.construct.name ?? "";
    const problem = tableNameProblem(name);
    if (problem === undefined) continue;
    out.push({
      severity: "error",
      code: "XS2012",
      message: `the table name ${JSON.stringify(name)} cannot be a SQL table name: ${problem}; rename the table`,
      path: object.relativePath,
      position: object.construct.span.start,
    });
  }
  return out;
}
