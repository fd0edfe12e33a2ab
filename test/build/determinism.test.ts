// Output is byte-identical on every run, and a change to one .xs file changes only the
// generated files that depend on it.
import { strict as assert } from "node:assert";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { build } from "../../src/build.ts";
import { repoRoot } from "../support/shared.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-determinism-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

function byPath(files: { path: string; text: string }[]): Map<string, string> {
  return new Map(files.map((f) => [f.path, f.text]));
}

test("two builds of the same workspace are byte-identical", async () => {
  const a = await build({ workspace: join(repoRoot, "fixtures/task-calls-function"), name: "x" });
  const b = await build({ workspace: join(repoRoot, "fixtures/task-calls-function"), name: "x" });
  assert.deepEqual(byPath(b.files), byPath(a.files));
  for (const f of a.files)
    assert.doesNotMatch(
      f.text,
      new RegExp(repoRoot.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")),
      `${f.path} holds an absolute path`,
    );
});

test("changing one function's body changes only that function's module", async () => {
  const ws = join(scratch, "ws");
  cpSync(join(repoRoot, "fixtures/task-calls-function"), ws, { recursive: true });
  const before = byPath((await build({ workspace: ws, name: "x" })).files);
  const file = join(ws, "function/users/mark_notified.xs");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace("data = {notified: true}", 'data = {notified: true, name: "seen"}'),
  );
  const afterChange = byPath((await build({ workspace: ws, name: "x" })).files);
  const changed = [...afterChange.keys()].filter((p) => afterChange.get(p) !== before.get(p)).sort();
  assert.deepEqual(changed, ["src/functions/users/mark_notified.ts"]);
});

test("adding an environment variable changes the module, env.ts, .env.example and MIGRATION.md only", async () => {
  const ws = join(scratch, "ws2");
  cpSync(join(repoRoot, "fixtures/task-calls-function"), ws, { recursive: true });
  const before = byPath((await build({ workspace: ws, name: "x" })).files);
  const file = join(ws, "function/users/find_inactive.xs");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "value = now|transform_timestamp",
      "value = $env.NOW_OVERRIDE ?? now|transform_timestamp",
    ),
  );
  const afterChange = byPath((await build({ workspace: ws, name: "x" })).files);
  const changed = [...afterChange.keys()].filter((p) => afterChange.get(p) !== before.get(p)).sort();
  assert.deepEqual(changed, [".env.example", "MIGRATION.md", "src/env.ts", "src/functions/users/find_inactive.ts"]);
});
