// The generated project's scheduler under faults, as an operator meets them: two replicas
// (`npm start`) share the real PostgreSQL; one is killed with SIGKILL in the middle of a run,
// then the table of runs goes away while the survivor's run finishes. Each firing runs exactly
// once, the survivor takes the task over within the heartbeat bound (not a 60 s lease), its
// own run is recorded as it ended, and `npm run history` says what happened. And a database
// the project cannot reach at start is one line naming DATABASE_URL.
//
// Heartbeats are shortened through the environment (TASK_HEARTBEAT_MS, TASK_MISSED_BEATS), so
// the test takes seconds.
import { strict as assert } from "node:assert";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { buildProject, pgSchema, postgresSkip, removeProject } from "../support/generated.ts";

const run = promisify(execFile);

const WORKSPACE: Record<string, string> = {
  "table/run_log.xs": `table run_log {
  auth = false

  schema {
    int id
    int started_ms
  }
}
`,
  "task/work.xs": `// Logs each run's start, then works for two seconds.
task work {
  stack {
    db.add run_log {
      data = {started_ms: now}
    }

    util.sleep {
      value = 2
    }
  }

  schedule = [{starts_on: 2025-01-01 00:00:00+0000, freq: 1}]
}
`,
};

const HEARTBEAT_MS = 250;
const MISSED_BEATS = 4; // a run not renewed for 1 s is abandoned

/** The environment of a child process of the project: the test's own, without its database settings. */
function envWith(more: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.SQLITE_FILE;
  delete env.LOG_LEVEL;
  return { ...env, ...more };
}

interface Line {
  at: number;
  stream: "stdout" | "stderr";
  text: string;
}

/** One replica: `npm start` of the project, with its output as timed lines. */
function replica(dir: string, env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/scheduler.ts"], {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: Line[] = [];
  const waiters: { match: RegExp; from: number; resolve: (line: Line) => void }[] = [];
  for (const stream of ["stdout", "stderr"] as const) {
    let buffer = "";
    child[stream]!.setEncoding("utf8").on("data", (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
        const line = { at: Date.now(), stream, text: buffer.slice(0, i) };
        buffer = buffer.slice(i + 1);
        lines.push(line);
        for (const w of [...waiters]) {
          if (lines.length - 1 >= w.from && w.match.test(line.text)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(line);
          }
        }
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    lines,
    exited,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    /** The first line from index `from` on that matches. */
    waitFor(match: RegExp, from = 0): Promise<Line> {
      const found = lines.slice(from).find((l) => match.test(l.text));
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => waiters.push({ match, from, resolve }));
    },
    output: () => lines.map((l) => `${l.stream}: ${l.text}`).join("\n"),
  };
}
type Replica = ReturnType<typeof replica>;

/** Resolves with the first of `replicas` to print a line matching `match`. */
function first(replicas: Replica[], match: RegExp): Promise<{ replica: Replica; line: Line }> {
  return Promise.race(replicas.map((r) => r.waitFor(match).then((line) => ({ replica: r, line }))));
}

/** Rejects after `ms` with what the replicas printed, so that a hang says why. */
function within<T>(ms: number, what: string, promise: Promise<T>, replicas: Replica[]): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not within ${ms} ms\n${replicas.map((r) => r.output()).join("\n---\n")}`)),
      ms,
    );
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

const STARTED = /^Task "work": run of (\S+) started$/;

const pgSkip = await postgresSkip();

describe("the scheduler of a generated project under faults", () => {
  let dir = "";
  let workspace = "";
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), "xs2ts-faults-ws-"));
    for (const [path, text] of Object.entries(WORKSPACE)) {
      mkdirSync(dirname(join(workspace, path)), { recursive: true });
      writeFileSync(join(workspace, path), text);
    }
    dir = await buildProject(workspace);
  });
  after(() => {
    if (dir) removeProject(dir);
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test(
    "a replica killed mid-run, and the table of runs gone while a run finishes: each firing runs once, history says what happened",
    { skip: pgSkip, timeout: 90_000 },
    async (t) => {
      const schema = await pgSchema();
      const table = (name: string) => `"${schema.schema}".${name}`; // the test's own connection has no search_path
      const replicas: Replica[] = [];
      try {
        const env = envWith({
          DATABASE_URL: schema.url,
          LOG_LEVEL: "debug",
          TASK_HEARTBEAT_MS: String(HEARTBEAT_MS),
          TASK_MISSED_BEATS: String(MISSED_BEATS),
        });
        await run(process.execPath, ["--import", "tsx", "src/migrate.ts"], { cwd: dir, env });
        replicas.push(replica(dir, env), replica(dir, env));

        // 1. Whichever replica runs first is killed once its run has logged its start.
        const { replica: killed, line: firstStart } = await within(
          15_000,
          "a first run",
          first(replicas, STARTED),
          replicas,
        );
        const killedFiring = STARTED.exec(firstStart.text)![1]!;
        while (Number((await schema.query(`select count(*) as n from ${table("run_log")}`))[0].n) === 0)
          await new Promise((r) => setTimeout(r, 20));
        const seenBeforeKill = replicas.find((r) => r !== killed)!.lines.length;
        killed.kill("SIGKILL");
        const killedAt = Date.now();
        assert.equal(await killed.exited, null, "killed by the signal");
        const survivor = replicas.find((r) => r !== killed)!;

        // 2. The survivor runs the task again once the killed run missed its beats.
        const takeover = await within(
          10_000,
          "the survivor's first run",
          survivor.waitFor(STARTED, seenBeforeKill),
          replicas,
        );
        const takeoverMs = takeover.at - killedAt;
        const outageFiring = STARTED.exec(takeover.text)![1]!;
        t.diagnostic(
          `the survivor ran the task ${takeoverMs} ms after the kill (lease ${HEARTBEAT_MS * MISSED_BEATS} ms, firings every 1 s)`,
        );
        // The bound: the lease plus the next firing (every second), with room for a loaded machine.
        assert.ok(
          takeoverMs < HEARTBEAT_MS * MISSED_BEATS + 4000,
          `the task was blocked ${takeoverMs} ms after the kill`,
        );

        // 3. During that run the table of runs goes away: the end cannot be written.
        await schema.query(`alter table ${table("xs2ts_task_runs")} rename to xs2ts_task_runs_away`);
        const kept = await within(
          10_000,
          "the failed end",
          survivor.waitFor(/could not record the end of the run of .* \(ok\); kept/),
          replicas,
        );
        assert.ok(kept.text.includes(outageFiring), kept.text);
        await schema.query(`alter table ${table("xs2ts_task_runs_away")} rename to xs2ts_task_runs`);

        // 4. The survivor writes the kept end, and goes on running its task.
        const recorded = await within(
          10_000,
          "the kept end written",
          survivor.waitFor(new RegExp(`the end of the run of ${outageFiring} is recorded \\(ok\\)`)),
          replicas,
        );
        const next = await within(
          10_000,
          "a run after the outage",
          survivor.waitFor(STARTED, survivor.lines.indexOf(recorded)),
          replicas,
        );
        await within(
          10_000,
          "that run's end",
          survivor.waitFor(new RegExp(`run of ${STARTED.exec(next.text)![1]} ok after`)),
          replicas,
        );
        survivor.kill("SIGTERM");
        assert.equal(await survivor.exited, 0, survivor.output());

        // What `npm run history` shows, and what the task did.
        const { stdout } = await run(process.execPath, ["--import", "tsx", "src/history.ts", "work", "100"], {
          cwd: dir,
          env,
        });
        const history = stdout
          .trim()
          .split("\n")
          .map(
            (line) =>
              JSON.parse(line) as {
                fire_at: string;
                status: string;
                started_at: string;
                finished_at: string;
                duration_ms: number;
                replica: string;
                error: string | null;
              },
          );
        const starts = (await schema.query(`select started_ms from ${table("run_log")}`)).map((r) =>
          Number(r.started_ms),
        );
        const ran = history.filter((r) => r.status !== "skipped");
        for (const r of [...history].reverse()) t.diagnostic(`${r.fire_at} ${r.status} ${r.replica}`);

        assert.deepEqual(
          history.filter((r) => !["complete", "skipped", "abandoned"].includes(r.status)),
          [],
          "every run has ended",
        );
        // Each run started the task once, and each start of the task belongs to one run. An
        // abandoned run ends at its replica's last beat: its start may come a little after that.
        for (const r of ran) {
          const end = Date.parse(r.finished_at) + (r.status === "abandoned" ? HEARTBEAT_MS * MISSED_BEATS : 0);
          const inside = starts.filter((ms) => ms >= Date.parse(r.started_at) && ms <= end);
          assert.equal(
            inside.length,
            1,
            `the run of ${r.fire_at} (${r.status}) started the task ${inside.length} times`,
          );
        }
        assert.equal(starts.length, ran.length, "starts of the task ≠ runs in history");

        const byFiring = (iso: string) =>
          history.find((r) => r.fire_at.replace(".000Z", "Z") === iso.replace(".000Z", "Z"));
        const killedRun = byFiring(killedFiring);
        assert.equal(killedRun?.status, "abandoned", JSON.stringify(killedRun));
        assert.match(killedRun?.error ?? "", /stopped renewing it/);
        const outageRun = byFiring(outageFiring);
        assert.equal(outageRun?.status, "complete", JSON.stringify(outageRun));
        assert.notEqual(outageRun?.replica, killedRun?.replica);
        // Its end as it happened (a 2-second run), not when the database took it.
        assert.ok(
          outageRun!.duration_ms >= 2000 && outageRun!.duration_ms < 3000,
          `duration ${outageRun!.duration_ms} ms`,
        );
        assert.equal(byFiring(STARTED.exec(next.text)![1]!)?.status, "complete");
      } finally {
        for (const r of replicas) r.kill("SIGKILL");
        await Promise.all(replicas.map((r) => r.exited));
        await schema.drop();
      }
    },
  );

  test("a database the project cannot reach at start is one line naming DATABASE_URL, and exit 1", async () => {
    const refused = envWith({ DATABASE_URL: "postgres://app:hunter2@127.0.0.1:1/app" });
    for (const args of [["src/scheduler.ts"], ["src/run-task.ts", "work"], ["src/history.ts", "work"]]) {
      const failed = await run(process.execPath, ["--import", "tsx", ...args], {
        cwd: dir,
        env: refused,
        timeout: 20_000,
      }).then(
        () => assert.fail(`${args[0]} exited 0`),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      assert.equal(failed.code, 1, args[0]);
      assert.equal(
        failed.stderr,
        "Cannot connect to the database at DATABASE_URL (127.0.0.1:1/app): connection refused\n",
        args[0],
      );
      assert.equal(failed.stdout, "", args[0]);
    }
    const unopenable = envWith({ SQLITE_FILE: join(dir, "no-such-folder", "app.sqlite") });
    const failed = await run(process.execPath, ["--import", "tsx", "src/scheduler.ts"], {
      cwd: dir,
      env: unopenable,
      timeout: 20_000,
    }).then(
      () => assert.fail("exited 0"),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      /^Cannot open the SQLite database at SQLITE_FILE \(.*no-such-folder\/app\.sqlite; DATABASE_URL is unset\): .+\n$/,
    );
  });
});
