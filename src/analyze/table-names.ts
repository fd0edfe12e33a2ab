// A table's name is its SQL name in the generated project, written exactly (quoted by knex),
// so it must be one every database the project runs on can hold as it is: no NUL (neither
// SQLite nor PostgreSQL takes one), no `.` (knex reads `a.b` as table b of schema a), no space
// at either end (knex trims it), no ` as ` (knex reads `a as b` as an alias), not `*` alone
// (knex writes it unquoted), at most
// 63 bytes (PostgreSQL cuts a longer name, so two could become one), and not SQLite's reserved
// `sqlite_…`. Another name is an error at the name (XS2012), not a migration that fails later.
// A column's name is written the same way by knex (`a.b` is column b of table a), so it has
// the same rules, `sqlite_` aside; and it is not `__proto__`, which SQLite's driver loses.
import type { FieldDecl } from "../ast.js";
import type { Diagnostic } from "../diagnostics/format.js";
import type { Workspace } from "./workspace.js";

/** PostgreSQL's longest identifier (NAMEDATALEN - 1), in bytes. */
const MAX_BYTES = 63;

/** Why `name` cannot be a table's or column's SQL name, or undefined when it can. */
function sqlNameProblem(name: string): string | undefined {
  if (name.trim() === "") return "it is empty";
  if (name.includes("\0")) return "it holds a NUL character";
  if (name === "*") return "knex writes it unquoted, as every column";
  if (name.includes(".")) return 'it holds a "." (read as schema.table)';
  if (name !== name.trim()) return "it starts or ends with a space (knex trims it off)";
  if (/ as /i.test(name)) return 'it holds " as " (knex reads it as an alias)';
  if (Buffer.byteLength(name, "utf8") > MAX_BYTES)
    return `it is ${Buffer.byteLength(name, "utf8")} bytes long, PostgreSQL keeps ${MAX_BYTES}`;
  return undefined;
}

/** Why `name` cannot be a table's SQL name, or undefined when it can. */
export function tableNameProblem(name: string): string | undefined {
  if (/^sqlite_/i.test(name)) return "SQLite reserves names starting with sqlite_";
  return sqlNameProblem(name);
}

/** Why `name` cannot be a column's SQL name, or undefined when it can. */
export function columnNameProblem(name: string): string | undefined {
  // better-sqlite3 builds a row by assignment: the column's value would become the row's prototype and be lost.
  if (name === "__proto__") return "SQLite's driver cannot return a column of that name";
  return sqlNameProblem(name);
}

export function tableNameErrors(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const object of ws.tables.values()) {
    const name = object.construct.name ?? "";
    const problem = tableNameProblem(name);
    if (problem !== undefined)
      out.push({
        severity: "error",
        code: "XS2012",
        message: `the table name ${JSON.stringify(name)} cannot be a SQL table name: ${problem}; rename the table`,
        path: object.relativePath,
        position: object.construct.span.start,
      });
    const schema = object.construct.body.find((b) => b.kind === "Fields" && b.name === "schema");
    const fields = schema?.kind === "Fields" ? schema.fields.filter((f): f is FieldDecl => f.kind === "Field") : [];
    const seen = new Set<string>();
    for (const field of fields) {
      // SQLite compares column names ignoring (ASCII) case: `Name` beside `name` is a duplicate column.
      const folded = field.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const columnProblem = seen.has(folded)
        ? "SQLite ignores case in column names, and another column of the table has it"
        : columnNameProblem(field.name);
      seen.add(folded);
      if (columnProblem === undefined) continue;
      out.push({
        severity: "error",
        code: "XS2012",
        message: `the column name ${JSON.stringify(field.name)} of the table ${JSON.stringify(name)} cannot be a SQL column name: ${columnProblem}; rename the column`,
        path: object.relativePath,
        position: field.span.start,
      });
    }
  }
  return out;
}
