// A generated project keeps each task's history as its `history` says: fixtures/task-history's
// tasks run four times through the project's own scheduler (on a test clock), then
// `npm run history -- <task>` prints their runs — on SQLite and PostgreSQL.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { buildProject, fixture, inPgSchema, postgresSkip, removeProject, runScript } from "../support/generated.ts";

const run = promisify(execFile);

/** Runs inside the generated project: every task fires four times, five minutes apart. */
const DRIVER = `
import { db } from "./src/db.js";
import { manualTicks, startScheduler } from "./src/runtime/scheduler.js";
import { tasks } from "./src/scheduler.js";

const T0 = Date.parse("2025-10-01T06:00:00Z");
let clock = T0;
const ticks = manualTicks();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const scheduler = await startScheduler(tasks, { db, ticks, logger: quiet, now: () => clock });
for (let k = 1; k <= 4; k++) {
  await ticks.tick((clock = T0 + k * 300_000));
  await scheduler.idle();
}
await scheduler.stop(1000);
const rows = await db("xs2ts_task_runs").select("task", "fire_at").orderBy(["task", "fire_at"]);
const kept: Record<string, string[]> = {};
for (const row of rows) (kept[row.task] ??= []).push(row.fire_at.slice(11, 16));
console.log(JSON.stringify(kept));
await db.destroy();
`;

const pgSkip = await postgresSkip();

describe("fixtures/task-history keeps each task's runs", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("task-history"));
  });
  after(() => {
    if (dir) removeProject(dir);
  });

  /** `npm run history -- <task>`: its stdout as JSON lines. */
  async function history(env: Record<string, string>, task: string) {
    const clean = { ...process.env };
    delete clean.DATABASE_URL;
    delete clean.SQLITE_FILE;
    const { stdout } = await run(process.execPath, ["--import", "tsx", "src/history.ts", task], {
      cwd: dir,
      env: { ...clean, ...env },
    });
    return stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  }

  async function check(env: Record<string, string>, inherited: string[]) {
    const kept = await runScript(dir, DRIVER, env);
    assert.deepEqual(kept, {
      keep_two: ["06:15", "06:20"],
      // history = 0: only the last firing, while a late replica could still tick it
      keep_none: ["06:20"],
      fails: ["06:05", "06:10", "06:15", "06:20"],
      inherits: inherited,
    });
    const fails = await history(env, "fails");
    assert.equal(fails.length, 4);
    assert.deepEqual(fails[0], {
      task: "fails",
      fire_at: "2025-10-01T06:20:00.000Z",
      status: "error",
      started_at: "2025-10-01T06:20:00.000Z",
      finished_at: "2025-10-01T06:20:00.000Z",
      duration_ms: 0,
      error: "the upstream API said no",
      replica: fails[0].replica,
      trigger: "schedule",
    });
    assert.deepEqual(
      (await history(env, "keep_two")).map((r) => [r.fire_at.slice(11, 16), r.status, r.error]),
      [
        ["06:20", "complete", null],
        ["06:15", "complete", null],
      ],
    );
  }

  test("on SQLite, TASK_HISTORY unset: a task that inherits keeps all its runs", async () => {
    await check({ SQLITE_FILE: join(dir, "history.sqlite") }, ["06:05", "06:10", "06:15", "06:20"]);
  });

  test("on PostgreSQL, TASK_HISTORY=1: a task that inherits keeps one", { skip: pgSkip }, async () => {
    await inPgSchema(async (url) => {
      await check({ DATABASE_URL: url, TASK_HISTORY: "1" }, ["06:20"]);
    });
  });

  test("npm run task is recorded in the task's history, marked manual, and pruned with its runs", async () => {
    const env = { SQLITE_FILE: join(dir, "manual.sqlite") };
    for (let i = 0; i < 3; i++)
      await run(process.execPath, ["--import", "tsx", "src/run-task.ts", "keep_two"], {
        cwd: dir,
        env: { ...process.env, ...env },
      });
    const runs = await history(env, "keep_two");
    assert.deepEqual(
      runs.map((r) => [r.status, r.trigger]),
      [
        ["complete", "manual"],
        ["complete", "manual"],
      ],
      "history = 2 keeps two",
    );
    assert.ok(runs[0].fire_at > runs[1].fire_at && runs[0].fire_at === runs[0].started_at);
    // A failing task is recorded too, with its error, and still fails the command.
    await assert.rejects(
      run(process.execPath, ["--import", "tsx", "src/run-task.ts", "fails"], {
        cwd: dir,
        env: { ...process.env, ...env },
      }),
    );
    assert.deepEqual(
      (await history(env, "fails")).map((r) => [r.status, r.error, r.trigger]),
      [["error", "the upstream API said no", "manual"]],
    );
  });

  test("npm run history says so when a task has no runs", async () => {
    const clean = { ...process.env };
    delete clean.DATABASE_URL;
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "src/history.ts", "keep_two"], {
      cwd: dir,
      env: { ...clean, SQLITE_FILE: join(dir, "empty.sqlite") },
    });
    assert.equal(stdout, "");
    assert.equal(
      stderr,
      'No runs of "keep_two" recorded in this database: npm start records each firing, npm run task each manual run.\n',
    );
  });

  // Every setting the runtime parses, in every entry point that reads it: `npm start`,
  // `npm run task`, `npm run history` (a database with runs, so history reads the lease).
  test("a bad TASK_HEARTBEAT_MS, TASK_MISSED_BEATS or TASK_HISTORY is one line naming it, exit 1, no stack", async () => {
    const clean = { ...process.env };
    delete clean.DATABASE_URL;
    delete clean.TASK_HEARTBEAT_MS;
    delete clean.TASK_MISSED_BEATS;
    delete clean.TASK_HISTORY;
    const sqlite = join(dir, "settings.sqlite");
    await run(process.execPath, ["--import", "tsx", "src/run-task.ts", "keep_two"], {
      cwd: dir,
      env: { ...clean, SQLITE_FILE: sqlite },
    });
    const bad: [string, string, string][] = [
      ["TASK_HEARTBEAT_MS", "abc", 'TASK_HEARTBEAT_MS is a whole number ≥ 1, not "abc"'],
      ["TASK_HEARTBEAT_MS", "1.5", 'TASK_HEARTBEAT_MS is a whole number ≥ 1, not "1.5"'],
      [
        "TASK_HEARTBEAT_MS",
        "99999999999999999999",
        'TASK_HEARTBEAT_MS is a whole number ≥ 1, not "99999999999999999999"',
      ],
      ["TASK_MISSED_BEATS", "0", 'TASK_MISSED_BEATS is a whole number ≥ 1, not "0"'],
      ["TASK_MISSED_BEATS", "-3", 'TASK_MISSED_BEATS is a whole number ≥ 1, not "-3"'],
      ["TASK_HISTORY", "lots", 'TASK_HISTORY is "all" or a whole number of runs ≥ 0, not "lots"'],
      ["TASK_HISTORY", "\u001b[31m", 'TASK_HISTORY is "all" or a whole number of runs ≥ 0, not "\\u001b[31m"'],
    ];
    const entries: [string, string[]][] = [
      ["npm start", ["src/scheduler.ts"]],
      // `inherits` has no `history` of its own: it reads TASK_HISTORY.
      ["npm run task", ["src/run-task.ts", "inherits"]],
      ["npm run history", ["src/history.ts", "keep_two"]],
    ];
    const tried = new Set<string>();
    for (const [name, value, message] of bad) {
      // A variable's first bad value in every entry point, its others in `npm run task` (each run is a process).
      const first = !tried.has(name);
      tried.add(name);
      for (const [entry, args] of first ? entries : entries.slice(1, 2)) {
        // TASK_HISTORY is read by what runs and prunes tasks, not by `npm run history`.
        if (name === "TASK_HISTORY" && entry === "npm run history") continue;
        const failure = await run(process.execPath, ["--import", "tsx", ...args], {
          cwd: dir,
          env: { ...clean, SQLITE_FILE: sqlite, [name]: value },
          timeout: 30_000,
        }).then(
          () => undefined,
          (error: { code?: number; stdout: string; stderr: string }) => error,
        );
        const label = `${entry} with ${name}=${JSON.stringify(value)}`;
        assert.ok(failure, `${label} fails`);
        assert.equal(failure.code, 1, label);
        assert.equal(failure.stderr, `${message}\n`, label);
        assert.equal(failure.stdout, "", label);
      }
    }
  });

  test("an unknown task is refused with the list of tasks", async () => {
    await assert.rejects(
      history({ SQLITE_FILE: join(dir, "history.sqlite") }, "nope"),
      /Unknown task "nope". Tasks: .*keep_two/,
    );
  });
});
