// The checked-in compiled grammar is what nearleyc makes of the .ne files today.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../support/shared.ts";

test("src/parser/grammar/compiled.js is up to date (run `npm run grammar`)", () => {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-grammar-"));
  try {
    const out = join(dir, "compiled.js");
    execFileSync(process.execPath, [
      join(repoRoot, "node_modules/nearley/bin/nearleyc.js"),
      join(repoRoot, "src/parser/grammar/main.ne"),
      "-o",
      out,
    ]);
    assert.equal(readFileSync(join(repoRoot, "src/parser/grammar/compiled.js"), "utf8"), readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
