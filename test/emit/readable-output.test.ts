// The generated code reads as a person would write it (issue 12, "generated code noise"):
// each form is checked in the emitted text AND by running the function, so a shorter form that
// changed the result fails here.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { buildFunction, type Built } from "./helpers.ts";

describe("shorthand properties", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "shorthand",
      `function shorthand {
  input {
    text name
  }
  stack {
    var $greeting { value = "hi " ~ $input.name }
    var $count { value = 2 }
  }
  response = {
    greeting: $greeting
    count: $count
    "a b": $greeting
    "true": $count
    __proto__: $count
    renamed: $count
  }
}`,
    );
  });

  it("uses `{ greeting }` where the key is the variable's name, and only there", () => {
    assert.match(built.code, /\{ greeting, count, /);
    assert.match(built.code, /"a b": greeting/);
    assert.match(built.code, /\["__proto__"\]: count/);
    assert.match(built.code, /renamed: count/);
  });

  it("keeps every key and value", async () => {
    const result = (await built.run({ name: "Ada" })) as Record<string, unknown>;
    assert.deepEqual(Object.keys(result), ["greeting", "count", "a b", "true", "__proto__", "renamed"]);
    assert.equal(result.greeting, "hi Ada");
    assert.equal(result["__proto__"], 2);
    assert.equal(result.true, 2);
    assert.equal(built.typeErrors(), "");
  });
});
