// The ParseError a text must end in (any other outcome fails the test).
import { strict as assert } from "node:assert";
import { ParseError } from "../../src/parser/errors.ts";
import { parse } from "../../src/parser/parse.ts";

export function parseErrorOf(text: string, path = "f.xs"): ParseError {
  try {
    parse(text, path);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  assert.fail("expected a ParseError");
}
