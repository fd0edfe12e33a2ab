// Table and column names are SQL names exactly, for any text (issue 11): fast-check gives
// tables arbitrary names (`tb<i>z <text>`, within what XS2012 lets a database hold) and a
// column named by the text itself (or, where XS2012 refuses it, `c<i>z <text>` made to fit); `npm run migrate` creates them on PostgreSQL (SQLite too),
// and a function of the generated project adds a row through the db layer and reads it back.
// The database's catalog holds the names exactly, and the row comes back exactly.
// HOSTILE_NAME_RUNS sets the number of tables (40).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import fc from "fast-check";
import { build } from "../../src/build.ts";
import { columnNameProblem } from "../../src/analyze/table-names.ts";
import { hostile, tableName } from "../support/hostile.ts";
import { inPgSchema, postgresSkip } from "../support/generated.ts";
import { repoRoot } from "../support/shared.ts";

const run = promisify(execFile);
const COUNT = Number(process.env.HOSTILE_NAME_RUNS ?? 40);

/** A XanoScript string literal the lexer reads back as exactly `value`. */
const xs = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * Text `i`'s table and its column: the column is the text itself unless that is `id` or a name
 * XS2012 refuses (table-names.test.ts checks the refusals), then made one as the table's is.
 */
function names(text: string, i: number) {
  const column = /^id$/i.test(text) || columnNameProblem(text) !== undefined ? tableName(`c${i}z `, text) : text;
  return { table: tableName(`tb${i}z `, text), column };
}

/** The value stored: the text without NUL, which PostgreSQL's text cannot hold. */
const value = (text: string) => text.replace(/\0/g, "");

function workspace(texts: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-hostile-names-"));
  mkdirSync(join(dir, "ws", "table"), { recursive: true });
  mkdirSync(join(dir, "ws", "function"), { recursive: true });
  texts.forEach((text, i) => {
    const { table, column } = names(text, i);
    writeFileSync(
      join(dir, "ws", "table", `t${i}.xs`),
      `table ${xs(table)} {\n  schema {\n    int id\n    text ${xs(column)}?\n  }\n}\n`,
    );
    writeFileSync(
      join(dir, "ws", "function", `rw${i}.xs`),
      [
        `function rw${i} {`,
        "  stack {",
        `    db.add ${xs(table)} {`,
        `      data = {${xs(column)}: ${xs(value(text))}}`,
        "    } as $added",
        `    db.query ${xs(table)} {`,
        `      where = $db.${xs(table)}.${xs(column)} == ${xs(value(text))}`,
        "    } as $rows",
        "  }",
        "  response = {added: $added, rows: $rows}",
        "}",
        "",
      ].join("\n"),
    );
  });
  return dir;
}

/** Runs every `rw<i>` and prints the SQL tables and columns and what each returned. */
const SCRIPT = (count: number) => `import { db } from "./src/db.ts";
const sql = process.env.DATABASE_URL
  ? "select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()"
  : "select m.name as t, p.name as c from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'";
const results: unknown[] = [];
for (let i = 0; i < ${count}; i++) {
  const module = (await import(\`./src/functions/rw\${i}.ts\`)) as Record<string, unknown>;
  const fn = Object.values(module).find((v) => typeof v === "function") as (input: unknown) => Promise<unknown>;
  results.push(await fn({}));
}
const raw = await db.raw(sql);
const columns = (Array.isArray(raw) ? raw : raw.rows) as { t: string; c: string }[];
process.stdout.write(JSON.stringify({ columns: columns.map((r) => [r.t, r.c]), results }));
await db.destroy();
`;

const pgSkip = await postgresSkip();

describe(`arbitrary table and column names (${COUNT} tables)`, () => {
  const texts = fc.sample(hostile, { numRuns: COUNT });
  const dir = workspace(texts);
  const out = join(dir, "out");

  it("builds without an error", async () => {
    const result = await build({ workspace: join(dir, "ws"), out, name: "names" });
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
  });

  for (const database of ["SQLite", "PostgreSQL"] as const) {
    it(
      `creates the tables and columns with their exact names, and a row added is read back exactly (${database})`,
      { skip: database === "PostgreSQL" && pgSkip },
      async () => {
        const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: join(out, "names.sqlite") };
        delete env.DATABASE_URL;
        writeFileSync(join(out, "names-script.ts"), SCRIPT(texts.length));
        const go = async (e: NodeJS.ProcessEnv) => {
          await run(process.execPath, ["--import", "tsx", "src/migrate.ts"], { cwd: out, env: e });
          const { stdout } = await run(process.execPath, ["--import", "tsx", "names-script.ts"], { cwd: out, env: e });
          return JSON.parse(stdout) as { columns: [string, string][]; results: unknown[] };
        };
        const { columns, results } =
          database === "SQLite" ? await go(env) : await inPgSchema((url) => go({ ...env, DATABASE_URL: url }));
        const ours = columns.filter(([t]) => !/^(knex_|sqlite_)/.test(t));
        const expected = texts.flatMap((text, i) => {
          const { table, column } = names(text, i);
          return [
            [table, "id"],
            [table, column],
          ];
        });
        const order = (rows: string[][]) => rows.map((r) => JSON.stringify(r)).sort();
        assert.deepEqual(order(ours), order(expected));
        texts.forEach((text, i) => {
          const { column } = names(text, i);
          const row = JSON.parse(`{"id":1,${JSON.stringify(column)}:${JSON.stringify(value(text))}}`) as unknown;
          assert.deepStrictEqual(results[i], { added: row, rows: [row] }, `text ${i}: ${JSON.stringify(text)}`);
        });
      },
    );
  }
});
