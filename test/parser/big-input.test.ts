// Big input: a function with a long stack parses whole. Its speed and memory are measured by
// `npm run bench:parse`; this only shows that a multi-MB stack completes (it ran out of memory).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { CallStatement } from "../../src/ast.ts";
import { parse } from "../../src/parser/parse.ts";
import { longFunction } from "./long-function.ts";

test("a function with a stack of several MB parses, every statement kept in order", () => {
  const { text, statements } = longFunction(3_000_000);
  const file = parse(text, "long.xs");
  const stack = file.construct.body.find(
    (item): item is CallStatement => item.kind === "CallStatement" && item.name === "stack",
  )!;
  assert.equal(stack.body!.length, statements);
  // The text ends `    }⏎  }⏎⏎  response = $list⏎}⏎`: the last statement ends 4 lines before the last.
  assert.equal(stack.body!.at(-1)!.span.end.line, text.split("\n").length - 5);
});
