// The lambda type checker's answers kept between runs: reused only by the same annotator.
import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { CheckedCodeCache } from "../../src/emit/expr/checked-code-cache.ts";

test("answers saved by one run are read by the next, for the same version only", () => {
  const file = join(mkdtempSync(join(tmpdir(), "xs2ts-cache-")), "nested", "lambdas.json");
  const first = new CheckedCodeCache(file, "v1");
  assert.equal(first.get("let x;"), undefined);
  first.set("let x;", "let x: any;");
  first.save();
  assert.equal(new CheckedCodeCache(file, "v1").get("let x;"), "let x: any;");
  assert.equal(new CheckedCodeCache(file, "v2").get("let x;"), undefined, "another annotator's answer is not reused");
});

test("a damaged cache file is only a slower build", () => {
  const file = join(mkdtempSync(join(tmpdir(), "xs2ts-cache-")), "lambdas.json");
  writeFileSync(file, "{ not json");
  const cache = new CheckedCodeCache(file, "v1");
  assert.equal(cache.get("x"), undefined);
  cache.set("x", "y");
  cache.save();
  assert.equal(new CheckedCodeCache(file, "v1").get("x"), "y");
});
