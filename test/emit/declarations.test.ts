// Variables are declared where a person would: `const` at a single top-level assignment, `let`
// with the inferred type where first assigned at the top level, up front only otherwise.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { before, describe, it, test } from "node:test";
import { build } from "../../src/build.ts";
import { repoRoot } from "../support/shared.ts";
import { buildFunction, type Built } from "./helpers.ts";

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

describe("a variable assigned once in a block and read only after it there", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "local",
      `function local {
  input {
    int n
  }
  stack {
    var $out { value = [] }
    foreach ([1, 2, 3]) {
      each as $i {
        var $twice { value = $i * $input.n }
        array.push $out { value = $twice }
      }
    }
    conditional {
      if ($input.n > 1) {
        var $late { value = "big" }
      }
    }
    conditional {
      if ($input.n > 2) {
        var $twiceAgain { value = $input.n * 2 }
        array.push $out { value = $twiceAgain }
      }
      else {
        var $seen { value = $late }
      }
    }
  }
  response = { out: $out, late: $late, seen: $seen }
}`,
    );
  });

  it("is a const of its block; one read elsewhere keeps it a variable of the function", () => {
    assert.match(built.code, /\n {4}const twice = /);
    assert.match(built.code, /\n {4}const twiceAgain = /);
    assert.match(built.code, /let late: string \| null = null/);
    assert.match(built.code, /late = "big";/);
  });

  it("runs as before", async () => {
    assert.deepEqual(await built.run({ n: 3 }), { out: [3, 6, 9, 6], late: "big", seen: null });
    assert.deepEqual(await built.run({ n: 1 }), { out: [1, 2, 3], late: null, seen: null });
    assert.equal(built.typeErrors(), "");
  });
});

describe("a variable assigned in branches and read after them", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "branches",
      `function branches {
  input {
    int n
  }
  stack {
    conditional {
      if ($input.n > 1) {
        var $label { value = "big" }
        var $size { value = $input.n * 2 }
      }
      elseif ($input.n > 0) {
        var $label { value = "small" }
      }
    }
  }
  response = { label: $label, size: $size }
}`,
    );
  });

  it("is declared up front with the type of every assignment, or null", () => {
    assert.match(built.code, /let label: string \| null = null,\s+size: number \| null = null;/);
  });

  it("holds null where no branch assigned it", async () => {
    assert.deepEqual(await built.run({ n: 2 }), { label: "big", size: 4 });
    assert.deepEqual(await built.run({ n: 1 }), { label: "small", size: null });
    assert.deepEqual(await built.run({ n: 0 }), { label: null, size: null });
    assert.equal(built.typeErrors(), "");
  });
});

test("a variable set to null and later to text is declared `string | null`, and read as untyped", async () => {
  const built = await buildFunction(
    "maybe",
    `function maybe {
  input {
    int n
  }
  stack {
    var $message { value = null }
    conditional {
      if ($input.n > 1) {
        var $message { value = "big" }
      }
    }
    var $shout { value = $message|to_upper }
  }
  response = { message: $message, shout: $shout }
}`,
  );
  assert.match(built.code, /let message: string \| null = null;/);
  assert.deepEqual(await built.run({ n: 2 }), { message: "big", shout: "BIG" });
  assert.deepEqual(await built.run({ n: 1 }), { message: null, shout: "" });
  assert.equal(built.typeErrors(), "");
});
