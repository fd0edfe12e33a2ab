// The scheduler of templates/runtime against real databases: each firing runs once across
// schedulers and processes, a slow run skips the next firing, a failing task does not stop
// the schedule, and stopping waits (up to a bound) for the run in progress.
//
// Tests that need exact instants drive the scheduler with `manualTicks` and a test clock;
// the others run on real node-cron ticks for a few seconds.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import knex, { type Knex } from "knex";
import cron from "node-cron";
import {
  KnexRunCoordinator,
  manualTicks,
  runNow,
  startScheduler,
  type Logger,
  type Scheduler,
  type TickSource,
} from "../../templates/runtime/scheduler.ts";
import type { Task } from "../../templates/runtime/task.ts";
import { runInBackground } from "../../templates/runtime/async.ts";
import { readHistory } from "../../templates/runtime/task-history.ts";

const TABLE = "xs2ts_task_runs";
const T0 = Date.parse("2025-10-01T06:00:00Z");
const at = (seconds: number) => T0 + seconds * 1000;
const iso = (seconds: number) => new Date(at(seconds)).toISOString().replace(".000Z", "Z");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------
// Helpers

function captureLogger() {
  const lines: { level: string; message: string; details: unknown[] }[] = [];
  const line =
    (level: string) =>
    (message: string, ...details: unknown[]) =>
      lines.push({ level, message, details });
  const logger: Logger = { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
  const text = (level: string) =>
    lines
      .filter((l) => l.level === level)
      .map((l) => l.message)
      .join("\n");
  return { logger, lines, text };
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** A task that fires every second from T0, counts its runs and how many overlap. */
function countingTask(name: string, body: (run: number) => Promise<void> | void = () => {}) {
  const stats = { runs: 0, running: 0, maxRunning: 0 };
  const task: Task = {
    name,
    active: true,
    schedule: [{ startsOn: iso(0), everySeconds: 1 }],
    async run() {
      stats.runs++;
      stats.running++;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      try {
        await body(stats.runs);
      } finally {
        stats.running--;
      }
    },
  };
  return { task, stats };
}

const databases: Knex[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await Promise.all(databases.map((db) => db.destroy()));
});

function sqliteFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-scheduler-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "app.sqlite");
}

/** One more connection to the SQLite file, as a replica would have. */
function sqlite(file: string): Knex {
  const db = knex({ client: "better-sqlite3", connection: { filename: file }, useNullAsDefault: true });
  databases.push(db);
  return db;
}

// PostgreSQL: the real server, with a table of its own per test.
const PG = { host: "127.0.0.1", port: 5432, user: "postgres", database: "test" };

function postgres(): Knex {
  const db = knex({ client: "pg", connection: PG, pool: { min: 0, max: 4 }, acquireConnectionTimeout: 5000 });
  databases.push(db);
  return db;
}

const pgUnreachable = await (async () => {
  const db = knex({ client: "pg", connection: { ...PG, connectionTimeoutMillis: 3000 }, pool: { min: 0, max: 1 } });
  try {
    await db.raw("select 1");
    return undefined;
  } catch (error) {
    return `PostgreSQL at ${PG.host}:${PG.port} is unreachable (${(error as Error).message})`;
  } finally {
    await db.destroy();
  }
})();
// Skipped where there is no PostgreSQL, except in CI, where that must fail.
const pgSkip = pgUnreachable !== undefined && process.env.CI !== "true" ? pgUnreachable : false;

function pgTable(): string {
  const table = `xs2ts_runs_test_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  cleanups.push(async () => {
    const db = postgres();
    await db.schema.dropTableIfExists(table);
  });
  return table;
}

async function runsIn(db: Knex, table: string, task: string) {
  return (await db(table).where({ task }).orderBy("fire_at")) as {
    fire_at: string;
    claimed_by: string;
    finished_at: string | null;
    outcome: string | null;
  }[];
}

/** Three schedulers of one task, each with its own connection, on real ticks for ~3.5 s. */
async function threeSchedulers(connect: () => Knex, table: string) {
  const { task, stats } = countingTask(`every_second_${randomUUID().slice(0, 6)}`);
  const dbs = [connect(), connect(), connect()];
  // started together: they also race to create the table
  const schedulers = await Promise.all(dbs.map((db) => startScheduler([task], { db, table, logger: quiet })));
  await sleep(3500);
  assert.deepEqual(await Promise.all(schedulers.map((s) => s.stop(2000))), [true, true, true]);
  const rows = await runsIn(dbs[0], table, task.name);
  return { stats, rows };
}

function assertEachFiringRanOnce(
  stats: { runs: number; maxRunning: number },
  rows: Awaited<ReturnType<typeof runsIn>>,
) {
  assert.ok(rows.length >= 2, `only ${rows.length} firings in 3.5 s`);
  assert.equal(stats.runs, rows.length, "runs of the task ≠ firings claimed");
  assert.deepEqual(
    rows.filter((r) => r.outcome !== "ok"),
    [],
  );
  assert.equal(stats.maxRunning, 1);
}

type Line = Record<string, unknown> & { event: string };

/** Starts the fixture process: a scheduler of a one-second task, stopped by SIGTERM. */
function schedulerProcess(options: Record<string, unknown>) {
  const fixture = fileURLToPath(new URL("./fixtures/scheduler-process.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", fixture, JSON.stringify(options)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Line[] = [];
  const waiters: { event: string; resolve: () => void }[] = [];
  let stderr = "";
  let buffer = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    buffer += chunk;
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const line = JSON.parse(buffer.slice(0, i)) as Line;
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const w of waiters.filter((w) => w.event === line.event)) w.resolve();
    }
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string; at: number }>((resolve) =>
    child.on("close", (code) => resolve({ code, stderr, at: Date.now() })),
  );
  return {
    lines,
    exited,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    /** Resolves at the first line with this event (or at once if there is one). */
    waitFor: (event: string) =>
      lines.some((l) => l.event === event)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ event, resolve })),
  };
}

// ---------------------------------------------------------------------------------------

describe("each firing runs once across replicas", () => {
  it("SQLite: three schedulers in one process, a one-second task", async (t) => {
    const file = sqliteFile();
    const { stats, rows } = await threeSchedulers(() => sqlite(file), TABLE);
    t.diagnostic(`${rows.length} firings, ${stats.runs} runs`);
    assertEachFiringRanOnce(stats, rows);
  });

  it("PostgreSQL: three schedulers in one process, a one-second task", { skip: pgSkip }, async (t) => {
    if (pgUnreachable) assert.fail(pgUnreachable);
    const { stats, rows } = await threeSchedulers(postgres, pgTable());
    t.diagnostic(`${rows.length} firings, ${stats.runs} runs`);
    assertEachFiringRanOnce(stats, rows);
  });

  it("PostgreSQL: three processes, a one-second task", { skip: pgSkip }, async (t) => {
    if (pgUnreachable) assert.fail(pgUnreachable);
    const table = pgTable();
    const replicas = [1, 2, 3].map(() => schedulerProcess({ pg: PG, table, runMs: 200 }));
    await Promise.all(replicas.map((r) => r.waitFor("ready")));
    await sleep(3500);
    for (const r of replicas) r.kill("SIGTERM");
    for (const r of replicas) {
      const { code, stderr } = await r.exited;
      assert.equal(code, 0, stderr);
    }
    const runs = replicas.map((r) => r.lines.filter((l) => l.event === "started").length);
    const lost = replicas.map((r) => r.lines.filter((l) => / runs elsewhere /.test(String(l.message))).length);
    const rows = await runsIn(postgres(), table, "every_second");
    t.diagnostic(`${rows.length} firings; runs per process: ${runs.join(", ")}; claims lost: ${lost.join(", ")}`);
    assert.ok(rows.length >= 2, `only ${rows.length} firings`);
    assert.equal(runs[0] + runs[1] + runs[2], rows.length, "runs of the task ≠ firings claimed");
    assert.ok(lost[0] + lost[1] + lost[2] > 0, "the processes did not compete for the firings");
    assert.deepEqual(
      rows.filter((r) => r.outcome !== "ok"),
      [],
    );
  });

  it("the coordinator also serves node-cron's own distributed jobs", async () => {
    const file = sqliteFile();
    const coordinators = [new KnexRunCoordinator(sqlite(file)), new KnexRunCoordinator(sqlite(file))];
    await Promise.all(coordinators.map((c) => c.init()));
    let runs = 0;
    const jobs = coordinators.map((runCoordinator) =>
      cron.schedule("* * * * * *", () => void runs++, {
        name: "hand_written",
        distributed: true,
        runCoordinator,
        timezone: "UTC",
      }),
    );
    await sleep(2500);
    for (const job of jobs) await job.destroy();
    await sleep(200); // the last onComplete
    coordinators.forEach((c) => c.close());
    const rows = await runsIn(sqlite(file), TABLE, "hand_written");
    assert.ok(rows.length >= 1);
    assert.equal(runs, rows.length);
    assert.deepEqual(
      rows.filter((r) => r.outcome !== "done"),
      [],
    );
  });
});

describe("overlap", () => {
  it("a firing while the previous run is still going is skipped, and logged", async () => {
    const ticks = manualTicks();
    const log = captureLogger();
    const slow = deferred();
    const { task, stats } = countingTask("slow", (run) => (run === 1 ? slow.promise : undefined));
    const scheduler = await startScheduler([task], { ticks, logger: log.logger, now: () => T0 });

    await ticks.tick(at(1));
    await ticks.tick(at(2));
    assert.equal(stats.runs, 1);
    assert.equal(log.text("warn"), `Task "slow": firing at ${iso(2)} skipped: the run of ${iso(1)} is still going`);

    slow.resolve();
    await scheduler.idle();
    await ticks.tick(at(3));
    assert.equal(stats.runs, 2);
    assert.equal(await scheduler.stop(1000), true);
  });

  it("across replicas: the replica that wins the next firing skips it while another still runs", async () => {
    const file = sqliteFile();
    const ticks = manualTicks(); // one clock for both replicas
    let clock = T0;
    const log = captureLogger();
    const slow = deferred();
    const { task, stats } = countingTask("slow", (run) => (run === 1 ? slow.promise : undefined));
    const replicas = await Promise.all(
      ["a", "b"].map((id) =>
        startScheduler([task], { db: sqlite(file), replicaId: id, ticks, logger: log.logger, now: () => clock }),
      ),
    );

    await ticks.tick((clock = at(1)));
    assert.equal(stats.runs, 1);
    const runner = (await runsIn(sqlite(file), TABLE, "slow"))[0].claimed_by;
    await ticks.tick((clock = at(2))); // one replica runs it, the other claims it and sees that
    assert.equal(stats.runs, 1);
    const warnings = log.text("warn");
    assert.match(warnings, new RegExp(`firing at ${iso(2)} skipped: the run of ${iso(1)} is still going$`, "m"));
    assert.match(warnings, new RegExp(`firing at ${iso(2)} skipped: the run of ${iso(1)} is still going on ${runner}`));

    slow.resolve();
    await Promise.all(replicas.map((r) => r.idle()));
    await ticks.tick((clock = at(3)));
    await Promise.all(replicas.map((r) => r.idle()));
    assert.equal(stats.runs, 2);
    assert.equal(stats.maxRunning, 1);
    const rows = await runsIn(sqlite(file), TABLE, "slow");
    assert.deepEqual(
      rows.map((r) => r.outcome),
      ["ok", "skipped", "ok"],
    );
    for (const r of replicas) await r.stop(1000);
  });

  it("a run whose replica died stops blocking the task after its missed beats, and is marked abandoned", async () => {
    const file = sqliteFile();
    const db = sqlite(file);
    const ticks = manualTicks();
    let clock = T0;
    const log = captureLogger();
    const { task, stats } = countingTask("orphaned");
    const scheduler = await startScheduler([task], {
      db,
      heartbeatMs: 2500,
      missedBeats: 4,
      ticks,
      logger: log.logger,
      now: () => clock,
    });
    // a replica claimed the firing at 1 s, then died without finishing it
    const then = new Date(at(1)).toISOString();
    await db(TABLE).insert({
      task: "orphaned",
      fire_at: then,
      claimed_by: "dead",
      claimed_at: then,
      heartbeat_at: then,
    });

    await ticks.tick((clock = at(5)));
    assert.equal(stats.runs, 0, "within the lease, the run counts as going");
    assert.match(log.text("warn"), /still going on dead/);
    await ticks.tick((clock = at(12)));
    assert.equal(stats.runs, 1, "after 4 missed beats of 2.5 s, it does not");
    await scheduler.stop(1000);
    const runs = await readHistory(db, "orphaned", { now: () => clock, leaseMs: 10_000 });
    assert.deepEqual(
      runs.map((r) => [r.fire_at, r.status, r.finished_at, r.replica]),
      [
        [new Date(at(12)).toISOString(), "complete", new Date(at(12)).toISOString(), runs[0]?.replica],
        [new Date(at(5)).toISOString(), "skipped", new Date(at(5)).toISOString(), runs[0]?.replica],
        // ended where its replica was last heard of
        [then, "abandoned", then, "dead"],
      ],
    );
    assert.match(runs[2]?.error ?? "", /stopped renewing it for 10000 ms/);
  });
});

describe("failures", () => {
  it("a task that throws is logged with its name, firing instant and error; the next firing runs", async () => {
    const file = sqliteFile();
    const ticks = manualTicks();
    const log = captureLogger();
    const { task, stats } = countingTask("flaky", (run) => {
      if (run === 1) throw new Error("upstream said no");
    });
    const scheduler = await startScheduler([task], { db: sqlite(file), ticks, logger: log.logger, now: () => T0 });

    await ticks.tick(at(1));
    await scheduler.idle();
    const [error] = log.lines.filter((l) => l.level === "error");
    assert.equal(error.message, `Task "flaky" failed (firing at ${iso(1)}):`);
    assert.match(String(error.details[0]), /upstream said no/);

    await ticks.tick(at(2));
    await scheduler.idle();
    assert.equal(stats.runs, 2);
    assert.deepEqual(
      (await runsIn(sqlite(file), TABLE, "flaky")).map((r) => r.outcome),
      ["failed", "ok"],
    );
    await scheduler.stop(1000);
  });

  it("a firing that cannot be claimed (database down) is skipped and logged; the schedule goes on", async () => {
    const file = sqliteFile();
    const db = sqlite(file);
    const ticks = manualTicks();
    const log = captureLogger();
    const { task, stats } = countingTask("needs_db");
    const scheduler = await startScheduler([task], { db, ticks, logger: log.logger, now: () => T0 });
    await db.schema.renameTable(TABLE, "elsewhere");
    await ticks.tick(at(1));
    assert.match(log.text("error"), new RegExp(`Task "needs_db": firing at ${iso(1)} skipped: could not claim it`));
    await db.schema.renameTable("elsewhere", TABLE);
    await ticks.tick(at(2));
    await scheduler.idle();
    assert.equal(stats.runs, 1);
    await scheduler.stop(1000);
  });

  it("the end of a run the database did not take is kept, written before the next firing, and that firing runs", async () => {
    const db = sqlite(sqliteFile());
    const ticks = manualTicks();
    let clock = T0;
    const log = captureLogger();
    // The table goes away during the first run: its end cannot be written.
    const { task, stats } = countingTask("blip", async (run) => {
      if (run === 1) await db.schema.renameTable(TABLE, "away");
    });
    const scheduler = await startScheduler([task], {
      db,
      heartbeatMs: 60_000,
      ticks,
      logger: log.logger,
      now: () => clock,
    });
    await ticks.tick((clock = at(1)));
    await scheduler.idle();
    assert.match(
      log.text("warn"),
      new RegExp(`Task "blip": could not record the end of the run of ${iso(1)} \\(ok\\); kept`),
    );
    await db.schema.renameTable("away", TABLE);
    assert.deepEqual(
      (await readHistory(db, "blip", { now: () => clock })).map((r) => r.status),
      ["running"],
    );

    await ticks.tick((clock = at(2)));
    await scheduler.idle();
    assert.equal(stats.runs, 2, "the replica did not skip its own task");
    assert.match(log.text("info"), new RegExp(`Task "blip": the end of the run of ${iso(1)} is recorded \\(ok\\)`));
    const runs = await readHistory(db, "blip", { now: () => clock });
    assert.deepEqual(
      runs.map((r) => [r.fire_at, r.status, r.finished_at]),
      [
        [new Date(at(2)).toISOString(), "complete", new Date(at(2)).toISOString()],
        // its real end, not the time it was written
        [new Date(at(1)).toISOString(), "complete", new Date(at(1)).toISOString()],
      ],
    );
    await scheduler.stop(1000);
  });

  it("a kept end is written again every heartbeat, and stopping gives it a last try and says when it fails", async () => {
    const db = sqlite(sqliteFile());
    const ticks = manualTicks();
    const log = captureLogger();
    const { task } = countingTask("blips", async (run) => {
      if (run <= 2) await db.schema.renameTable(TABLE, "away");
    });
    const scheduler = await startScheduler([task], { db, heartbeatMs: 50, ticks, logger: log.logger, now: () => T0 });
    await ticks.tick(at(1));
    await scheduler.idle();
    await db.schema.renameTable("away", TABLE);
    await sleep(300); // a few heartbeats, no firing
    assert.deepEqual(
      (await runsIn(db, TABLE, "blips")).map((r) => r.outcome),
      ["ok"],
    );

    await ticks.tick(at(2));
    await scheduler.idle();
    assert.equal(await scheduler.stop(1000), true);
    assert.match(log.text("error"), /Stopped with the end of 1 run\(s\) not recorded/);
    await db.schema.renameTable("away", TABLE);
  });

  it("a missed firing (process too busy to tick) is logged", async () => {
    const ticks = manualTicks();
    const log = captureLogger();
    const { task } = countingTask("busy");
    const scheduler = await startScheduler([task], { ticks, logger: log.logger, now: () => T0 });
    ticks.miss(at(1));
    assert.equal(log.text("warn"), `Task "busy": firing at ${iso(1)} missed (the process was busy)`);
    await scheduler.stop(1000);
  });
});

describe("stopping", () => {
  async function oneSlowRun() {
    const ticks = manualTicks();
    const log = captureLogger();
    const slow = deferred();
    const { task, stats } = countingTask("slow", () => slow.promise);
    const scheduler: Scheduler = await startScheduler([task], { ticks, logger: log.logger, now: () => T0 });
    await ticks.tick(at(1));
    assert.equal(stats.running, 1);
    return { ticks, log, slow, stats, scheduler };
  }

  it("stop() waits for the run in progress, and starts no other", async () => {
    const { ticks, slow, stats, scheduler } = await oneSlowRun();
    let stopped: boolean | undefined;
    const stopping = scheduler.stop(5000).then((clean) => (stopped = clean));
    await sleep(100);
    assert.equal(stopped, undefined, "stop() returned while the task was running");
    await ticks.tick(at(2));
    assert.equal(stats.runs, 1);
    slow.resolve();
    assert.equal(await stopping, true);
    assert.equal(stats.running, 0);
  });

  it("stop() also waits for work a finished run started with async = true", async () => {
    const ticks = manualTicks();
    const background = deferred();
    let finished = false;
    const { task, stats } = countingTask("kicks_off", () => {
      void runInBackground(
        background.promise.then(() => (finished = true)),
        "function.run (task/kicks_off.xs:3)",
      );
    });
    const scheduler = await startScheduler([task], { ticks, logger: quiet, now: () => T0 });
    await ticks.tick(at(1));
    await scheduler.idle();
    assert.equal(stats.runs, 1);
    let stopped: boolean | undefined;
    const stopping = scheduler.stop(5000).then((clean) => (stopped = clean));
    await sleep(100);
    assert.equal(stopped, undefined, "stop() returned while the run's async work was going on");
    background.resolve();
    assert.equal(await stopping, true);
    assert.equal(finished, true);
  });

  it("stop() waits no longer than its bound, and says what was still running", async () => {
    const { log, scheduler } = await oneSlowRun();
    const started = Date.now();
    assert.equal(await scheduler.stop(300), false);
    const waited = Date.now() - started;
    assert.ok(waited >= 290 && waited < 2000, `waited ${waited} ms`);
    assert.match(log.text("error"), /"slow" still running after 300 ms/);
  });

  it("SIGTERM during a run: the process waits for it, then exits 0", async () => {
    const child = schedulerProcess({ runMs: 1500, stopTimeoutMs: 5000 });
    await child.waitFor("started");
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const { code, stderr, at: exitedAt } = await child.exited;
    assert.equal(code, 0, stderr);
    const events = child.lines
      .filter((l) => l.level !== "debug")
      .map((l) => (l.event === "log" ? String(l.message).split(":")[0] : l.event));
    assert.deepEqual(events.slice(events.indexOf("started")), [
      "started",
      "SIGTERM",
      'Waiting up to 5000 ms for "every_second" to finish',
      "finished",
    ]);
    const waited = exitedAt - signalledAt;
    assert.ok(waited > 1000 && waited < 4000, `exited ${waited} ms after SIGTERM`);
  });

  it("SIGTERM during a run longer than the bound: the process exits 1 at the bound", async () => {
    const child = schedulerProcess({ runMs: 10_000, stopTimeoutMs: 500 });
    await child.waitFor("started");
    const signalledAt = Date.now();
    child.kill("SIGTERM");
    const { code, stderr, at: exitedAt } = await child.exited;
    assert.equal(code, 1, stderr);
    assert.ok(!child.lines.some((l) => l.event === "finished"));
    assert.ok(child.lines.some((l) => /"every_second" still running after 500 ms/.test(String(l.message))));
    const waited = exitedAt - signalledAt;
    assert.ok(waited >= 450 && waited < 3000, `exited ${waited} ms after SIGTERM`);
  });
});

describe("starting", () => {
  const entry = { startsOn: iso(0), everySeconds: 60 };
  const task = (name: string, more: Partial<Task> = {}): Task => ({
    name,
    active: true,
    schedule: [entry],
    async run() {},
    ...more,
  });

  it("schedules active tasks only, and says so", async () => {
    const log = captureLogger();
    const scheduler = await startScheduler(
      [
        task("reengage_users", {
          active: false,
          schedule: [{ startsOn: iso(0), everySeconds: 604_800, endsOn: "2025-10-26T19:51:05Z" }],
        }),
        task("import_video_ask", { schedule: [{ startsOn: "2025-11-28T05:56:27Z", everySeconds: 86_400 }] }),
        task("ended", { schedule: [{ startsOn: iso(0), everySeconds: 60, endsOn: iso(3600) }] }),
        task("nothing", { schedule: [] }),
      ],
      { ticks: manualTicks(), logger: log.logger, now: () => at(7200) },
    );
    assert.deepEqual(scheduler.scheduled, [
      {
        name: "import_video_ask",
        tick: "27 56 5 * * *",
        description: "Every day at 05:56:27 UTC, from Fri 2025-11-28",
      },
    ]);
    assert.deepEqual(log.text("info").split("\n"), [
      'Task "reengage_users" is inactive (active = false): not scheduled',
      'Task "ended" has no firing left: not scheduled',
      'Task "nothing" has no firing left: not scheduled',
      "No database given: this process runs every firing (do not run replicas)",
      'Task "import_video_ask" scheduled: Every day at 05:56:27 UTC, from Fri 2025-11-28',
    ]);
    await scheduler.stop(100);
  });

  it("refuses what it cannot run as written", async () => {
    const options = { ticks: manualTicks(), logger: quiet };
    await assert.rejects(startScheduler([task("a"), task("a")], options), /Two tasks are named "a"/);
    await assert.rejects(
      startScheduler([task("a", { schedule: [entry, { startsOn: "2025-10-01 06:00:00", everySeconds: 1 }] })], options),
      /Task "a", schedule entry 2: Not a timestamp with a UTC offset/,
    );
    await assert.rejects(
      startScheduler([task("a", { schedule: [{ startsOn: iso(0), everySeconds: 0 }] })], options),
      /Task "a", schedule entry 1: everySeconds must be a positive whole number/,
    );
  });

  it("warns when an entry's cron no longer matches its startsOn/everySeconds", async () => {
    const log = captureLogger();
    const scheduler = await startScheduler([task("edited", { schedule: [{ ...entry, cron: "0 7 * * *" }] })], {
      ticks: manualTicks(),
      logger: log.logger,
      now: () => T0,
    });
    assert.match(log.text("warn"), /Task "edited", schedule entry 1: cron "0 7 \* \* \*" does not match/);
    await scheduler.stop(100);
  });

  it("takes an entry's list of crons when it matches, and warns when it does not", async () => {
    const every90 = { startsOn: iso(0), everySeconds: 5400 }; // from 06:00
    const log = captureLogger();
    const scheduler = await startScheduler(
      [
        task("listed", { schedule: [{ ...every90, cron: ["0 */3 * * *", "30 1-22/3 * * *"] }] }),
        task("stale", { schedule: [{ ...every90, cron: ["0 */3 * * *"] }] }),
      ],
      { ticks: manualTicks(), logger: log.logger, now: () => T0 },
    );
    assert.equal(
      log.text("warn"),
      'Task "stale", schedule entry 1: cron "0 */3 * * *" does not match startsOn/everySeconds; ' +
        "the task follows startsOn/everySeconds (Every 90 minutes from Wed 2025-10-01 06:00 UTC)",
    );
    await scheduler.stop(100);
  });
});

describe("several cron expressions", () => {
  const every90 = { startsOn: iso(0), everySeconds: 5400 }; // 06:00, 07:30, 09:00, …

  /** A tick source that records the expressions started, and delivers ticks like manualTicks. */
  function recordingTicks() {
    const manual = manualTicks();
    const started: string[] = [];
    let stopped = 0;
    const ticks: TickSource = {
      start(name, expression, onTick, onMissed) {
        started.push(expression);
        const stop = manual.start(name, expression, onTick, onMissed);
        return () => {
          stopped++;
          stop();
        };
      },
    };
    return { ticks, manual, started, stopped: () => stopped };
  }

  it("a task every 90 minutes ticks on its two exact expressions, one job each, and stops both", async () => {
    const { ticks, manual, started, stopped } = recordingTicks();
    const { task, stats } = countingTask("every_90_minutes");
    task.schedule = [every90];
    const scheduler = await startScheduler([task], { ticks, logger: quiet, now: () => T0 });
    assert.deepEqual(started, ["0 */3 * * *", "30 1-22/3 * * *"]);
    assert.deepEqual(scheduler.scheduled[0]?.tick, ["0 */3 * * *", "30 1-22/3 * * *"]);
    // Each instant reaches both jobs (manual ticks go to every job): it runs once.
    for (const seconds of [1800, 5400, 7200, 10_800]) {
      await manual.tick(at(seconds));
      await scheduler.idle();
    }
    assert.equal(stats.runs, 2, "07:30 and 09:00 only");
    assert.equal(await scheduler.stop(100), true);
    assert.equal(stopped(), 2);
  });

  it("an instant two entries' expressions share fires once, without a warning", async () => {
    const { ticks, manual, started } = recordingTicks();
    const log = captureLogger();
    const { task, stats } = countingTask("shared");
    task.schedule = [every90, { startsOn: iso(0), everySeconds: 3 * 3600 }];
    const scheduler = await startScheduler([task], { ticks, logger: log.logger, now: () => T0 });
    assert.deepEqual(started, ["0 */3 * * *", "30 1-22/3 * * *"], "the 3-hourly expression is ticked once");
    for (const seconds of [5400, 10_800, 10_800, 16_200]) {
      await manual.tick(at(seconds));
      await scheduler.idle();
    }
    manual.miss(at(21_600));
    assert.equal(stats.runs, 3);
    assert.equal(log.text("warn"), `Task "shared": firing at ${iso(21_600)} missed (the process was busy)`);
    await scheduler.stop(100);
  });

  it("on node-cron: one job per expression, all destroyed by stop()", async () => {
    const before = cron.getTasks().size;
    const { task } = countingTask("every_90_minutes_real");
    task.schedule = [every90];
    const scheduler = await startScheduler([task], { logger: quiet });
    assert.equal(cron.getTasks().size, before + 2);
    assert.equal(await scheduler.stop(100), true);
    assert.equal(cron.getTasks().size, before);
  });
});

describe("history: the rows of a task's runs, pruned to its setting", () => {
  const FIVE_MINUTES = 300;

  /** Runs `task` (every five minutes) `times` times through a scheduler on `db`; returns the clock. */
  async function runTimes(
    db: Knex,
    table: string,
    task: Task,
    times: number,
    options: { history?: Task["history"] } = {},
  ) {
    const ticks = manualTicks();
    let clock = T0;
    const scheduler = await startScheduler([task], { db, table, ticks, logger: quiet, now: () => clock, ...options });
    for (let k = 1; k <= times; k++) {
      await ticks.tick((clock = at(k * FIVE_MINUTES)));
      await scheduler.idle();
    }
    assert.equal(await scheduler.stop(1000), true);
    return clock;
  }

  const task = (name: string, more: Partial<Task> = {}): Task => ({
    name,
    active: true,
    schedule: [{ startsOn: iso(0), everySeconds: FIVE_MINUTES }],
    async run() {},
    ...more,
  });
  const fireAts = async (db: Knex, table: string, name: string) =>
    (await runsIn(db, table, name)).map((r) => r.fire_at);
  const fired = (...minutes: number[]) => minutes.map((m) => new Date(at(m * 60)).toISOString());

  for (const [database, connect, table] of [
    ["SQLite", () => sqlite(sqliteFile()), () => TABLE],
    ["PostgreSQL", postgres, pgTable],
  ] as const) {
    const skip = database === "PostgreSQL" ? pgSkip : false;
    const name = (base: string) => `${base}_${randomUUID().slice(0, 6)}`;

    it(`${database}: history = 2, run 4 times, keeps the 2 most recent runs`, { skip }, async () => {
      const db = connect();
      const t = table();
      const keepTwo = task(name("keep_two"), { history: 2 });
      await runTimes(db, t, keepTwo, 4);
      assert.deepEqual(await fireAts(db, t, keepTwo.name), fired(15, 20));
    });

    it(
      `${database}: history = 0 keeps none once finished, but the claim of the last lease (15 s)`,
      { skip },
      async () => {
        const db = connect();
        const t = table();
        const keepNone = task(name("keep_none"), { history: 0 });
        const clock = await runTimes(db, t, keepNone, 4);
        // The last firing stays while a late replica could still tick it: it must not run it again.
        assert.deepEqual(await fireAts(db, t, keepNone.name), fired(20));
        const late = new KnexRunCoordinator(db, {
          table: t,
          replicaId: "late",
          now: () => clock + 1000,
          history: () => 0,
        });
        await late.init();
        assert.deepEqual(await late.claim(keepNone.name, clock), {
          won: false,
          reason: "claimed",
          detail: "claimed by another replica",
        });
        late.close();
        // Past the lease, the next prune (here the one a starting scheduler does) removes it.
        const restarted = new KnexRunCoordinator(db, { table: t, now: () => clock + 61_000, history: () => 0 });
        await restarted.init();
        restarted.close();
        assert.deepEqual(await fireAts(db, t, keepNone.name), []);
      },
    );

    it(`${database}: a failing run records its error, status, start and end`, { skip }, async () => {
      const db = connect();
      const t = table();
      const fails = task(name("fails"), {
        async run() {
          throw new Error("the upstream API said no");
        },
      });
      await runTimes(db, t, fails, 2, { history: "all" });
      const runs = await readHistory(db, fails.name, { table: t, now: () => at(601) });
      assert.deepEqual(
        runs.map((r) => [r.fire_at, r.status, r.error, r.started_at, r.finished_at, r.duration_ms]),
        [
          [fired(10)[0], "error", "the upstream API said no", fired(10)[0], fired(10)[0], 0],
          [fired(5)[0], "error", "the upstream API said no", fired(5)[0], fired(5)[0], 0],
        ],
      );
    });

    it(`${database}: a task without its own history keeps TASK_HISTORY runs, "all" when unset`, { skip }, async () => {
      const db = connect();
      const t = table();
      const saved = process.env.TASK_HISTORY;
      try {
        process.env.TASK_HISTORY = "1";
        const one = task(name("inherits"));
        await runTimes(db, t, one, 3);
        assert.deepEqual(await fireAts(db, t, one.name), fired(15));
        delete process.env.TASK_HISTORY;
        const all = task(name("inherits"));
        await runTimes(db, t, all, 3);
        assert.deepEqual(await fireAts(db, t, all.name), fired(5, 10, 15));
        process.env.TASK_HISTORY = "ten";
        await assert.rejects(runTimes(db, t, all, 1), /TASK_HISTORY is "all" or a whole number of runs ≥ 0, not "ten"/);
      } finally {
        if (saved === undefined) delete process.env.TASK_HISTORY;
        else process.env.TASK_HISTORY = saved;
      }
    });
  }

  it("runNow records a manual run, pruned to its task's history, and leaves other tasks' rows be", async () => {
    const db = sqlite(sqliteFile());
    await runTimes(db, TABLE, task("other"), 3); // "all": three rows
    let clock = at(3600);
    const once = task("once", { history: 1 });
    await runNow(once, { db, logger: quiet, now: () => clock });
    clock += 1000;
    await runNow(once, { db, logger: quiet, now: () => clock });
    assert.deepEqual(
      (await readHistory(db, "once", { now: () => clock })).map((r) => [r.started_at, r.status, r.trigger]),
      [[new Date(clock).toISOString(), "complete", "manual"]],
    );
    assert.equal((await runsIn(db, TABLE, "other")).length, 3);
  });

  it("a skipped firing is not a run: it does not take a kept run's place", async () => {
    const db = sqlite(sqliteFile());
    const ticks = manualTicks();
    let clock = T0;
    const slow = deferred();
    const { task: t } = countingTask("slow_keep_one", (run) => (run === 1 ? slow.promise : undefined));
    t.history = 2;
    const other = new KnexRunCoordinator(db, { replicaId: "other", now: () => clock });
    await other.init();
    const scheduler = await startScheduler([t], { db, ticks, logger: quiet, now: () => clock });
    await ticks.tick((clock = at(1)));
    // Another replica wins the next firing while the first run goes: it records it as skipped.
    assert.equal((await other.claim(t.name, at(2))).won, false);
    slow.resolve();
    await scheduler.idle();
    clock = at(120); // past the claim guard
    await ticks.tick(clock);
    await scheduler.idle();
    other.close();
    await scheduler.stop(1000);
    const runs = await runsIn(db, TABLE, t.name);
    // The two most recent runs; counted as a run, the skipped firing would have pushed out the first.
    assert.deepEqual(
      runs.map((r) => [r.fire_at, r.outcome]),
      [
        [new Date(at(1)).toISOString(), "ok"],
        [new Date(at(120)).toISOString(), "ok"],
      ],
    );
  });

  it("a table made before runs kept their error gains the column, and keeps its rows", async () => {
    const file = sqliteFile();
    const db = sqlite(file);
    await db.schema.createTable(TABLE, (t) => {
      for (const column of ["task", "fire_at", "claimed_by", "claimed_at", "heartbeat_at"])
        t.string(column).notNullable();
      t.string("finished_at").nullable();
      t.string("outcome").nullable();
      t.primary(["task", "fire_at"]);
    });
    const then = new Date(at(1)).toISOString();
    await db(TABLE).insert({
      task: "old",
      fire_at: then,
      claimed_by: "a",
      claimed_at: then,
      heartbeat_at: then,
      finished_at: then,
      outcome: "ok",
    });
    // Two replicas upgrading at once: one adds the column, the other finds it there.
    const replicas = [new KnexRunCoordinator(db), new KnexRunCoordinator(sqlite(file))];
    await Promise.all(replicas.map((c) => c.init()));
    replicas.forEach((c) => c.close());
    assert.equal(await db.schema.hasColumn(TABLE, "error"), true);
    assert.deepEqual(
      (await readHistory(db, "old")).map((r) => [r.status, r.error]),
      [["complete", null]],
    );
  });
});
