// A read position over the lexed tokens, shared by the expression parser and the structural feeder.
import type { Position } from "../ast.js";
import type { Token } from "../lexer/lexer.js";
import { ParseError } from "./errors.js";

export class Cursor {
  pos = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly eof: Position,
  ) {}

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  next(): Token {
    const tok = this.tokens[this.pos];
    if (tok === undefined) throw new ParseError("unexpected end of input", this.eof);
    this.pos++;
    return tok;
  }

  /** The last token consumed: where a node that ends here ends. */
  previous(): Token {
    return this.tokens[this.pos - 1]!;
  }

  /** True when the next token is the operator or word `text`. */
  at(text: string): boolean {
    const tok = this.tokens[this.pos];
    return tok !== undefined && tok.text === text && (tok.type === "op" || tok.type === "word");
  }

  expect(text: string, what?: string): Token {
    const tok = this.peek();
    if (tok === undefined || tok.text !== text || (tok.type !== "op" && tok.type !== "word")) {
      throw this.unexpected(what ?? `"${text}"`);
    }
    return this.next();
  }

  /** An error at the next token: "expected X, found Y". */
  unexpected(expected: string): ParseError {
    const tok = this.peek();
    if (tok === undefined) return new ParseError(`expected ${expected}, found end of input`, this.eof);
    return new ParseError(`expected ${expected}, found ${describeToken(tok)}`, tok);
  }
}

export function describeToken(tok: Token): string {
  switch (tok.type) {
    case "string":
    case "sstring":
      return `string ${truncate(tok.text)}`;
    case "tstring":
      return "triple-quoted string";
    case "number":
      return `number ${tok.text}`;
    case "timestamp":
      return `timestamp ${tok.text}`;
    case "variable":
      return `variable ${tok.text}`;
    case "word":
      return `"${tok.text}"`;
    case "invalid":
      return `unexpected character ${JSON.stringify(tok.text)}`;
    default:
      return `"${tok.text}"`;
  }
}

function truncate(text: string): string {
  return text.length > 30 ? `${text.slice(0, 27)}…` : text;
}
