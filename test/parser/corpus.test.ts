// Every .xs file of the shared corpus parses, into exactly one tree.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, test } from "node:test";
import { countParses, parse } from "../../src/parser/parse.ts";
import { filesUnder, sharedPath } from "../support/shared.ts";

for (const corpus of ["corpus/bwats", "corpus/exercises"]) {
  const { path, skip } = sharedPath(corpus);
  describe(corpus, { skip }, () => {
    const files = filesUnder(path, ".xs");

    test("has the expected files", () => {
      assert.ok(files.length >= (corpus.endsWith("bwats") ? 270 : 255), `${files.length} files`);
    });

    test("every file parses, and the grammar finds exactly one parse", () => {
      const failures: string[] = [];
      for (const file of files) {
        const text = readFileSync(file, "utf8");
        try {
          const ast = parse(text, file);
          assert.equal(ast.kind, "File");
          const parses = countParses(text);
          if (parses !== 1) failures.push(`${relative(path, file)}: ${parses} parses`);
        } catch (error) {
          const p = (error as { position?: { line: number; col: number } }).position;
          failures.push(`${relative(path, file)}:${p?.line}:${p?.col}: ${(error as Error).message}`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
