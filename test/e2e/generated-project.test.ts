// A generated project as a user runs it: configured by a .env file (the real environment wins),
// $env reads that are null when unset, npm run fn, one-line input errors from the command-line
// entry points, and the compiled scheduler (npm run build, node dist/scheduler.js) stopping
// cleanly on SIGTERM.
import { strict as assert } from "node:assert";
import { execFile, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { importsOf } from "../../src/emit/project/runtime-files.ts";
import { buildWorkspace } from "../emit/helpers.ts";
import { filesUnder } from "../support/shared.ts";
import { buildProject, fixture, recordingServer, removeProject } from "../support/generated.ts";

const exec = promisify(execFile);

/** The process environment without anything a generated project reads: "nothing exported". */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ["PATH", "HOME", "TMPDIR"]) if (process.env[name] !== undefined) env[name] = process.env[name];
  return { ...env, ...extra };
}

/** Runs a source entry point of the project through tsx, as its npm scripts do; never rejects. */
async function runEntry(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv = bareEnv(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ["--import", "tsx", ...args], { cwd: dir, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe("the seed's task configured by .env, with nothing exported", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("seed-reengage"));
  });
  after(() => removeProject(dir));

  test("npm run task reads RESEND_API_KEY from .env; a variable set in the environment wins", async () => {
    const server = await recordingServer();
    try {
      writeFileSync(
        join(dir, ".env"),
        `SQLITE_FILE=${join(dir, "app.sqlite")}\nRESEND_API_KEY=re_from_dotenv\nRESEND_BASE_URL=${server.url}\n`,
      );
      assert.equal((await runEntry(dir, ["src/migrate.ts"])).code, 0);
      const seed = join(dir, "seed.ts");
      writeFileSync(
        seed,
        `import "./src/runtime/env-file.js";
import { db, insertRow } from "./src/db.js";
await insertRow("user", { name: "Ada", email: "ada@example.com", last_login: Date.now() - 90 * 86_400_000 });
await db.destroy();
`,
      );
      assert.equal((await runEntry(dir, [seed])).code, 0);

      const first = await runEntry(dir, ["src/run-task.ts", "reengage_users"]);
      assert.equal(first.code, 0, first.stderr);
      assert.deepEqual(
        server.received.map((r) => [r.url, r.headers.authorization]),
        [["/emails", "Bearer re_from_dotenv"]],
      );

      const second = await runEntry(
        dir,
        ["src/run-task.ts", "reengage_users"],
        bareEnv({ RESEND_API_KEY: "re_exported" }),
      );
      assert.equal(second.code, 0, second.stderr);
      assert.equal(server.received[1]?.headers.authorization, "Bearer re_exported");
    } finally {
      await server.close();
    }
  });
});

const ENV_NULL = `function "send/pick_key" {
  input {
  }
  stack {
    var $key {
      value = $env.RESEND_EMAIL_KEY != null ? $env.RESEND_EMAIL_KEY : $env.RESEND_API_KEY
    }
  }
  response = {key: $key, unset: $env.RESEND_EMAIL_KEY}
}`;

const PRECONDITION = `function "ai/ask" {
  input {
    text question
  }
  stack {
    precondition ($env.OPENAI_API_KEY != null) {
      error_type = "standard"
      error = "Set OPENAI_API_KEY to ask"
    }
  }
  response = $input.question
}`;

const SIGN_UP = `function "users/sign_up" {
  input {
    email email
    text constructor?
    text toString?
  }
  stack {
  }
  response = {email: $input.email, constructor: $input.constructor, toString: $input.toString}
}`;

describe("npm run fn, $env null when unset, and input errors in Xano's words", () => {
  let out = "";
  before(async () => {
    const built = await buildWorkspace(
      {
        "function/send/pick_key.xs": ENV_NULL,
        "function/ai/ask.xs": PRECONDITION,
        "function/users/sign_up.xs": SIGN_UP,
      },
      "users/sign_up",
    );
    out = built.out;
    writeFileSync(join(out, ".env"), `SQLITE_FILE=${join(out, "app.sqlite")}\n`);
  });

  test("an unset $env variable is null: bwats' RESEND_EMAIL_KEY-or-RESEND_API_KEY pattern takes the one set", async () => {
    const run = await runEntry(out, ["src/run-fn.ts", "send/pick_key"], bareEnv({ RESEND_API_KEY: "re_api" }));
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { key: "re_api", unset: null });
  });

  test("a precondition on an unset variable shows its message: one line, exit 1, no stack", async () => {
    const run = await runEntry(out, ["src/run-fn.ts", "ai/ask", '{"question": "why?"}']);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, "Set OPENAI_API_KEY to ask\n");
    const set = await runEntry(
      out,
      ["src/run-fn.ts", "ai/ask", '{"question": "why?"}'],
      bareEnv({ OPENAI_API_KEY: "sk" }),
    );
    assert.equal(set.stdout.trim(), '"why?"');
  });

  test("npm run fn prints the response as JSON; optional inputs named like Object members are null", async () => {
    const run = await runEntry(out, ["src/run-fn.ts", "users/sign_up", '{"email": "ada@example.com"}']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { email: "ada@example.com", constructor: null, toString: null });
  });

  test("an invalid input is one line in Xano's words and exit 1", async () => {
    const run = await runEntry(out, ["src/run-fn.ts", "users/sign_up", '{"email": "not an address"}']);
    assert.deepEqual([run.code, run.stdout, run.stderr], [1, "", "Value is not a valid email: email\n"]);
  });

  test("an unknown function, or input that is not a JSON object, is a usage error (exit 2) naming what exists", async () => {
    const unknown = await runEntry(out, ["src/run-fn.ts", "users/sign_in"]);
    assert.equal(unknown.code, 2);
    assert.equal(
      unknown.stderr,
      'Unknown function "users/sign_in". Functions: "ai/ask", "send/pick_key", "users/sign_up"\n',
    );
    const notJson = await runEntry(out, ["src/run-fn.ts", "users/sign_up", "{email"]);
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /^The input is not JSON: .*\n$/);
  });
});

describe("npm run job and npm run task: input errors in Xano's words", () => {
  test("a job whose input fails validation prints one line and exits 1; so does a task", async () => {
    const built = await buildWorkspace(
      {
        "function/users/sign_up.xs": SIGN_UP,
        "run.xs": `run.job "sign up" {
  main = {
    name: "users/sign_up"
    input: {email: "nobody"}
  }
}`,
        "task/sign_up_daily.xs": `task sign_up_daily {
  stack {
    function.run "users/sign_up" {
      input = {email: "nobody"}
    } as $user
  }
  schedule = [{starts_on: 2026-01-01 00:00:00+0000, freq: 86400}]
}`,
      },
      "users/sign_up",
    );
    const env = bareEnv({ SQLITE_FILE: join(built.out, "app.sqlite") });
    const job = await runEntry(built.out, ["src/run-job.ts", "sign up"], env);
    assert.deepEqual([job.code, job.stdout, job.stderr], [1, "", "Value is not a valid email: email\n"]);
    const task = await runEntry(built.out, ["src/run-task.ts", "sign_up_daily"], env);
    assert.deepEqual([task.code, task.stderr], [1, "Value is not a valid email: email\n"]);
  });
});

describe("the compiled project", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("task-calls-function"));
    // npm run build
    await exec(process.execPath, [join(dir, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
      cwd: dir,
    });
  });
  after(() => removeProject(dir));

  /** Starts `command` in the project, waits until the scheduler has scheduled its task, sends SIGTERM; its exit code and output. */
  async function stopAfterStart(
    command: string,
    args: string[],
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const child = spawn(command, args, { cwd: dir, env: bareEnv({ SQLITE_FILE: join(dir, "app.sqlite") }) });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes("scheduled:")) resolve();
      });
      void exited.then((code) => reject(new Error(`exited early (${code}): ${stdout}${stderr}`)));
    });
    child.kill("SIGTERM");
    const code = await exited;
    // Whatever the child started has ended with it: nothing left holding the output open.
    await new Promise<void>((resolve) => (child.stdout.closed ? resolve() : child.stdout.on("close", () => resolve())));
    return { code, stdout, stderr };
  }

  test("node dist/scheduler.js warns of unset variables, and exits 0 on SIGTERM", async () => {
    const run = await stopAfterStart(process.execPath, ["dist/scheduler.js"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /SIGTERM: stopping the scheduler/);
    assert.equal(run.stderr, "Not set, so read as null (see .env.example): RESEND_API_KEY\n");
  });

  test("SIGTERM sent to npm start reaches the scheduler: it drains and exits 0, npm too", async () => {
    const run = await stopAfterStart("npm", ["start"]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /SIGTERM: stopping the scheduler/);
  });

  test("dist/ imports only production dependencies, so the Dockerfile's npm ci --omit=dev runs it", () => {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
      dependencies: Record<string, string>;
    };
    assert.equal(pkg.scripts.start, "exec node --enable-source-maps dist/scheduler.js");
    const compiled = filesUnder(join(dir, "dist"), ".js");
    assert.ok(
      compiled.some((f) => f.endsWith("dist/migrations/0001_create_user.js")),
      "migrations are compiled too",
    );
    const packages = new Set(
      compiled
        .flatMap((file) => importsOf(readFileSync(file, "utf8")))
        .filter((s) => !s.startsWith(".") && !s.startsWith("node:"))
        .map((s) => (s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : s.split("/")[0]!)),
    );
    assert.ok(packages.size > 0);
    for (const name of packages)
      assert.ok(name in pkg.dependencies, `dist imports ${name}, not a production dependency`);
  });
});
