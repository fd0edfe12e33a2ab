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

// Filters over a literal fold into the one literal they give; each folded form is run and
// compared with what the filters give, and the forms that must not fold are run too.
describe("filters over literals folded", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "folds",
      `function folds {
  input {
    int n
    text name?
    text tag?
  }
  stack {
    var $built { value = {}|set:"a":$input.n|set:"b":"x"|set:"c":[1] }
    var $onto { value = {z: 1}|set:"a":2 }
    var $dotted { value = {}|set:"a.b":1 }
    var $again { value = {a: 1, b: 2}|set:"a":3 }
    var $headers { value = []|push:"a"|push:$input.name|append:"c" }
    var $merged { value = [1]|merge:[2, 3] }
    var $half { value = $input.n / 2 }
    var $rest { value = $input.n % 4 }
    var $both { value = 0 }
    var $either { value = 0 }
    conditional {
      if ($input.name && $input.n > 1) {
        var.update $both { value = 1 }
      }
    }
    conditional {
      if ($input.name || $input.tag) {
        var.update $either { value = 1 }
      }
    }
  }
  response = {
    built: $built
    onto: $onto
    dotted: $dotted
    again: $again
    headers: $headers
    merged: $merged
    half: $half
    rest: $rest
    both: $both
    either: $either
  }
}`,
    );
  });

  it("writes one literal where the filters give exactly that literal, and only there", () => {
    assert.match(built.code, /\{ a: input\.n, b: "x", c: \[1\] \}/);
    assert.match(built.code, /\{ z: 1, a: 2 \}/);
    // A dotted key is a path to |set; an existing key is replaced where it stands.
    assert.match(built.code, /set\(\{\}, "a\.b", 1\)/);
    assert.match(built.code, /set\(\{ a: 1, b: 2 \}, "a", 3\)/);
    assert.match(built.code, /\["a", input\.name, "c"\]/);
    assert.match(built.code, /\[1, 2, 3\]/);
    assert.match(built.code, /input\.n \/ 2/);
    assert.match(built.code, /modulo\(input\.n, 4\)/);
    assert.match(built.code, /if \(isTruthy\(input\.name\) && input\.n > 1\)/);
    assert.match(built.code, /if \(isTruthy\(input\.name\) \|\| isTruthy\(input\.tag\)\)/);
    assert.doesNotMatch(built.code, /\band\(|\bor\(/);
  });

  it("gives what the filters give", async () => {
    const result = (await built.run({ n: 5, name: "Ada" })) as Record<string, unknown>;
    assert.deepEqual(result, {
      built: { a: 5, b: "x", c: [1] },
      onto: { z: 1, a: 2 },
      dotted: { a: { b: 1 } },
      again: { a: 3, b: 2 },
      headers: ["a", "Ada", "c"],
      merged: [1, 2, 3],
      half: 2.5,
      rest: 1,
      both: 1,
      either: 1,
    });
    assert.deepEqual(Object.keys(result.again as object), ["a", "b"]);
    const empty = (await built.run({ n: 5, name: "", tag: "" })) as Record<string, unknown>;
    assert.equal(empty.both, 0);
    assert.equal(empty.either, 0);
    const tagged = (await built.run({ n: 1, name: "Ada", tag: null })) as Record<string, unknown>;
    assert.equal(tagged.both, 0);
    assert.equal(tagged.either, 1);
    assert.equal(built.typeErrors(), "");
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

describe("the source's paragraphs", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "paragraphs",
      `function paragraphs {
  input {
    int n
  }
  stack {
    var $a { value = $input.n }
    var $b { value = $a + 1 }


    // the second paragraph

    // doubles it
    var $c { value = $b * 2 }
    conditional {
      if ($c > 10) {
        var $c { value = 10 }

        var $c { value = $c + 1 }
        // capped at 11
      }
    }
    // $c is the answer
  }
  response = $c
}`,
    );
  });

  it("keeps one blank line where the stack had blank lines, and a detached comment above its paragraph", () => {
    const body = built.code.slice(built.code.indexOf("const a"));
    assert.match(
      body,
      /const a = [^\n]+\n {2}const b = [^\n]+\n\n {2}\/\/ the second paragraph\n\n {2}\/\/ doubles it\n {2}let c[^\n]+\n {2}if/,
    );
    assert.match(body, /c = 10;\n\n {4}c = c \+ 1;/);
  });

  it("keeps the comments after the last statement of a block, at its end", () => {
    const body = built.code.slice(built.code.indexOf("const a"));
    // (The printer leaves a blank line after a closing brace at the top level of a body.)
    assert.match(body, /c = c \+ 1;\n {4}\/\/ capped at 11\n {2}\}\n\n {2}\/\/ \$c is the answer\n {2}return c;/);
  });

  it("runs as before", async () => {
    assert.equal(await built.run({ n: 2 }), 6);
    assert.equal(await built.run({ n: 9 }), 11);
    assert.equal(built.typeErrors(), "");
  });
});

describe("an optional bool input tested as it is", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "flagged",
      `function flagged {
  input {
    bool flag?
    bool other?=null
  }
  stack {
    var $out { value = "off" }
    conditional {
      if ($input.flag) {
        var $out { value = "on" }
      }
    }
    conditional {
      if (!$input.other) {
        var $out { value = $out ~ "+not other" }
      }
    }
  }
  response = $out
}`,
    );
  });

  it("needs no isTruthy: a boolean or null is its own truth", () => {
    assert.match(built.code, /if \(input\.flag\) \{/);
    assert.match(built.code, /if \(!input\.other\) \{/);
    assert.doesNotMatch(built.code, /isTruthy/);
  });

  it("gives what isTruthy gave, for true, false, null and no value", async () => {
    assert.equal(await built.run({ flag: true, other: true }), "on");
    assert.equal(await built.run({ flag: false, other: false }), "off+not other");
    assert.equal(await built.run({ flag: null, other: null }), "off+not other");
    assert.equal(await built.run({}), "off+not other");
    assert.equal(await built.run({ flag: "true" }), "on+not other");
    assert.equal(built.typeErrors(), "");
  });
});

describe("comments inside a statement or an empty block", () => {
  let built: Built;
  before(async () => {
    built = await buildFunction(
      "inner_comments",
      `function inner_comments {
  input {
    // how many to start from
    int n
  }
  stack {
    var $c {
      // the input, as given
      value = $input.n
    }
    conditional {
      if ($c > 10) {
        // nothing to do yet
      }
    }
    try_catch {
      try {
        var $c { value = $c + 1 }
      }
      catch {
        // errors are ignored here
      }
    }
  }
  response = $c
}`,
    );
  });

  it("writes an input field's comment above its entry", () => {
    assert.match(built.code, /\/\/ how many to start from\n\s*\{ name: "n", type: "int" \}/);
  });

  it("writes a property's comment above its statement, and an empty block's inside it", () => {
    assert.match(built.code, /\/\/ the input, as given\n {2}let c[^\n]*= input\.n;/);
    assert.match(built.code, /if \(c > 10\) \{\n {4}\/\/ nothing to do yet\n {2}\}/);
    assert.match(built.code, /catch \(caught\) \{\n[^\n]*errorValue[^\n]*\n {4}\/\/ errors are ignored here\n {2}\}/);
  });

  it("runs as before", async () => {
    assert.equal(await built.run({ n: 2 }), 3);
    assert.equal(built.typeErrors(), "");
  });
});
