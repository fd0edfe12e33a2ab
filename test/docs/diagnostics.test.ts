// docs/diagnostics.md documents every code xs2ts gives: a code used in src/ without its
// section there fails here.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

/** Codes written as a string literal ("XS3001") anywhere in src/. */
function codesUsed(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sourceFiles(join(root, "src"))) {
    for (const m of readFileSync(file, "utf8").matchAll(/["'`](XS\d{4})["'`]/g))
      used.set(m[1]!, file.slice(root.length + 1));
  }
  return used;
}

const documented = (): Set<string> =>
  new Set([...readFileSync(join(root, "docs/diagnostics.md"), "utf8").matchAll(/^## (XS\d{4}):/gm)].map((m) => m[1]!));

test("every code used in src/ has a section in docs/diagnostics.md", () => {
  const used = codesUsed();
  assert.ok(used.size > 20, `found only ${used.size} codes: the pattern no longer matches how codes are written`);
  const docs = documented();
  const missing = [...used].filter(([code]) => !docs.has(code)).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, []);
});

test("docs/diagnostics.md documents no code that src/ no longer uses", () => {
  const used = codesUsed();
  assert.deepEqual(
    [...documented()].filter((code) => !used.has(code)),
    [],
  );
});
