// xs2ts schedule prints a task's next firings, computed by the generated scheduler's code.
import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { main } from "../../src/cli/main.ts";
import { repoRoot } from "../support/shared.ts";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), color: false });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

test("the seed task fires on the four Wednesdays before ends_on", async () => {
  const r = await run([
    "schedule",
    join(repoRoot, "fixtures/seed-reengage/task/reengage_users.xs"),
    "--from",
    "2025-09-01T00:00:00Z",
    "--next",
    "6",
  ]);
  assert.equal(r.code, 0);
  const instants = r.out
    .split("\n")
    .filter((l) => /^\s+\d{4}-/.test(l))
    .map((l) => l.trim());
  assert.deepEqual(instants, [
    "2025-10-01T06:00:00Z",
    "2025-10-08T06:00:00Z",
    "2025-10-15T06:00:00Z",
    "2025-10-22T06:00:00Z",
  ]);
  assert.match(r.out, /cron 0 6 \* \* 3/);
  assert.match(r.out, /active = false/);
});

test("a past start fires at the next anchored instant, not at once", async () => {
  const r = await run([
    "schedule",
    join(repoRoot, "fixtures/task-calls-function/task/notify_inactive_users.xs"),
    "--from",
    "2026-03-10T12:00:00Z",
    "--next",
    "2",
  ]);
  assert.equal(r.code, 0);
  assert.match(r.out, /2026-03-11T07:30:00Z\n\s+2026-03-12T07:30:00Z/);
});

test("bad input: a missing file and a bad --next are usage errors, a broken file is exit 1 with a position", async () => {
  assert.equal((await run(["schedule", "/nonexistent.xs"])).code, 2);
  assert.equal(
    (await run(["schedule", join(repoRoot, "fixtures/seed-reengage/task/reengage_users.xs"), "--next", "zero"])).code,
    2,
  );
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-schedule-"));
  writeFileSync(join(dir, "t.xs"), "task t {\n  schedule = [{starts_on: }]\n}\n");
  const r = await run(["schedule", join(dir, "t.xs")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /t\.xs:2:\d+: error:/);
});
