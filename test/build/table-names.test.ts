// A table's name is its SQL name, exactly (issue 11): a name no database can hold stops the
// build with XS2012 at the table, instead of a migration that fails (`orders.2024` read as
// table 2024 of schema orders) or PostgreSQL cutting two long names into one; any other name,
// quotes, backticks and all, is the name of the table `npm run migrate` creates, on SQLite and
// PostgreSQL.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { describe, it } from "node:test";
import { build } from "../../src/build.ts";
import { inPgSchema, postgresSkip } from "../support/generated.ts";
import { repoRoot } from "../support/shared.ts";

const run = promisify(execFile);

const table = (name: string) => `table ${JSON.stringify(name)} {\n  schema {\n    int id\n  }\n}\n`;

function workspace(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-table-names-"));
  names.forEach((name, i) => {
    mkdirSync(join(dir, "ws", "table"), { recursive: true });
    writeFileSync(join(dir, "ws", "table", `t${i}.xs`), table(name));
  });
  return dir;
}

/** 63 bytes: PostgreSQL's longest name, kept whole. */
const LONGEST = `long ${"é".repeat(29)}`;
const GOOD = ['orders "2024"', "it's `quoted`", "a -- b; drop table x", "in  side", "Ünïcode ✓", "alias", LONGEST];

const pgSkip = await postgresSkip();

describe("table names", () => {
  it("a name no database can hold is XS2012 at the table, and nothing is written", async () => {
    const bad = ["orders.2024", "a\u0000b", `${LONGEST}x`, "sqlite_stats", " spaced", "orders as o"];
    const dir = workspace(bad);
    const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out") });
    const errors = result.diagnostics.filter((d) => d.code === "XS2012");
    assert.deepEqual(
      errors.map((d) => [d.severity, d.path, d.position.line]),
      bad.map((_, i) => ["error", `table/t${i}.xs`, 1]),
    );
    assert.match(errors[0]!.message, /"orders\.2024" cannot be a SQL table name: it holds a "\."/);
    assert.match(errors[2]!.message, /is 64 bytes long, PostgreSQL keeps 63/);
    assert.equal(existsSync(join(dir, "out")), false);
  });

  it("a column name no database or driver can hold, or one only case tells from another, is XS2012 at the column", async () => {
    const bad = ["a.b", "*", "__proto__", " spaced", "x as y", "n\u0000ul", "ID"];
    const dir = workspace([]);
    mkdirSync(join(dir, "ws", "table"), { recursive: true });
    const fields = bad.map((name) => `    text ${JSON.stringify(name)}?`).join("\n");
    writeFileSync(join(dir, "ws", "table", "t.xs"), `table t {\n  schema {\n    int id\n${fields}\n  }\n}\n`);
    const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out") });
    const errors = result.diagnostics.filter((d) => d.code === "XS2012");
    assert.deepEqual(
      errors.map((d) => [d.severity, d.path, d.position.line]),
      bad.map((_, i) => ["error", "table/t.xs", 4 + i]),
    );
    assert.match(
      errors[1]!.message,
      /the column name "\*" of the table "t" cannot be a SQL column name: knex writes it unquoted/,
    );
    assert.equal(existsSync(join(dir, "out")), false);
  });

  for (const database of ["SQLite", "PostgreSQL"] as const) {
    it(
      `any other name is the exact name of the table npm run migrate creates (${database})`,
      { skip: database === "PostgreSQL" && pgSkip },
      async () => {
        const dir = workspace(GOOD);
        const out = join(dir, "out");
        const result = await build({ workspace: join(dir, "ws"), out });
        assert.deepEqual(result.diagnostics, []);
        symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
        const names = async (env: NodeJS.ProcessEnv) => {
          await run(process.execPath, ["--import", "tsx", "src/migrate.ts"], { cwd: out, env });
          const script = join(out, "names.ts");
          mkdirSync(dirname(script), { recursive: true });
          writeFileSync(
            script,
            [
              'import { db } from "./src/db.ts";',
              "const sql = process.env.DATABASE_URL",
              '  ? "select table_name as name from information_schema.tables where table_schema = current_schema()"',
              "  : \"select name from sqlite_master where type = 'table'\";",
              "const result = await db.raw(sql);",
              "const rows = (Array.isArray(result) ? result : result.rows) as { name: string }[];",
              "process.stdout.write(JSON.stringify(rows.map((r) => r.name)));",
              "await db.destroy();",
            ].join("\n"),
          );
          const { stdout } = await run(process.execPath, ["--import", "tsx", "names.ts"], { cwd: out, env });
          return (JSON.parse(stdout) as string[]).filter((n) => !/^(knex_|sqlite_)/.test(n)).sort();
        };
        const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: join(out, "names.sqlite") };
        delete env.DATABASE_URL;
        const created =
          database === "SQLite" ? await names(env) : await inPgSchema((url) => names({ ...env, DATABASE_URL: url }));
        assert.deepEqual(created, [...GOOD].sort());
      },
    );
  }
});
