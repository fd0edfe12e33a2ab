// Every table of the bwats corpus migrates up and back down, on PostgreSQL and on SQLite.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { sharedPath } from "../support/shared.js";
import { buildProject, inPgSchema, postgresSkip, removeProject, runScript } from "../support/generated.js";

const corpus = sharedPath("corpus/bwats/tables");
const pgSkip = await postgresSkip();

// The script run inside the generated project: up, list the tables, down, list again.
const SCRIPT = `
import { db, isPostgres } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { tables } from "./src/tables/index.js";
async function list(): Promise<string[]> {
  const rows = isPostgres
    ? (await db.raw("select tablename as name from pg_tables where schemaname = current_schema()")).rows
    : await db.raw("select name from sqlite_master where type = 'table'");
  return rows.map((r: { name: string }) => r.name).filter((n: string) => n in tables).sort();
}
await migrate();
const up = await list();
await migrate("down");
const down = await list();
await db.destroy();
console.log(JSON.stringify({ up, down, expected: Object.keys(tables).sort() }));
`;

describe("the bwats tables migrate", { skip: corpus.skip }, () => {
  let dir = "";
  let workspace = "";
  before(async () => {
    // build() reads a workspace folder; the tables alone are copied to a temporary one.
    workspace = mkdtempSync(join(tmpdir(), "xs2ts-bwats-tables-"));
    cpSync(corpus.path, join(workspace, "tables"), { recursive: true });
    dir = await buildProject(workspace);
  });
  after(() => {
    if (dir) removeProject(dir);
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test("one migration per table", () => {
    assert.equal(
      readdirSync(join(dir, "src/migrations")).length,
      readdirSync(corpus.path).filter((f) => f.endsWith(".xs")).length,
    );
  });

  test("up and down on SQLite", async () => {
    const result = await runScript(dir, SCRIPT, { SQLITE_FILE: join(dir, "test.sqlite") });
    assert.equal(result.expected.length, 23);
    assert.deepEqual(result.up, result.expected);
    assert.deepEqual(result.down, []);
  });

  test("up and down on PostgreSQL", { skip: pgSkip }, async () => {
    await inPgSchema(async (url) => {
      const result = await runScript(dir, SCRIPT, { DATABASE_URL: url });
      assert.deepEqual(result.up, result.expected);
      assert.deepEqual(result.down, []);
    });
  });
});
