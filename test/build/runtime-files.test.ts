// A generated project carries only the runtime modules its code reaches and the npm packages
// those modules import (src/emit/project/runtime-files.ts).
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { build } from "../../src/build.ts";
import { importsOf, projectRuntime } from "../../src/emit/project/runtime-files.ts";
import { repoRoot } from "../support/shared.ts";

const root = mkdtempSync(join(tmpdir(), "xs2ts-runtime-files-"));
after(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** Builds `files` (workspace path → XanoScript) into a folder of its own. */
async function buildProject(files: Record<string, string>) {
  const dir = join(root, `p${counter++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, "ws", path)), { recursive: true });
    writeFileSync(join(dir, "ws", path), text);
  }
  const out = join(dir, "out");
  const result = await build({ workspace: join(dir, "ws"), out, name: "p" });
  const pkg = JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const runtime = result.files.map((f) => f.path).filter((p) => p.startsWith("src/runtime/"));
  return { out, result, pkg, runtime };
}

const ONE_TASK = {
  "task/tick.xs": `task tick {
  stack {
    var $n { value = 1 + 2 }
  }
  schedule = [{starts_on: 2025-10-01 06:00:00+0000, freq: 3600}]
}`,
};

describe("the runtime a generated project carries", () => {
  test("one task, no Redis, no lambda: exactly the modules and packages it reaches, and it typechecks", async () => {
    const { out, pkg, runtime } = await buildProject(ONE_TASK);
    assert.deepEqual(runtime, [
      "src/runtime/command.ts",
      "src/runtime/db-table.ts",
      "src/runtime/db-unreachable.ts",
      "src/runtime/env-file.ts",
      "src/runtime/errors.ts",
      "src/runtime/field-filters.ts",
      "src/runtime/input.ts",
      "src/runtime/password.ts",
      "src/runtime/schedule.ts",
      "src/runtime/scheduler.ts",
      "src/runtime/settings.ts",
      "src/runtime/shutdown.ts",
      "src/runtime/task-history.ts",
      "src/runtime/task.ts",
      "src/runtime/time.ts",
      "src/runtime/values.ts",
    ]);
    // cli-progress and pg-copy-streams: npm run import's progress bars and bulk load (every project has it);
    // tsx runs the development scripts only: production runs node dist/… (npm ci --omit=dev).
    assert.deepEqual(Object.keys(pkg.dependencies), [
      "bcryptjs",
      "better-sqlite3",
      "cli-progress",
      "knex",
      "node-cron",
      "pg",
      "pg-copy-streams",
    ]);
    assert.deepEqual(Object.keys(pkg.devDependencies), [
      "@types/cli-progress",
      "@types/node",
      "@types/pg",
      "@types/pg-copy-streams",
      "tsx",
      "typescript",
    ]);
    // No run-job.ts without jobs: no script for it either.
    assert.equal(pkg.scripts.job, undefined);
    symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
    try {
      execFileSync(
        process.execPath,
        [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(out, "tsconfig.json")],
        { encoding: "utf8" },
      );
    } catch (error) {
      assert.fail(`tsc found errors:\n${(error as { stdout?: string }).stdout ?? error}`);
    }
  });

  test("redis.* statements bring runtime/redis.ts and the redis package; a job brings its script", async () => {
    const { pkg, runtime } = await buildProject({
      ...ONE_TASK,
      "function/cached.xs": `function cached {
  stack {
    redis.get { key = "k" } as $v
  }
  response = $v
}`,
      "run/cache.xs": `run.job "cache" {
  main = {name: "cached", input: {}}
}`,
    });
    assert.ok(runtime.includes("src/runtime/redis.ts"), runtime.join(", "));
    assert.equal(pkg.dependencies.redis, "^6.3.1");
    assert.equal(pkg.scripts.job, "tsx src/run-job.ts");
  });

  test("the imports followed: static, type-only, re-exports, dynamic and bare, not comments or strings", () => {
    const text = `import type { A } from "./a.js";
import b, { c } from "pkg/sub";
export { d } from "../d.js";
export * from "@scope/e/x";
const x = await import("redis");
// import { z } from "./comment.js";
const s = "import { y } from './string.js'";
import "./side.js";
`;
    assert.deepEqual(importsOf(text), ["./a.js", "pkg/sub", "../d.js", "@scope/e/x", "redis", "./side.js"]);
  });

  test("runtime modules are followed to a fixed point; a package the user's code imports is theirs to pin", () => {
    const { files, dependencies } = projectRuntime([
      { path: "src/tasks/t.ts", text: `import { cached } from "../runtime/redis.js";` },
    ]);
    // redis.ts → errors, shutdown, values; values imports nothing further.
    assert.deepEqual(
      files.map((f) => f.path),
      ["src/runtime/errors.ts", "src/runtime/redis.ts", "src/runtime/shutdown.ts", "src/runtime/values.ts"],
    );
    assert.equal(dependencies.redis, "^6.3.1");
    // api.lambda's import("npm:left-pad") (reported as XS5010): a dependency, its version left to the user.
    assert.equal(
      projectRuntime([{ path: "src/x.ts", text: `const pad = await import("left-pad");` }]).dependencies["left-pad"],
      "*",
    );
    assert.throws(
      () => projectRuntime([{ path: "src/x.ts", text: `import { y } from "./runtime/nowhere.js";` }]),
      /nowhere/,
    );
  });
});
