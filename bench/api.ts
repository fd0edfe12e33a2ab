// npm run bench:api — the generated GET note/{note_id} of fixtures/api-basic (one row by id, on
// PostgreSQL) against the same route written by hand with Fastify and knex, in one run, driven by
// autocannon. Rounds alternate between the two; prints the median requests/s, p99 latency and
// server CPU time per request of each, and the ratio (target: the generated route at least 0.8x
// the hand-written one). CPU per request is the steadier figure on a busy machine: requests/s
// and p99 move with whatever else runs, the work each request costs the server does not.
// BENCH_BASELINE=<git ref> adds the same generated project with that ref's server runtime
// (templates/runtime/server.ts and request.ts), for a before/after in one run.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { startServer, type Server } from "../test/support/api-server.js";
import { buildProject, fixture, pgSchema, postgresSkip, removeProject } from "../test/support/generated.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const BASELINE = process.env.BENCH_BASELINE;

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

/** CPU time (user + system) the process has used, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Contestant {
  name: string;
  base: string;
  pid: number;
}

async function load(contestant: Contestant): Promise<{ rps: number; p99: number; cpuUs: number; errors: number }> {
  const base = contestant.base;
  const cpuBefore = cpuMs(contestant.pid);
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
  const cpuUs = ((cpuMs(contestant.pid) - cpuBefore) * 1000) / Math.max(1, result.requests.total);
  return { rps: result.requests.average, p99: result.latency.p99, cpuUs, errors: result.errors + result.non2xx };
}

/** Another build of the fixture, with `ref`'s server runtime in place of this one's. */
async function withBaselineRuntime(ref: string): Promise<string> {
  const dir = await buildProject(fixture("api-basic"));
  for (const file of ["server.ts", "request.ts"])
    writeFileSync(
      join(dir, "src/runtime", file),
      execFileSync("git", ["show", `${ref}:templates/runtime/${file}`], { encoding: "utf8" }),
    );
  return dir;
}

/**
 * The server runtime's own work per request, without the network or a database: each project's
 * runtime/server.ts answering an endpoint that validates its input and returns an object, by
 * `inject`, 50 requests at a time, the runtimes alternating batch by batch in this one process.
 * The request log goes to /dev/null, one write per `process.stdout.write` as to a pipe.
 * Returns the median CPU µs per request of each.
 */
async function routeOverhead(dirs: readonly string[]): Promise<number[]> {
  const input = [
    { name: "id", type: "int" },
    { name: "q", type: "text", optional: true },
  ];
  const apps: { inject: (r: { method: string; url: string }) => Promise<unknown> }[] = [];
  for (const d of dirs) {
    const { createServer } = (await import(join(d, "src/runtime/server.ts"))) as {
      createServer: (groups: unknown[]) => Promise<(typeof apps)[number]>;
    };
    const { validateInput } = (await import(join(d, "src/runtime/input.ts"))) as {
      validateInput: (fn: string, raw: Record<string, unknown>, fields: unknown) => Record<string, unknown>;
    };
    const endpoint = {
      verb: "GET",
      path: "note/{id}",
      input,
      async handle(raw: Record<string, unknown>) {
        const i = validateInput("note/{id}", raw, input);
        return { id: i.id, q: i.q, title: "a note", created_at: 1700000000000 };
      },
    };
    apps.push(await createServer([{ name: "bench", canonical: "b3nch", endpoints: { endpoint } }]));
  }
  const devNull = openSync("/dev/null", "w");
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => (writeSync(devNull, chunk), true)) as typeof process.stdout.write;
  const batch = async (app: (typeof apps)[number]) => {
    const start = process.cpuUsage();
    for (let k = 0; k < 10; k++)
      await Promise.all(
        Array.from({ length: 50 }, (_, i) => app.inject({ method: "GET", url: `/api:b3nch/note/${i}?q=${k}` })),
      );
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 500;
  };
  const cpu = apps.map(() => [] as number[]);
  try {
    for (let round = 0; round < 40; round++) {
      // Who goes first alternates; the first 6 rounds warm up (JIT).
      const order = round % 2 === 0 ? apps.map((_, i) => i) : apps.map((_, i) => i).reverse();
      for (const i of order) {
        const us = await batch(apps[i]!);
        if (round >= 6) cpu[i]!.push(us);
      }
    }
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    process.stdout.write = write;
    closeSync(devNull);
  }
  return cpu.map(median);
}

const skip = await postgresSkip();
if (skip) {
  console.error(`bench:api needs PostgreSQL: ${skip}`);
  process.exit(1);
}
const dir = await buildProject(fixture("api-basic"));
const baselineDir = BASELINE === undefined ? undefined : await withBaselineRuntime(BASELINE);
const schema = await pgSchema();
let generated: Server | undefined;
let baseline: Server | undefined;
let hand: { base: string; child: ChildProcess } | undefined;
try {
  generated = await startServer(dir, { DATABASE_URL: schema.url });
  if (baselineDir !== undefined) baseline = await startServer(baselineDir, { DATABASE_URL: schema.url });
  await schema.query(
    `insert into "${schema.schema}".note (user_id, title, created_at) select 1, 'note ' || i, now() from generate_series(1, ${ROWS}) as i`,
  );
  hand = await startHandWritten(dir, schema.url);
  const contestants: Contestant[] = [
    { name: "hand-written (Fastify + knex)", base: hand.base, pid: hand.child.pid! },
    ...(baseline ? [{ name: `generated, ${BASELINE}'s runtime`, base: baseline.base, pid: baseline.child.pid! }] : []),
    { name: "generated (xs2ts)", base: generated.base, pid: generated.child.pid! },
  ];
  // Each warmed up (JIT, pool) before anything is measured.
  await Promise.all(
    contestants.map((c) => autocannon({ url: `${c.base}/api:nT3s_x1/note/1`, duration: 2, connections: 10 })),
  );
  const runs = new Map(
    contestants.map((c) => [c.name, { rps: [] as number[], p99: [] as number[], cpuUs: [] as number[] }]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    // Who goes first rotates each round: on a busy machine a slot's load is not the contestant's.
    for (const c of contestants.map((_, i) => contestants[(i + round) % contestants.length]!)) {
      const r = await load(c);
      if (r.errors > 0) throw new Error(`${c.name}: ${r.errors} failed requests`);
      const run = runs.get(c.name)!;
      run.rps.push(r.rps);
      run.p99.push(r.p99);
      run.cpuUs.push(r.cpuUs);
    }
  }
  const medians = new Map(
    [...runs].map(([name, r]) => [name, { rps: median(r.rps), p99: median(r.p99), cpuUs: median(r.cpuUs) }]),
  );
  console.log(
    `GET one row by id, PostgreSQL, ${ROWS} rows, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${SECONDS}s (medians)`,
  );
  const width = Math.max(...contestants.map((c) => c.name.length)) + 1;
  for (const c of contestants) {
    const m = medians.get(c.name)!;
    console.log(
      `${`${c.name}:`.padEnd(width)} ${m.rps.toFixed(0)} req/s, p99 ${m.p99} ms, ${m.cpuUs.toFixed(0)} µs server CPU per request`,
    );
  }
  const g = medians.get("generated (xs2ts)")!;
  const h = medians.get(contestants[0]!.name)!;
  console.log(
    `ratio: ${(g.rps / h.rps).toFixed(2)}x the hand-written route's requests/s (target ≥ 0.8x), ${(g.cpuUs / h.cpuUs).toFixed(2)}x its CPU per request`,
  );
  if (baselineDir !== undefined) {
    const [before, after] = await routeOverhead([baselineDir, dir]);
    console.log(
      `server runtime alone (no network, no database; median of 34 batches of 500): ${BASELINE}'s ${before!.toFixed(0)} µs CPU per request, this one's ${after!.toFixed(0)} µs`,
    );
  }
} finally {
  hand?.child.kill("SIGTERM");
  await generated?.stop();
  await baseline?.stop();
  await schema.drop();
  removeProject(dir);
  if (baselineDir !== undefined) removeProject(baselineDir);
}
