// out/ holds the generated projects of fixtures/: a test fails when it is stale
// (regenerate with `npm run goldens` and read the diff), and every one typechecks.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, test } from "node:test";
import { build } from "../../src/build.ts";
import { hashOf, MANIFEST_FILE, manifestText } from "../../src/output/manifest.ts";
import { filesUnder, repoRoot } from "../support/shared.ts";
import { typecheck } from "../support/typecheck.ts";

const fixtures = readdirSync(join(repoRoot, "fixtures"), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("golden output", () => {
  test("there are fixtures", () => assert.ok(fixtures.length > 0));
  for (const name of fixtures) {
    test(`out/${name} is what xs2ts generates from fixtures/${name}`, async () => {
      const result = await build({
        workspace: join(repoRoot, "fixtures", name),
        out: join(repoRoot, "out", name),
        check: true,
        name,
      });
      assert.deepEqual(result.diagnostics, []);
      assert.deepEqual(result.stale, [], "stale: run `npm run goldens` and review the diff");
      assert.deepEqual(
        { edited: result.edited, orphaned: result.orphaned, unmanaged: result.unmanaged },
        { edited: [], orphaned: [], unmanaged: false },
        "run `npm run goldens`",
      );
      // A file left over from an older build (a runtime module no longer used) is stale too.
      const onDisk = filesUnder(join(repoRoot, "out", name), "").map((p) => relative(join(repoRoot, "out", name), p));
      assert.deepEqual(
        onDisk.sort(),
        [...result.files.map((f) => f.path), MANIFEST_FILE].sort(),
        "files not generated any more: run `npm run goldens`",
      );
      const manifest = readFileSync(join(repoRoot, "out", name, MANIFEST_FILE), "utf8");
      assert.equal(
        manifest,
        manifestText(new Map(result.files.map((f) => [f.path, hashOf(f.text)]))),
        "the manifest is stale: run `npm run goldens`",
      );
    });
    test(`out/${name} passes tsc --noEmit under strict and imports nothing it does not use`, () => {
      const result = typecheck(join(repoRoot, "out", name, "tsconfig.json"));
      assert.deepEqual(result.errors, [], `tsc found errors:\n${result.errors.join("\n")}`);
      assert.deepEqual(result.unusedImports, [], "imports the code does not use");
    });
  }
});
