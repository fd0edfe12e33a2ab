// Which "{" was left open. A missing "}" shows only later, where the parser finds a statement
// where it wanted a "}" or reaches the end of the file; the useful place to report is the
// brace that was never closed. Indentation tells which one it is, as it tells a reader.
import type { Token } from "../lexer/lexer.js";
import { ParseError } from "./errors.js";

interface Open {
  brace: Token;
  /** The column where the brace's line starts: where its closing "}" is expected. */
  indent: number;
}

/**
 * The error to report instead of `error` when the file opens more braces than it closes: at the
 * first "{" whose block ends (by indentation) before its "}" comes, or else at the innermost
 * one still open at the end. Undefined when the braces balance or the open brace comes after
 * `error`, which then stands on its own.
 */
export function unclosedBrace(tokens: readonly Token[], error: ParseError): ParseError | undefined {
  const braces = tokens.filter((t) => t.type === "op" && (t.text === "{" || t.text === "}"));
  const opens = braces.filter((t) => t.text === "{").length;
  if (opens <= braces.length - opens) return undefined;
  const stack: Open[] = [];
  let indent = 1;
  for (const tok of tokens) {
    if (tok.nlBefore) indent = tok.col;
    if (tok.type !== "op") continue;
    if (tok.text === "{") {
      stack.push({ brace: tok, indent });
    } else if (tok.text === "}") {
      const top = stack[stack.length - 1];
      if (top !== undefined && tok.nlBefore && top.indent > tok.col) {
        return before(
          error,
          top.brace,
          `block not closed: expected "}" to close this "{" before the "}" at ${tok.line}:${tok.col}, which is indented as the block around it`,
        );
      }
      stack.pop();
    }
  }
  const innermost = stack[stack.length - 1];
  return (
    innermost &&
    before(error, innermost.brace, `block not closed: expected "}" to close this "{" before the end of the file`)
  );
}

function before(error: ParseError, brace: Token, message: string): ParseError | undefined {
  return brace.offset <= error.position.offset ? new ParseError(message, brace) : undefined;
}
