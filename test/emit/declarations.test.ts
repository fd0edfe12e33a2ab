// Variables are declared where a person would: `const` at a single top-level assignment, `let`
// with the inferred type where first assigned at the top level, up front only otherwise.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "../../src/build.ts";
import { repoRoot } from "../support/shared.ts";

test("declarations sit at the first top-level assignment, typed when known", async () => {
  const result = await build({ workspace: join(repoRoot, "fixtures/statements") });
  const file = (name: string) => result.files.find((f) => f.path === `src/tasks/${name}.ts`)!.text;
  assert.match(file("var"), /let greeting: string = "Hello";\n\s+greeting = `\$\{greeting\}, world`;/);
  assert.match(file("var"), /let info: any = \{ count: 1 \};/);
  assert.match(file("while"), /let n: number = 1;\n\s+while \(n < 100\)/);
  // Assigned again inside a loop: still declared where it is first assigned, before the loop.
  assert.match(file("foreach"), /let total: number = 0;/);
  for (const name of ["var", "while"]) assert.doesNotMatch(file(name), /: any = null/);
});
