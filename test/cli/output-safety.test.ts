// Nothing of the user's is overwritten: each case as a user hits it, running the xs2ts command
// as a child process (exit code, what it prints, what is left on disk).
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { repoRoot } from "../support/shared.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-output-"));
after(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;

function xs2ts(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A fresh copy of fixtures/task-calls-function (a task, two functions, two tables) and an output path beside it. */
function workspace(): { ws: string; out: string } {
  const dir = join(scratch, `case${count++}`);
  cpSync(join(repoRoot, "fixtures/task-calls-function"), join(dir, "ws"), { recursive: true });
  return { ws: join(dir, "ws"), out: join(dir, "out") };
}

function assertOneLine(err: string): void {
  assert.doesNotMatch(err, /\n\s+at /, "no stack trace");
  assert.equal(err.trim().split("\n").length, 1, `one line: ${err}`);
}

const task = "src/tasks/notify_inactive_users.ts";

describe("the output folder", () => {
  test("--out equal to the workspace is refused (exit 2) and its README.md and package.json are kept", () => {
    const { ws } = workspace();
    writeFileSync(join(ws, "README.md"), "# my workspace\n");
    writeFileSync(join(ws, "package.json"), '{"name": "mine"}\n');
    const r = xs2ts("build", ws, "--out", ws);
    assert.equal(r.code, 2);
    assert.match(r.err, /is the workspace itself/);
    assertOneLine(r.err);
    assert.equal(readFileSync(join(ws, "README.md"), "utf8"), "# my workspace\n");
    assert.equal(readFileSync(join(ws, "package.json"), "utf8"), '{"name": "mine"}\n');
  });

  test("--out inside the workspace, or a workspace inside --out, is refused (exit 2)", () => {
    const { ws } = workspace();
    const inside = xs2ts("build", ws, "--out", join(ws, "generated"));
    assert.equal(inside.code, 2);
    assert.match(inside.err, /inside the workspace/);
    assert.ok(!existsSync(join(ws, "generated")));
    const around = xs2ts("build", ws, "--out", join(ws, ".."));
    assert.equal(around.code, 2);
    assert.match(around.err, /the workspace .* is inside --out/);
  });

  test("a folder holding files xs2ts did not write is refused (exit 2); --force writes and keeps the others", () => {
    const { ws, out } = workspace();
    mkdirSync(out);
    writeFileSync(join(out, "notes.txt"), "mine\n");
    writeFileSync(join(out, "README.md"), "my own readme\n");
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /holds files xs2ts did not write/);
    assertOneLine(r.err);
    assert.equal(readFileSync(join(out, "README.md"), "utf8"), "my own readme\n");
    assert.ok(!existsSync(join(out, task)));
    const forced = xs2ts("build", ws, "--out", out, "--force");
    assert.equal(forced.code, 0, forced.err);
    assert.ok(existsSync(join(out, task)));
    assert.equal(readFileSync(join(out, "notes.txt"), "utf8"), "mine\n");
    assert.ok(existsSync(join(out, ".xs2ts-manifest.json")));
  });

  test("an output of an earlier xs2ts, without a manifest, is refused with how to adopt it; one --force does", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    rmSync(join(out, ".xs2ts-manifest.json"));
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /looks like an earlier xs2ts output .* pass --force once/);
    assertOneLine(r.err);
    assert.equal(xs2ts("build", ws, "--out", out, "--force").code, 0);
    const again = xs2ts("build", ws, "--out", out);
    assert.equal(again.code, 0, again.err);
  });

  test("a generated project's own files (node_modules, .env, a database) do not stop a rebuild", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    writeFileSync(join(out, ".env"), "RESEND_API_KEY=x\n");
    writeFileSync(join(out, "app.sqlite"), "data");
    mkdirSync(join(out, "node_modules"));
    writeFileSync(
      join(ws, "task/notify_inactive_users.xs"),
      readFileSync(join(ws, "task/notify_inactive_users.xs"), "utf8").replace("We miss you", "Welcome back"),
    );
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(join(out, task), "utf8"), /Welcome back/);
    assert.equal(readFileSync(join(out, ".env"), "utf8"), "RESEND_API_KEY=x\n");
    assert.equal(readFileSync(join(out, "app.sqlite"), "utf8"), "data");
  });
});

describe("files edited by hand", () => {
  test("are never overwritten: the build reports them, writes nothing, exits 1; --check lists them; --force overwrites", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    const edited = readFileSync(join(out, task), "utf8") + "\n// my fix\n";
    writeFileSync(join(out, task), edited);
    // The workspace changes too: the function's module would be rewritten, but nothing is.
    const fn = join(ws, "function/users/find_inactive.xs");
    writeFileSync(fn, readFileSync(fn, "utf8").replace(/^/, "// changed\n"));
    const functionBefore = readFileSync(join(out, "src/functions/users/find_inactive.ts"), "utf8");
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 1);
    assert.match(r.err, /edited since xs2ts wrote it: .*notify_inactive_users\.ts/);
    assert.match(r.err, /nothing written .*--force/);
    assert.equal(readFileSync(join(out, task), "utf8"), edited);
    assert.equal(readFileSync(join(out, "src/functions/users/find_inactive.ts"), "utf8"), functionBefore);

    const check = xs2ts("build", ws, "--out", out, "--check");
    assert.equal(check.code, 1);
    assert.match(check.err, /edited since xs2ts wrote it: .*notify_inactive_users\.ts/);
    assert.match(check.err, /stale: .*find_inactive\.ts/);

    const forced = xs2ts("build", ws, "--out", out, "--force");
    assert.equal(forced.code, 0, forced.err);
    assert.doesNotMatch(readFileSync(join(out, task), "utf8"), /my fix/);
    assert.equal(xs2ts("build", ws, "--out", out, "--check").code, 0);
  });
});

describe("errors in the input", () => {
  test("a build with a parse error writes nothing (exit 1): scheduler.ts and the generated test keep the task; --allow-errors writes the rest", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    const scheduler = readFileSync(join(out, "src/scheduler.ts"), "utf8");
    const projectTest = readFileSync(join(out, "test/project.test.ts"), "utf8");
    writeFileSync(
      join(ws, "task/notify_inactive_users.xs"),
      "task notify_inactive_users {\n  stack {\n    var $x {\n  }\n",
    );
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 1);
    assert.match(r.err, /notify_inactive_users\.xs:\d+:\d+: error/);
    assert.match(r.err, /nothing written .*--allow-errors/);
    assert.equal(readFileSync(join(out, "src/scheduler.ts"), "utf8"), scheduler);
    assert.equal(readFileSync(join(out, "test/project.test.ts"), "utf8"), projectTest);

    const allowed = xs2ts("build", ws, "--out", out, "--allow-errors");
    assert.equal(allowed.code, 1, "still exit 1: the input has errors");
    assert.doesNotMatch(readFileSync(join(out, "src/scheduler.ts"), "utf8"), /notify_inactive_users/);
  });
});

describe("files whose source is gone", () => {
  test("are reported by --check (orphaned, exit 1) and removed by the next build; an edited one is kept", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    const module = join(out, "src/functions/users/find_inactive.ts");
    assert.ok(existsSync(module));
    // The task calls it: the call becomes "not migrated", and the function's module has no source.
    rmSync(join(ws, "function/users/find_inactive.xs"));
    const check = xs2ts("build", ws, "--out", out, "--check");
    assert.equal(check.code, 1);
    assert.match(check.err, /orphaned .*find_inactive\.ts/);
    assert.doesNotMatch(check.out, /up to date/);
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 0, r.err);
    assert.ok(!existsSync(module));
    assert.match(r.out, /1 removed/);
    assert.equal(xs2ts("build", ws, "--out", out, "--check").code, 0);
  });

  test("an orphaned file edited by hand is not removed without --force", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    const module = join(out, "src/functions/users/find_inactive.ts");
    writeFileSync(module, "// mine now\n");
    rmSync(join(ws, "function/users/find_inactive.xs"));
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 1);
    assert.match(r.err, /edited since xs2ts wrote it: .*find_inactive\.ts \(no longer generated\)/);
    assert.equal(readFileSync(module, "utf8"), "// mine now\n");
    assert.equal(xs2ts("build", ws, "--out", out, "--force").code, 0);
    assert.ok(!existsSync(module));
  });
});

describe("file-system failures are one line, exit 2", () => {
  test("--out naming an existing file", () => {
    const { ws } = workspace();
    const file = join(scratch, `file${count++}.txt`);
    writeFileSync(file, "x");
    const r = xs2ts("build", ws, "--out", file);
    assert.equal(r.code, 2);
    assert.match(r.err, /is a file, not a folder/);
    assertOneLine(r.err);
  });

  test("a symbolic link loop in the workspace (to a parent folder, and to itself)", () => {
    const { ws, out } = workspace();
    symlinkSync("..", join(ws, "function/users/up"));
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /symbolic link loop/);
    assertOneLine(r.err);
    rmSync(join(ws, "function/users/up"));
    symlinkSync("self", join(ws, "self"));
    const self = xs2ts("parse", ws);
    assert.equal(self.code, 2);
    assert.match(self.err, /symbolic link loop/);
    assertOneLine(self.err);
  });

  test("a folder where a generated file goes (EISDIR)", () => {
    const { ws, out } = workspace();
    assert.equal(xs2ts("build", ws, "--out", out).code, 0);
    rmSync(join(out, "README.md"));
    mkdirSync(join(out, "README.md"));
    const r = xs2ts("build", ws, "--out", out);
    assert.equal(r.code, 2);
    assert.match(r.err, /README\.md: is a folder/);
    assertOneLine(r.err);
  });

  test(
    "permission denied",
    { skip: process.getuid?.() === 0 ? "running as root, which ignores file permissions" : false },
    () => {
      const { ws, out } = workspace();
      mkdirSync(out);
      chmodSync(out, 0o555);
      try {
        const r = xs2ts("build", ws, "--out", out);
        assert.equal(r.code, 2);
        assert.match(r.err, /permission denied/);
        assertOneLine(r.err);
      } finally {
        chmodSync(out, 0o755);
      }
    },
  );
});
