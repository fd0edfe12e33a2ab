// The generated project of the real exported workspace (../shared/corpus/bwats) builds with no
// errors, passes tsc --noEmit under strict, and imports nothing it does not use.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "../../src/build.ts";
import { typecheck } from "../support/typecheck.ts";
import { repoRoot, sharedPath } from "../support/shared.ts";

const bwats = sharedPath("corpus/bwats");

test("bwats: builds without errors and typechecks", { skip: bwats.skip }, async () => {
  const out = mkdtempSync(join(tmpdir(), "xs2ts-bwats-"));
  try {
    const result = await build({ workspace: bwats.path, out, name: "bwats" });
    assert.deepEqual(result.diagnostics, []);
    assert.ok(result.files.length > 100);
    symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
    const checked = typecheck(join(out, "tsconfig.json"));
    assert.deepEqual(checked.errors, [], `tsc found errors:\n${checked.errors.join("\n")}`);
    assert.deepEqual(checked.unusedImports, [], "imports the code does not use");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
