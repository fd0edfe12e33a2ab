// The CLI's contract: exit codes, clear messages, --check, and a broken file not stopping the rest.
import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { main } from "../../src/cli/main.ts";
import { repoRoot } from "../support/shared.ts";

const seed = join(repoRoot, "fixtures/seed-reengage");
const scratch = mkdtempSync(join(tmpdir(), "xs2ts-cli-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

test("usage errors exit 2 with a message, never a stack trace", async () => {
  for (const args of [
    ["build"],
    ["build", seed],
    ["build", "/no/such/folder", "--out", scratch],
    ["build", seed, "--out", scratch, "--bogus"],
    ["frobnicate"],
    [],
  ]) {
    const r = await run(args);
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
    assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
    assert.ok(r.err.length > 0);
  }
});

test("parse: errors as path:line:col with a code frame, exit 1", async () => {
  const file = join(scratch, "bad.xs");
  writeFileSync(file, "function f {\n  stack {\n    var $x { value = (1 + }\n  }\n}\n");
  const r = await run(["parse", file]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bad\.xs:3:\d+: error: /);
  assert.match(r.err, /> 3 \|/);
  assert.match(r.out, /1 file parsed, 1 error/);
});

test("build --allow-errors: a file that does not parse is reported, the others are still generated, exit 1", async () => {
  const ws = join(scratch, "ws");
  cpSync(join(repoRoot, "fixtures/task-calls-function"), ws, { recursive: true });
  writeFileSync(join(ws, "function/broken.xs"), "function broken {\n  stack {\n    var $x {\n  }\n");
  const out = join(scratch, "out");
  const r = await run(["build", ws, "--out", out, "--allow-errors"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /function\/broken\.xs:\d+:\d+: error: /);
  assert.ok(existsSync(join(out, "src/tasks/notify_inactive_users.ts")));
});

test("build --check: exit 1 and the stale files when out of date, 0 when fresh", async () => {
  const out = join(scratch, "check");
  assert.equal((await run(["build", seed, "--out", out, "--quiet"])).code, 0);
  assert.equal((await run(["build", seed, "--out", out, "--check"])).code, 0);
  const task = join(out, "src/tasks/reengage_users.ts");
  writeFileSync(task, readFileSync(task, "utf8") + "\n// edited by hand\n");
  const stale = await run(["build", seed, "--out", out, "--check"]);
  assert.equal(stale.code, 1);
  assert.match(stale.err, /edited since xs2ts wrote it: .*reengage_users\.ts/);
  assert.match(readFileSync(task, "utf8"), /edited by hand/, "--check writes nothing");
});
