// npm run import from Xano's database and from its CSV exports, on the bwats tables: a stand-in
// for Xano's database (test/support/xano-standin.ts) is imported into a fresh PostgreSQL schema
// and into SQLite, and every value of every row is checked against what was put in; --verify
// must agree. A bad row fails its table (rolled back, reported with its id and field), and the
// import run again after fixing it completes.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { TableDefinition } from "../../templates/runtime/db-table.js";
import { buildProject, pgSchema, postgresSkip, removeProject, runScript } from "../support/generated.js";
import { sharedPath } from "../support/shared.js";
import { createXanoTable, generateRows, writeXanoCsv, type Row } from "../support/xano-standin.js";

const bwats = sharedPath("corpus/bwats");
const pgSkip = bwats.skip || (await postgresSkip());
const ROWS = 24;
const WS = 6;

// The import run in the generated project; prints its report and every row of every table.
const SCRIPT = `
import { db, rows, table, insertRow } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { importFromCsv, importFromXano } from "./src/import.js";
import { tables } from "./src/tables/index.js";
await migrate();
const out: Record<string, unknown> = {};
try {
  const options = { verify: true, batchSize: 10 };
  out.report = process.env.CSV_DIR ? await importFromCsv(process.env.CSV_DIR, options) : await importFromXano(process.env.XANO_URL!, options);
  if (process.env.READ_BACK) {
    const all: Record<string, unknown[]> = {};
    for (const name of Object.keys(tables)) all[name] = await rows(table(name).orderBy("id"));
    out.rows = all;
    out.nextUser = (await insertRow("user", { name: "new" })).id;
  }
} finally {
  await db.destroy();
}
console.log(JSON.stringify(out));
`;

/** Runs one of the project's entry points as `npm run …` does; its exit code and output. */
function cli(
  file: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.SQLITE_FILE;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", file, ...args],
      { cwd: dir, env: { ...clean, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let dir = "";
let tables: Record<string, TableDefinition> = {};
let ids: Record<string, number> = {};
const expected = new Map<string, Row[]>();
let source: Awaited<ReturnType<typeof pgSchema>> | undefined;

before(async () => {
  if (bwats.skip) return;
  dir = await buildProject(bwats.path);
  tables = (await import(join(dir, "src/tables/index.ts"))).tables;
  ids = (await import(join(dir, "src/tables/xano-ids.ts"))).xanoTableIds;
  // Ids with gaps; each table's references point at rows of the table they name.
  const idsOf = (name: string) =>
    Array.from({ length: ROWS }, (_, i) =>
      tables[name]!.columns.id!.type === "uuid"
        ? `${(0xa0000000 + i).toString(16)}-0000-4000-8000-${String(i).padStart(12, "0")}`
        : i * 3 + 1 + (name.length % 3),
    );
  for (const name of Object.keys(tables)) expected.set(name, generateRows(tables[name]!, idsOf(name), idsOf));
});

after(async () => {
  await source?.drop();
  if (dir) removeProject(dir);
});

/** Every value of every row as generated; `csv`: "" in an optional text column reads back as null (a CSV cell cannot tell them apart). */
function checkRows(actual: Record<string, Row[]>, csv = false): void {
  for (const [name, rows] of expected) {
    const got = actual[name]!;
    assert.equal(got.length, rows.length, `${name}: row count`);
    rows.forEach((row, i) => {
      for (const [column, value] of Object.entries(row)) {
        const c = tables[name]!.columns[column]!;
        const want = csv && value === "" && c.nullable ? null : value;
        assert.deepEqual(got[i]![column], want, `${name} id ${String(row.id)} ${column}`);
      }
    });
  }
}

function checkVerified(report: any): void {
  assert.equal(report.ok, true, JSON.stringify(report, null, 1).slice(0, 3000));
  for (const name of expected.keys())
    assert.ok(
      report.notes.some((n: string) => n.startsWith(`verify ${name}: ${ROWS} row(s)`)),
      `verify ${name}: ${report.notes.join("\n")}`,
    );
}

describe("npm run import from Xano", { skip: pgSkip }, () => {
  const bad = { table: "manatal_candidate", field: "manatal_id" };
  let badId = 0;

  before(async () => {
    source = await pgSchema();
    // The stand-in is made in the schema the import reads (the helper's own connection starts in public).
    await source.query(`set search_path to "${source.schema}"`);
    for (const [name, rows] of expected) await createXanoTable(source.query, WS, ids[name]!, tables[name]!, rows);
    // A table Xano has that no definition matches, and a value its column cannot hold.
    await source.query(`create table mvpw${WS}_999 (id bigint primary key, xdo jsonb)`);
    // In the second batch (of 10): the first, already written, must be rolled back too.
    badId = expected.get(bad.table)![15]!.id as number;
  });

  test("into PostgreSQL: a bad row fails its table, named with its id and field; after fixing it, every row arrives and --verify agrees", async () => {
    const target = await pgSchema();
    try {
      await source!.query(
        `update mvpw${WS}_${ids[bad.table]} set xdo = jsonb_set(xdo, '{${bad.field}}', '"abc"') where id = $1`,
        [badId],
      );
      const first = (await runScript(dir, SCRIPT, { DATABASE_URL: target.url, XANO_URL: source!.url })).report;
      const failed = first.results.find((r: any) => r.table === bad.table);
      assert.equal(failed.status, "failed");
      assert.equal(failed.written, 0);
      assert.deepEqual(failed.first, { id: badId, field: bad.field, value: "abc", reason: "is not an integer" });
      assert.deepEqual(
        await target.query(`select count(*)::int as n from "${target.schema}".${bad.table}`),
        [{ n: 0 }],
        "the failed table is rolled back",
      );
      assert.equal(first.results.find((r: any) => r.table === "user").status, "imported");
      assert.ok(
        first.notes.some((n: string) => n.startsWith(`mvpw${WS}_999: no table of this project matches it`)),
        first.notes.join("\n"),
      );
      assert.equal(first.ok, false);

      await source!.query(
        `update mvpw${WS}_${ids[bad.table]} set xdo = jsonb_set(xdo, '{${bad.field}}', to_jsonb($2::bigint)) where id = $1`,
        [badId, expected.get(bad.table)![15]![bad.field]],
      );
      const second = await runScript(dir, SCRIPT, { DATABASE_URL: target.url, XANO_URL: source!.url, READ_BACK: "1" });
      checkVerified(second.report);
      checkRows(second.rows);
      const largest = Math.max(...expected.get("user")!.map((r) => r.id as number));
      assert.equal(second.nextUser, largest + 1, "the id sequence follows the largest imported id");
    } finally {
      await target.drop();
    }
  });

  test("into PostgreSQL: a table the database refuses while it is copied is rolled back, with the database's message, and the import goes on", async () => {
    const target = await pgSchema();
    const table = `mvpw${WS}_${ids[bad.table]}`;
    const kept = expected.get(bad.table)!.filter((r) => r[bad.field] !== null);
    const [first, last] = [kept[0]!, kept.at(-1)!];
    try {
      // A late row repeats an early one's manatal_id, which a unique index keeps apart.
      await source!.query(
        `update ${table} set xdo = jsonb_set(xdo, '{${bad.field}}', to_jsonb($2::bigint)) where id = $1`,
        [last.id, first[bad.field]],
      );
      const out = await runScript(dir, SCRIPT, { DATABASE_URL: target.url, XANO_URL: source!.url });
      const refused = out.report.results.find((r: any) => r.table === bad.table);
      assert.equal(refused.status, "failed");
      assert.equal(refused.written, 0);
      assert.equal(refused.rejected, 0);
      assert.match(refused.error, /^duplicate key value violates unique constraint/);
      assert.deepEqual(
        await target.query(`select count(*)::int as n from "${target.schema}".${bad.table}`),
        [{ n: 0 }],
        "the refused table is rolled back",
      );
      assert.equal(out.report.results.find((r: any) => r.table === "user").status, "imported");
    } finally {
      await source!.query(
        `update ${table} set xdo = jsonb_set(xdo, '{${bad.field}}', to_jsonb($2::bigint)) where id = $1`,
        [last.id, last[bad.field]],
      );
      await target.drop();
    }
  });

  test("into SQLite", async () => {
    const out = await runScript(dir, SCRIPT, {
      SQLITE_FILE: join(dir, "from-xano.sqlite"),
      XANO_URL: source!.url,
      READ_BACK: "1",
    });
    checkVerified(out.report);
    checkRows(out.rows);
    assert.equal(out.nextUser, Math.max(...expected.get("user")!.map((r) => r.id as number)) + 1);
  });

  test("the command line: --dry-run writes nothing and prints the table; npm run export's CSV folder imports back the same", async () => {
    const sqlite = join(dir, "cli.sqlite");
    await cli("src/migrate.ts", [], { SQLITE_FILE: sqlite });
    const dry = await cli("src/import.ts", ["--from-xano", source!.url, "--dry-run"], { SQLITE_FILE: sqlite });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^table\s+source\s+read\s+written\s+rejected\s+status$/m);
    assert.match(dry.stdout, new RegExp(`^user\\s+mvpw${WS}_${ids.user}\\s+${ROWS}\\s+0\\s+0\\s+checked$`, "m"));
    assert.match(dry.stdout, /mvpw6_999: no table of this project matches it/);
    const usage = await cli("src/import.ts", ["--from-xano"], { SQLITE_FILE: sqlite });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--from-xano needs a value/);

    const imported = await cli("src/import.ts", ["--from-xano", source!.url], { SQLITE_FILE: sqlite });
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    const exported = join(dir, "exported");
    const csv = await cli("src/export.ts", ["--out", exported], { SQLITE_FILE: sqlite });
    assert.equal(csv.code, 0, csv.stderr);
    const lines = await cli(
      "src/export.ts",
      ["--out", join(dir, "exported-jsonl"), "--format", "jsonl", "--tables", "user"],
      { SQLITE_FILE: sqlite },
    );
    assert.equal(lines.code, 0, lines.stderr);
    const users = readFileSync(join(dir, "exported-jsonl", "user.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(users, expected.get("user"));

    const back = await runScript(dir, SCRIPT, {
      SQLITE_FILE: join(dir, "from-export.sqlite"),
      CSV_DIR: exported,
      READ_BACK: "1",
    });
    checkVerified(back.report);
    checkRows(back.rows, true);
  });
});

describe("npm run import from Xano's CSV exports", { skip: bwats.skip }, () => {
  test("into SQLite: every value arrives, --verify agrees", async () => {
    const csvDir = join(dir, "csv");
    mkdirSync(csvDir);
    for (const [name, rows] of expected) writeXanoCsv(csvDir, ids[name]!, tables[name]!, rows);
    const out = await runScript(dir, SCRIPT, {
      SQLITE_FILE: join(dir, "from-csv.sqlite"),
      CSV_DIR: csvDir,
      READ_BACK: "1",
    });
    checkVerified(out.report);
    checkRows(out.rows, true);
  });

  test("into PostgreSQL: every value arrives, --verify agrees", { skip: pgSkip }, async () => {
    const csvDir = join(dir, "csv-pg");
    mkdirSync(csvDir);
    for (const [name, rows] of expected) writeXanoCsv(csvDir, ids[name]!, tables[name]!, rows);
    const target = await pgSchema();
    try {
      const out = await runScript(dir, SCRIPT, { DATABASE_URL: target.url, CSV_DIR: csvDir, READ_BACK: "1" });
      checkVerified(out.report);
      checkRows(out.rows, true);
    } finally {
      await target.drop();
    }
  });
});
