// npm run bench:db — a generated db.query with paging against the same query written by hand
// with knex, on 100k rows in PostgreSQL. Prints the medians and their ratio (target: ≤ 1.2x).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildProject, pgSchema, postgresSkip, removeProject, runScript } from "../test/support/generated.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const TABLE = `table event {
  auth = false
  schema {
    int id
    timestamp created_at?=now
    int account_id
    text kind
    decimal amount?
    json payload?
  }
  index = [
    {type: "primary", field: [{name: "id"}]}
    {type: "btree", field: [{name: "account_id"}, {name: "created_at", op: "desc"}]}
  ]
}
`;

const FUNCTION = `function recent_events {
  input {
    int account_id
    int page?=1
  }
  stack {
    db.query event {
      where = $db.event.account_id == $input.account_id && $db.event.kind ==? $input.kind
      sort = {created_at: "desc"}
      return = {type: "list", paging: {page: $input.page, per_page: 50, totals: true}}
    } as $events
  }
  response = $events
}
`;

const SCRIPT = `
import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { recentEvents } from "./src/functions/recent_events.js";
const ROWS = ${ROWS}, RUNS = ${RUNS};
await migrate();
await db.raw(
  "insert into event (created_at, account_id, kind, amount, payload) select now() - (i || ' seconds')::interval, i % 100, case when i % 3 = 0 then 'click' else 'view' end, i * 0.5, jsonb_build_object('i', i) from generate_series(1, ?) as i",
  [ROWS],
);
await db.raw("analyze event");

// The same query, by hand: count + page, the timestamps converted to ms.
async function byHand(accountId: number, page: number) {
  const q = db("event").where("account_id", accountId);
  const [{ n }] = await q.clone().count({ n: "*" });
  const items = await q.clone().orderBy("created_at", "desc").offset((page - 1) * 50).limit(50);
  return { items, itemsTotal: Number(n) };
}

async function time(fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// Warm up both, then alternate blocks so neither gets the warmer cache.
await time((i) => recentEvents({ account_id: i % 100, page: 1 + (i % 5) }));
await time((i) => byHand(i % 100, 1 + (i % 5)));
const generated: number[] = [], hand: number[] = [];
for (let block = 0; block < 4; block++) {
  generated.push(...(await time((i) => recentEvents({ account_id: (i + block) % 100, page: 1 + (i % 5) }))));
  hand.push(...(await time((i) => byHand((i + block) % 100, 1 + (i % 5)))));
}
const check = await recentEvents({ account_id: 7, page: 2 });
await migrate("down");
await db.destroy();
console.log(JSON.stringify({ generated: median(generated), hand: median(hand), items: check.items.length, total: check.itemsTotal }));
`;

const skip = await postgresSkip();
if (skip) {
  console.error(`bench:db needs PostgreSQL: ${skip}`);
  process.exit(1);
}
const workspace = mkdtempSync(join(tmpdir(), "xs2ts-bench-db-"));
mkdirSync(join(workspace, "table"));
mkdirSync(join(workspace, "function"));
writeFileSync(join(workspace, "table/event.xs"), TABLE);
writeFileSync(join(workspace, "function/recent_events.xs"), FUNCTION);
const dir = await buildProject(workspace);
const schema = await pgSchema();
try {
  const r = await runScript(dir, SCRIPT, { DATABASE_URL: schema.url });
  console.log(
    `db.query with paging and totals, ${ROWS.toLocaleString("en-US")} rows, ${RUNS * 4} runs each (PostgreSQL)`,
  );
  console.log(`  generated  median ${r.generated.toFixed(3)} ms`);
  console.log(`  by hand    median ${r.hand.toFixed(3)} ms`);
  console.log(`  ratio      ${(r.generated / r.hand).toFixed(2)}x (target ≤ 1.2x); page of ${r.items} of ${r.total}`);
} finally {
  await schema.drop();
  removeProject(dir);
  rmSync(workspace, { recursive: true, force: true });
}
