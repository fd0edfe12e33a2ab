// The generated project of the real exported workspace (../shared/corpus/bwats) builds with no
// errors and passes tsc --noEmit under strict.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "../../src/build.ts";
import { repoRoot, sharedPath } from "../support/shared.ts";

const bwats = sharedPath("corpus/bwats");

test("bwats: builds without errors and typechecks", { skip: bwats.skip }, async () => {
  const out = mkdtempSync(join(tmpdir(), "xs2ts-bwats-"));
  try {
    const result = await build({ workspace: bwats.path, out, name: "bwats" });
    assert.deepEqual(result.diagnostics, []);
    assert.ok(result.files.length > 100);
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
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
