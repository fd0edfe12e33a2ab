// Parsing pieces of XanoScript as documentation shows them: several definitions, a few
// statements, or expressions one per line.
import type { BlockItem, Construct, Expr, FieldsItem, SourceFile } from "../ast.js";
import { lex } from "../lexer/lexer.js";
import { Cursor } from "./cursor.js";
import { ParseError } from "./errors.js";
import { parseExpression } from "./expression.js";
import { parse, parseAs } from "./parse.js";

export type Fragment =
  | { kind: "file"; file: SourceFile }
  | { kind: "constructs"; constructs: Construct[] }
  | { kind: "items"; items: BlockItem[] }
  | { kind: "fields"; fields: FieldsItem[] }
  | { kind: "chunks"; chunks: Fragment[] }
  | { kind: "expressions"; expressions: Expr[] };

/** Tries each reading in turn; when none fits, reports the error that got furthest. */
export function parseFragment(text: string, path = "<fragment>"): Fragment {
  const attempts: (() => Fragment)[] = [
    () => ({ kind: "file", file: parse(text, path) }),
    () => ({ kind: "constructs", constructs: parseAs<Construct[]>("constructs", lex(text), path) }),
    () => ({ kind: "items", items: parseAs<BlockItem[]>("items", lex(text), path) }),
    () => ({ kind: "fields", fields: parseAs<FieldsItem[]>("fields", lex(text), path) }),
    () => ({ kind: "expressions", expressions: parseExpressionLines(text) }),
    () => ({ kind: "chunks", chunks: parseChunks(text, path) }),
  ];
  let furthest: ParseError | undefined;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      if (furthest === undefined || error.position.offset > furthest.position.offset) furthest = error;
    }
  }
  throw furthest!;
}

/** Examples that mix readings, one per paragraph: each paragraph on its own. */
function parseChunks(text: string, path: string): Fragment[] {
  const lines = text.split("\n");
  const chunks: Fragment[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i]!.trim() !== "") continue;
    const chunk = lines.slice(start, i).join("\n");
    if (chunk.trim() !== "" && i - start < lines.length) {
      try {
        chunks.push(parseFragment(chunk, path));
      } catch (error) {
        // Report positions in the whole text, not the paragraph.
        if (error instanceof ParseError) {
          const offset = lines.slice(0, start).join("\n").length + (start > 0 ? 1 : 0);
          const p = error.position;
          throw new ParseError(error.message, { offset: p.offset + offset, line: p.line + start, col: p.col });
        }
        throw error;
      }
    } else if (chunk.trim() !== "") {
      throw new ParseError("no reading fits", { offset: 0, line: 1, col: 1 });
    }
    start = i + 1;
  }
  return chunks;
}

function parseExpressionLines(text: string): Expr[] {
  const lexed = lex(text);
  const cursor = new Cursor(lexed.tokens, lexed.eof);
  const expressions: Expr[] = [];
  while (cursor.peek() !== undefined) {
    if (expressions.length > 0 && !cursor.peek()!.nlBefore) throw cursor.unexpected("a line break");
    expressions.push(parseExpression(cursor, "line"));
  }
  return expressions;
}
