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

describe("`~` as a template literal", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "joined",
      `function joined {
  input {
    text name
    int n
  }
  stack {
    var $greeting { value = "hi \`\${" ~ $input.name ~ "\\\\" }
    var $url { value = $env.XS2TS_TEMPLATE_BASE ~ "/prices" }
    var $counted { value = "n=" ~ $input.n }
  }
  response = { greeting: $greeting, url: $url, counted: $counted }
}`,
    );
  });

  it("joins known text in a template literal and leaves numbers to the helper", () => {
    assert.match(built.code, /`hi \\`\\\$\{\$\{input\.name\}\\\\`/);
    assert.match(built.code, /`\$\{env\.XS2TS_TEMPLATE_BASE \?\? ""\}\/prices`/);
    assert.match(built.code, /concat\("n=", input\.n\)/);
  });

  it("gives what Xano gives, an unset variable reading as empty text", async () => {
    delete process.env.XS2TS_TEMPLATE_BASE;
    assert.deepEqual(await built.run({ name: "Ada", n: 3 }), {
      greeting: "hi `${Ada\\",
      url: "/prices",
      counted: "n=3",
    });
    assert.equal(built.typeErrors(), "");
  });
});

// Found by test/emit/escaping-property.test.ts: a line break inside a template literal was
// written raw and did not survive the printing of the module ("\n" ~ "\n" gave one "\n").
describe("line breaks joined in a template literal", () => {
  it("come out exactly", async () => {
    const built = await buildFunction(
      "breaks",
      `function breaks {
  input {
    text name
  }
  stack {
    var $two { value = "\n" ~ "\n" }
    var $around { value = "\n" ~ $input.name ~ "\r\n" }
  }
  response = { two: $two, around: $around }
}`,
    );
    assert.deepEqual(await built.run({ name: "Ada" }), { two: "\n\n", around: "\nAda\r\n" });
  });
});

it("a JSDoc line longer than the print width is wrapped at spaces; a short one stays on one line", async () => {
  const { docs, PRINT_WIDTH } = await import("../../src/emit/core/module-text.ts");
  const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
  const [wrapped] = docs([long, "a second line"]);
  const lines = wrapped!.description.split("\n");
  assert.ok(lines.length > 2);
  for (const line of lines) assert.ok(` * ${line}`.length <= PRINT_WIDTH, line);
  assert.equal(lines.join(" "), `${long} a second line`);
  // Indented (a row type's property): narrower.
  for (const line of docs([long], 2)[0]!.description.split("\n")) assert.ok(`   * ${line}`.length <= PRINT_WIDTH);
  // A word longer than the width is kept whole.
  const url = `https://example.com/${"x".repeat(120)}`;
  assert.deepEqual(docs([`see ${url}`])[0]!.description.split("\n"), ["see", url]);
  assert.deepEqual(docs(["short"]), [{ description: "short" }]);
  // One line that fits after ` * ` but not inside `/** … */`: the block form.
  const ninetyFour = "x".repeat(94);
  assert.deepEqual(docs([ninetyFour]), [{ description: `\n${ninetyFour}` }]);
  // A bracketed placeholder is never cut.
  const marker = "[credential removed: read from the environment variable STRIPE_SECRET]";
  const withMarker = docs([`${"a ".repeat(40)}${marker} rotated`])[0]!.description;
  assert.ok(withMarker.split("\n").includes(`${marker} rotated`), withMarker);
});
