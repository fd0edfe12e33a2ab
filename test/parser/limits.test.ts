// Deep input: nesting past the limits is a positioned error, never a stack overflow.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { main } from "../../src/cli/main.ts";
import { ParseError } from "../../src/parser/errors.ts";
import { parseErrorOf } from "./parse-error.ts";
import { MAX_EXPRESSION_DEPTH } from "../../src/parser/expression.ts";
import { MAX_BLOCK_DEPTH } from "../../src/parser/feeder.ts";
import { parse } from "../../src/parser/parse.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-limits-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A function whose stack sets `$x` to `value`, on line 4. */
function withValue(value: string): string {
  return `function deep {\n  stack {\n    var $x {\n      value = ${value}\n    }\n  }\n  response = $x\n}\n`;
}

test("2,000 nested parentheses: an error at the one past the limit", () => {
  const error = parseErrorOf(withValue(`${"(".repeat(2000)}1${")".repeat(2000)}`));
  assert.match(error.message, /expression nested too deeply \(more than 200 levels/);
  assert.equal(error.position.line, 4);
  // `value = ` ends at column 14; the first 200 "(" open the allowed levels.
  assert.equal(error.position.col, 15 + MAX_EXPRESSION_DEPTH);
});

test("nesting just inside the limits parses", () => {
  const depth = MAX_EXPRESSION_DEPTH - 10;
  parse(withValue(`${"(".repeat(depth)}1${")".repeat(depth)}`));
  parse(withValue(`${"[".repeat(depth)}1${"]".repeat(depth)}`));
  parse(withValue(Array.from({ length: depth }, (_, i) => `"a${i}"`).join(" ~ ")));
  const conditionals = MAX_BLOCK_DEPTH / 2 - 2; // the function's and the stack's braces count too
  parse(nestedConditionals(conditionals));
});

test("chains as long as the limit is deep are errors too: each link nests the tree one level", () => {
  for (const value of [
    Array.from({ length: 2500 }, (_, i) => `"a${i}"`).join(" ~ "),
    `1${"|add:1".repeat(2500)}`,
    `$x${".a".repeat(2500)}`,
    `${"!".repeat(2500)}true`,
    `${"{a: ".repeat(2500)}1${"}".repeat(2500)}`,
  ]) {
    const error = parseErrorOf(withValue(value));
    assert.match(error.message, /nested too deeply/, value.slice(0, 20));
    assert.equal(error.position.line, 4);
  }
});

function nestedConditionals(n: number): string {
  const open = "    conditional {\n      if (true) {\n".repeat(n);
  const close = "      }\n    }\n".repeat(n);
  return `function deep {\n  stack {\n${open}        var $x { value = 1 }\n${close}  }\n  response = 1\n}\n`;
}

test("blocks nested past the limit: an error at the first brace too many", () => {
  const error = parseErrorOf(nestedConditionals(300));
  assert.match(error.message, /blocks nested too deeply \(more than 100 levels/);
  // Lines 1-2 open two blocks; each conditional line and each if line opens one more.
  assert.equal(error.position.line, 2 + MAX_BLOCK_DEPTH - 1);
  assert.equal(error.position.col, 17);
});

test("xs2ts build of a 2,500-term ~ chain: file:line:col and exit 1, no RangeError", async () => {
  const workspace = join(scratch, "tilde");
  mkdirSync(join(workspace, "functions"), { recursive: true });
  writeFileSync(
    join(workspace, "functions/deep.xs"),
    withValue(Array.from({ length: 2500 }, (_, i) => `"a${i}"`).join(" ~ ")),
  );
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["build", workspace, "--out", join(scratch, "tilde-out")], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    color: false,
  });
  assert.equal(code, 1);
  assert.match(err.join("\n"), /functions\/deep\.xs:4:\d+: error: expression nested too deeply/);
  assert.doesNotMatch(err.join("\n"), /RangeError|\n\s+at /);
});

test("any nesting of brackets and operators, however deep, parses or ends in a ParseError", () => {
  const wrappers: [string, string][] = [
    ["(", ")"],
    ["[", "]"],
    ["{a: ", "}"],
    ["-", ""],
    ["!", ""],
    ["` ", " `"],
    ["", " ~ 1"],
    ["", "|add:1"],
    ["", ".b"],
    ["f(", ")"],
  ];
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: wrappers.length - 1 }), { maxLength: 3000 }), (picks) => {
      let value = "1";
      for (const i of picks) value = `${wrappers[i]![0]}${value}${wrappers[i]![1]}`;
      try {
        parse(withValue(value));
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        assert.match(error.message, /nested too deeply/);
      }
    }),
    { numRuns: 200 },
  );
});
