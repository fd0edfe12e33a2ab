// The project's own sources (src, templates/runtime, test, bench) compile under strict.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "./support/shared.ts";

test("tsc --noEmit over the repository", () => {
  try {
    execFileSync(
      process.execPath,
      [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(repoRoot, "tsconfig.json")],
      { encoding: "utf8" },
    );
  } catch (error) {
    assert.fail(`tsc found errors:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
});
