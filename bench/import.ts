// npm run bench:import — npm run import moving 100k rows of a bwats-shaped table (bwats'
// manatal_candidate: 30 columns, text, JSON, files, timestamps) from a stand-in for Xano's
// database into PostgreSQL, next to PostgreSQL's own COPY of the same rows into the same
// table, measured in the same run. Prints the medians, rows/s and their ratio (target ≥ 0.3x).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TableDefinition } from "../templates/runtime/db-table.js";
import { buildProject, pgSchema, postgresSkip, removeProject, runScript } from "../test/support/generated.js";
import { sharedPath } from "../test/support/shared.js";
import { createXanoTable, generateRows } from "../test/support/xano-standin.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TABLE = { file: "143_manatal_candidate.xs", name: "manatal_candidate", id: 143 };

const SCRIPT = `
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { pipeline } from "node:stream/promises";
import { Readable, Writable } from "node:stream";
import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { importFromXano } from "./src/import.js";
const RUNS = ${RUNS}, NAME = ${JSON.stringify(TABLE.name)};
await migrate();
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const imports: number[] = [];
const copies: number[] = [];
let rows = 0;
let dryMs = 0;
let text: Buffer[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    await db.raw("truncate ??", [NAME]);
    let start = performance.now();
    const report = await importFromXano(process.env.XANO_URL!, { tables: [NAME] });
    imports.push(performance.now() - start);
    if (!report.ok) throw new Error(JSON.stringify(report));
    rows = report.results[0]!.written;
    // The rows as the import left them, in COPY's own format: what COPY loads next.
    if (run === 0) {
      const dryStart = performance.now();
      await importFromXano(process.env.XANO_URL!, { tables: [NAME], dryRun: true });
      dryMs = performance.now() - dryStart;
      text = [];
      await pipeline(client.query(copyTo(\`copy \${NAME} to stdout\`)), new Writable({ write(chunk, _e, done) { text.push(chunk); done(); } }));
    }
    await db.raw("truncate ??", [NAME]);
    start = performance.now();
    await pipeline(Readable.from(text), client.query(copyFrom(\`copy \${NAME} from stdin\`)));
    copies.push(performance.now() - start);
  }
} finally {
  await client.end();
  await db.destroy();
}
console.log(JSON.stringify({ rows, importMs: median(imports), copyMs: median(copies), dryMs }));
`;

const skip = sharedPath("corpus/bwats").skip || (await postgresSkip());
if (skip) {
  console.log(`bench:import skipped: ${skip}`);
} else {
  // A one-table workspace: the bwats table, read from ../shared (not copied into the repository).
  const workspace = mkdtempSync(join(tmpdir(), "xs2ts-bench-import-"));
  mkdirSync(join(workspace, "tables"));
  writeFileSync(
    join(workspace, "tables", TABLE.file),
    readFileSync(join(sharedPath(`corpus/bwats/tables/${TABLE.file}`).path), "utf8"),
  );
  const dir = await buildProject(workspace);
  const source = await pgSchema();
  const target = await pgSchema();
  try {
    await source.query(`set search_path to "${source.schema}"`);
    const definition = ((await import(join(dir, "src/tables/index.ts"))).tables as Record<string, TableDefinition>)[
      TABLE.name
    ]!;
    const ids = Array.from({ length: ROWS }, (_, i) => i + 1);
    await createXanoTable(
      source.query,
      6,
      TABLE.id,
      definition,
      generateRows(definition, ids, () => []),
    );
    await source.query("analyze");
    const r = await runScript(dir, SCRIPT, { DATABASE_URL: target.url, XANO_URL: source.url });
    const importRate = r.rows / (r.importMs / 1000);
    const copyRate = r.rows / (r.copyMs / 1000);
    console.log(`bench:import  ${r.rows} rows of ${TABLE.name}, median of ${RUNS} runs`);
    console.log(`  npm run import --from-xano  ${r.importMs.toFixed(0)} ms  ${Math.round(importRate)} rows/s`);
    console.log(`    of which reading and converting (--dry-run)  ${r.dryMs.toFixed(0)} ms`);
    console.log(`  COPY of the same rows       ${r.copyMs.toFixed(0)} ms  ${Math.round(copyRate)} rows/s`);
    console.log(`  ratio ${(importRate / copyRate).toFixed(2)}x COPY (target ≥ 0.30x)`);
  } finally {
    await source.drop();
    await target.drop();
    removeProject(dir);
    rmSync(workspace, { recursive: true, force: true });
  }
}
