// A missing "}" is reported at the "{" it should close, with "}" among what was expected.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { main } from "../../src/cli/main.ts";
import { parseErrorOf } from "./parse-error.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-unclosed-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const missingIfBrace = [
  "function f {",
  "  stack {",
  "    conditional {",
  "      if ($input.a > 1) {",
  "        var $x { value = 1 }",
  "    }",
  "    var $y { value = 2 }",
  "  }",
  "  response = $y",
  "}",
  "",
].join("\n");

test("xs2ts parse: a block left open inside others is reported at its opening brace", async () => {
  const file = join(scratch, "open-if.xs");
  writeFileSync(file, missingIfBrace);
  const err: string[] = [];
  const code = await main(["parse", file], { out: () => {}, err: (l) => err.push(l), color: false });
  assert.equal(code, 1);
  const text = err.join("\n");
  assert.match(
    text,
    /open-if\.xs:4:25: error: block not closed: expected "}" to close this "\{" before the "}" at 6:5/,
  );
  assert.match(text, /> 4 \| {7}if \(\$input\.a > 1\) \{\n\s+\|\s+\^/);
});

test("a block left open at the end of the file is reported at its opening brace", () => {
  const error = parseErrorOf("function f {\n  stack {\n    var $x {\n      value = 1\n  }\n  response = $x\n");
  assert.deepEqual([error.position.line, error.position.col], [3, 12]);
  assert.match(error.message, /expected "}"/);
});

test("on one line, without indentation to go by: the innermost brace still open", () => {
  const error = parseErrorOf("function f { stack { var $x { value = 1 } }");
  assert.deepEqual([error.position.line, error.position.col], [1, 12]);
  assert.match(error.message, /expected "}" to close this "\{" before the end of the file/);
});

test("other errors, and braces that balance, keep their own message and place", () => {
  const extraValue = parseErrorOf("function f {\n  stack {\n    var $x { value = 1 + }\n  }\n}\n");
  assert.doesNotMatch(extraValue.message, /block not closed/);
  assert.equal(extraValue.position.line, 3);
  // An error before the open brace is the one to fix first.
  const early = parseErrorOf("function f {\n  stack {\n    var $x { value = (1 }\n    conditional {\n  }\n}\n");
  assert.equal(early.position.line, 3);
});
