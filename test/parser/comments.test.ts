// Comments and blank lines above the statements of a stack: attached, detached by a blank line,
// and the blank lines themselves (the source's paragraphs, kept in the generated code).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { BlockItem } from "../../src/ast.ts";
import { parse } from "../../src/parser/parse.ts";

function stackItems(text: string): BlockItem[] {
  const stack = parse(text).construct.body.find((i) => i.kind === "CallStatement" && i.name === "stack");
  assert.ok(stack?.kind === "CallStatement" && stack.body);
  return stack.body;
}

const source = `function f {
  stack {

    var $a { value = 1 }
    var $b { value = 2 }


    var $c { value = 3 }
    // on d
    var $d { value = 4 }

    // a paragraph's note

    // on e
    var $e { value = 5 }
    // a note

    var $f { value = 6 }
  }
}`;

test("a blank line above a statement or its comments is noted, once however many", () => {
  const [a, b, c, d, e, f] = stackItems(source);
  assert.equal(a?.blankLineBefore, true);
  assert.equal(b?.blankLineBefore, undefined);
  assert.equal(c?.blankLineBefore, true);
  assert.equal(d?.blankLineBefore, undefined);
  assert.equal(e?.blankLineBefore, true);
  assert.equal(f?.blankLineBefore, undefined);
});

test("comments right above a statement are its own; a run cut off by a blank line is detached", () => {
  const [, , c, d, e, f] = stackItems(source);
  const texts = (list: { text: string }[] | undefined): string[] | undefined => list?.map((x) => x.text.trim());
  assert.deepEqual(texts(c?.comments), []);
  assert.deepEqual(texts(d?.comments), ["on d"]);
  assert.equal(d?.detachedComments, undefined);
  assert.deepEqual(texts(e?.comments), ["on e"]);
  assert.deepEqual(texts(e?.detachedComments), ["a paragraph's note"]);
  assert.deepEqual(texts(f?.comments), []);
  assert.deepEqual(texts(f?.detachedComments), ["a note"]);
});

test("comments after the last statement of a block are that statement's trailing comments", () => {
  const items = stackItems(`function f {
  stack {
    conditional {
      if (true) {
        var $a { value = 1 }
        // after a, in the if

        // still in the if
      }
    }
    var $b { value = 2 }
    // after b, at the end of the stack
  }
}`);
  const texts = (list: { text: string }[] | undefined): string[] | undefined => list?.map((x) => x.text.trim());
  const [conditional, b] = items;
  assert.ok(conditional?.kind === "Conditional");
  const a = conditional.clauses[0]?.body[0];
  assert.deepEqual(texts(a?.trailingComments), ["after a, in the if", "still in the if"]);
  assert.deepEqual(texts(b?.trailingComments), ["after b, at the end of the stack"]);
  assert.equal(conditional.trailingComments, undefined);
});
