// A task's `history` setting in its module: a number or "all" is carried, {inherit: true} is
// left to TASK_HISTORY, anything else is reported and left to TASK_HISTORY too.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "../../src/build.ts";

async function taskModule(history: string) {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-history-"));
  try {
    mkdirSync(join(dir, "task"));
    writeFileSync(join(dir, "task", "t.xs"), `task t {\n  history = ${history}\n\n  stack {\n  }\n}\n`);
    const result = await build({ workspace: dir });
    const text = result.files.find((f) => f.path === "src/tasks/t.ts")!.text;
    const report = result.files.find((f) => f.path === "MIGRATION.md")!.text;
    return { field: text.match(/^\s*history: .*$/m)?.[0].trim(), report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('history: a number or "all" is the task\'s own; {inherit: true} is TASK_HISTORY', async () => {
  assert.equal((await taskModule("25")).field, "history: 25,");
  assert.equal((await taskModule("0")).field, "history: 0, // no run is kept once finished");
  assert.equal((await taskModule('"all"')).field, 'history: "all",');
  const inherits = await taskModule("{inherit: true}");
  assert.equal(inherits.field, undefined);
  assert.doesNotMatch(inherits.report, /XS3007/);
});

test("history: any other value is reported, and the task keeps TASK_HISTORY", async () => {
  for (const value of ['"some"', "-1", "{inherit: false}"]) {
    const { field, report } = await taskModule(value);
    assert.equal(field, undefined, value);
    assert.match(report, /task\/t\.xs:2` history not migrated: .* \[XS3007\]/, value);
  }
});
