// npm run bench:api — the generated GET note/{note_id} of fixtures/api-basic (one row by id, on
// PostgreSQL) against the same route written by hand with Fastify and knex, in one run, driven by
// autocannon. Rounds alternate between the two; prints the median requests/s and p99 latency of
// each and the ratio (target: the generated route at least 0.8x the hand-written one).
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { startServer, type Server } from "../test/support/api-server.js";
import { buildProject, fixture, pgSchema, postgresSkip, removeProject } from "../test/support/generated.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

// The same route as a person would write it without xs2ts: same server library, same pool.
const HAND_WRITTEN = `import Fastify from "fastify";
import knex from "knex";
import pg from "pg";

pg.types.setTypeParser(20, (value: string) => Number(value));
const db = knex({ client: "pg", connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } });
const app = Fastify({ logger: false });
app.addHook("onResponse", async (request, reply) => {
  console.info(\`\${request.method} \${request.url} \${reply.statusCode} \${request.id}\`);
});
app.get("/api::nT3s_x1/note/:note_id", async (request, reply) => {
  const id = Number((request.params as { note_id: string }).note_id);
  if (!Number.isInteger(id)) return reply.code(400).send({ code: "ERROR_CODE_INPUT_ERROR", message: "Value is not a valid number: note_id", payload: { param: "note_id" } });
  const note = await db("note").where("id", id).first();
  if (note === undefined) return reply.code(404).send({ code: "ERROR_CODE_NOT_FOUND", message: "Not Found.", payload: "" });
  return note;
});
const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.info(\`API listening on \${address}\`);
process.once("SIGTERM", () => void app.close().then(() => db.destroy()));
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function startHandWritten(dir: string, url: string): Promise<{ base: string; child: ChildProcess }> {
  writeFileSync(join(dir, "hand-written.ts"), HAND_WRITTEN);
  const child = spawn(process.execPath, ["--import", "tsx", "hand-written.ts"], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: url },
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      const m = /API listening on (http:\/\/\S+)/.exec(d.toString());
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`hand-written server exited (${code})`)));
  });
  return { base, child };
}

async function load(base: string): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => ({ ...req, path: `/api:nT3s_x1/note/${1 + Math.floor(Math.random() * ROWS)}` }),
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const skip = await postgresSkip();
if (skip) {
  console.error(`bench:api needs PostgreSQL: ${skip}`);
  process.exit(1);
}
const dir = await buildProject(fixture("api-basic"));
const schema = await pgSchema();
let generated: Server | undefined;
let hand: { base: string; child: ChildProcess } | undefined;
try {
  generated = await startServer(dir, { DATABASE_URL: schema.url });
  await schema.query(
    `insert into "${schema.schema}".note (user_id, title, created_at) select 1, 'note ' || i, now() from generate_series(1, ${ROWS}) as i`,
  );
  hand = await startHandWritten(dir, schema.url);
  // Both warmed up (JIT, pool) before anything is measured.
  await Promise.all([
    autocannon({ url: `${generated.base}/api:nT3s_x1/note/1`, duration: 2, connections: 10 }),
    autocannon({ url: `${hand.base}/api:nT3s_x1/note/1`, duration: 2, connections: 10 }),
  ]);
  const runs: Record<"generated" | "hand", { rps: number[]; p99: number[] }> = {
    generated: { rps: [], p99: [] },
    hand: { rps: [], p99: [] },
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, base] of [
      ["hand", hand.base],
      ["generated", generated.base],
    ] as const) {
      const r = await load(base);
      if (r.errors > 0) throw new Error(`${name}: ${r.errors} failed requests`);
      runs[name].rps.push(r.rps);
      runs[name].p99.push(r.p99);
    }
  }
  const g = { rps: median(runs.generated.rps), p99: median(runs.generated.p99) };
  const h = { rps: median(runs.hand.rps), p99: median(runs.hand.p99) };
  console.log(
    `GET one row by id, PostgreSQL, ${ROWS} rows, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS}s (medians)`,
  );
  console.log(`hand-written (Fastify + knex): ${h.rps.toFixed(0)} req/s, p99 ${h.p99} ms`);
  console.log(`generated (xs2ts):             ${g.rps.toFixed(0)} req/s, p99 ${g.p99} ms`);
  console.log(`ratio: ${(g.rps / h.rps).toFixed(2)}x the hand-written route's requests/s (target ≥ 0.8x)`);
} finally {
  hand?.child.kill("SIGTERM");
  await generated?.stop();
  await schema.drop();
  removeProject(dir);
}
