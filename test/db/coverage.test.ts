// The bwats corpus: how many db.* statements are translated (see corpus-coverage.ts for the list).
import assert from "node:assert/strict";
import { test } from "node:test";
import { sharedPath } from "../support/shared.js";
import { coverage } from "./corpus-coverage.js";

const corpus = sharedPath("corpus/bwats");

test("db.* statements of the bwats corpus are translated", { skip: corpus.skip }, (t) => {
  const c = coverage(corpus.path);
  t.diagnostic(`${c.translated} of ${c.total} translated`);
  for (const n of c.notMigrated) t.diagnostic(`${n.where}: ${n.reason}`);
  assert.ok(c.total >= 300);
  assert.ok(c.translated / c.total >= 0.99, `${c.translated} of ${c.total}`);
});
