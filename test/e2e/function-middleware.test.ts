// branch.xs's function and task middleware, for real: fixtures/function-middleware built, its
// functions called and its task run inside the generated project (SQLite, then PostgreSQL), and
// `npm run fn` / `npm run task` run as commands. What each middleware did is read back from the
// call_log table its post middleware writes.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { build } from "../../src/build.ts";
import { buildProject, fixture, inPgSchema, postgresSkip, removeProject, runScript } from "../support/generated.ts";

/** Runs inside the generated project: each call's result or error, and the log rows after it. */
const DRIVER = `
import { db, rows, table } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { shout } from "./src/functions/shout.js";
import { shoutTwice } from "./src/functions/shout_twice.js";
import { tasks } from "./src/scheduler.js";

await migrate();
const log = () => rows(table("call_log").select("kind", "vars", "loud").orderBy("id"));
const json = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v);
async function step(run: () => Promise<unknown>) {
  const before = (await log()).length;
  let outcome: unknown;
  try {
    outcome = { value: await run() };
  } catch (error) {
    outcome = { error: (error as Error).message };
  }
  const rows = (await log()).slice(before).map((r: any) => ({ kind: r.kind, vars: json(r.vars), loud: json(r.loud) }));
  return { outcome, rows };
}
const tally = tasks.find((t) => t.name === "tally")!;
const result = {
  trimmed: await step(() => shout({ word: "  hi  " })),
  tooShort: await step(() => shout({ word: " a " })),
  nested: await step(() => shoutTwice({ word: "yo" })),
  refused: await step(() => shout({ word: "forbidden" })),
  task: await step(() => tally.run()),
  paused: await step(() => ((process.env.TASKS_PAUSED = "yes"), tally.run())),
};
console.log(JSON.stringify(result));
await db.destroy();
`;

const exec = promisify(execFile);
const pgSkip = await postgresSkip();

describe("fixtures/function-middleware: middleware around functions and tasks", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("function-middleware"));
  });
  after(() => {
    if (dir) removeProject(dir);
  });

  async function check(env: Record<string, string>) {
    const r = await runScript(dir, DRIVER, env);
    // Pre (merge) trims the word before the function validates it; post stamp merges into the
    // response, then log_call sees it stamped. Inside log_call, shout runs without middleware.
    assert.deepEqual(r.trimmed, {
      outcome: { value: { word: "HI", stamped: true } },
      rows: [{ kind: "post", vars: { word: "HI", stamped: true }, loud: { word: "LOG" } }],
    });
    // Validation sees the trimmed word ("a", shorter than min:2); an error in the function: no post.
    assert.deepEqual(r.tooShort, { outcome: { error: "word must be at least 2" }, rows: [] });
    // function.run inside a function: its middleware run around the inner call too.
    assert.deepEqual(r.nested.outcome, { value: { inner: { word: "YO", stamped: true }, stamped: true } });
    assert.deepEqual(
      r.nested.rows.map((row: { vars: unknown }) => row.vars),
      [
        { word: "YO", stamped: true },
        { inner: { word: "YO", stamped: true }, stamped: true },
      ],
    );
    // rethrow: the function does not run, the post middleware run with the error, then it is thrown.
    assert.deepEqual(r.refused, {
      outcome: { error: "That word is not allowed." },
      rows: [
        {
          kind: "post",
          vars: { name: "accessdenied", message: "That word is not allowed.", code: "accessdenied", payload: null },
          loud: { word: "LOG" },
        },
      ],
    });
    // A task: pre, its stack, then post with vars null (a task has no response).
    assert.deepEqual(r.task, {
      outcome: {}, // run() answers nothing: { value: undefined } as JSON
      rows: [
        { kind: "task", vars: null, loud: null },
        { kind: "post", vars: null, loud: { word: "LOG" } },
      ],
    });
    // critical pre: the run stops at once, nothing of the task nor of the post middleware runs.
    assert.deepEqual(r.paused, { outcome: { error: "Tasks are paused." }, rows: [] });
  }

  test("on SQLite", async () => {
    await check({ SQLITE_FILE: join(dir, "e2e.sqlite") });
  });

  test("on PostgreSQL", { skip: pgSkip }, async () => {
    await inPgSchema((url) => check({ DATABASE_URL: url }));
  });

  test("npm run fn and npm run task run the middleware too", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: join(dir, "commands.sqlite") };
    delete env.DATABASE_URL;
    const run = (...args: string[]) => exec(process.execPath, ["--import", "tsx", ...args], { cwd: dir, env });
    await run("src/migrate.ts");
    const fn = await run("src/run-fn.ts", "shout", '{"word": " hey "}');
    assert.deepEqual(JSON.parse(fn.stdout), { word: "HEY", stamped: true });
    const task = () =>
      run("src/run-task.ts", "tally").then(
        () => "ran",
        (error: { stderr: string }) => error.stderr.trim(),
      );
    assert.equal(await task(), "ran");
    env.TASKS_PAUSED = "yes";
    assert.equal(await task(), "Tasks are paused.");
  });
});

describe("what branch.xs's lists cannot run", () => {
  test("the tool list is reported (no AI tools are generated); the function and task lists are not", async () => {
    const result = await build({ workspace: fixture("function-middleware") });
    const notApplied = result.findings.filter((f) => f.code === "XS5306").map((f) => f.message);
    assert.deepEqual(notApplied, [
      "the branch's tool middleware (trim_word) is not applied: xs2ts does not generate AI tools",
    ]);
  });

  test("a function list naming an undefined middleware: reported, and every call of the function fails", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "xs2ts-mw-missing-"));
    let dir = "";
    try {
      writeFileSync(
        join(workspace, "branch.xs"),
        'branch live {\n  color = "#000000"\n  middleware = {function: {pre: ["nope"], post: []}}\n}\n',
      );
      mkdirSync(join(workspace, "function"));
      writeFileSync(
        join(workspace, "function", "one.xs"),
        "function one {\n  input {\n  }\n  stack {\n  }\n  response = 1\n}\n",
      );
      const result = await build({ workspace });
      assert.deepEqual(
        result.findings.filter((f) => f.code === "XS3009").map((f) => f.message),
        [
          'the middleware "nope" is not defined in the workspace: every function call it is around fails until it is written',
        ],
      );
      dir = await buildProject(workspace);
      const run = await exec(process.execPath, ["--import", "tsx", "src/run-fn.ts", "one"], { cwd: dir }).then(
        () => "ran",
        (error: { stderr: string }) => error.stderr.trim(),
      );
      assert.match(run, /Not migrated: the middleware "nope" is not defined in the workspace/);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
      if (dir) removeProject(dir);
    }
  });
});
