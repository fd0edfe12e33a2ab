// The moo lexer: turns XanoScript text into significant tokens, with comments on a side channel.
import moo from "moo";
import type { Comment, Position, Span } from "../ast.js";

/**
 * Multi-character operators first: moo tries a rule's literals longest first,
 * so `==?` wins over `==` and `==` over `=`.
 */
const OPERATORS = [
  "```",
  "===",
  "!==",
  "==?",
  "!=?",
  "<=?",
  ">=?",
  "==",
  "!=",
  "<=",
  ">=",
  "<?",
  ">?",
  "&&",
  "||",
  "??",
  "..",
  "@>",
  "!~",
  "=>",
  "`",
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ":",
  ".",
  "|",
  "?",
  "=",
  "<",
  ">",
  "+",
  "-",
  "*",
  "/",
  "%",
  "~",
  "!",
  "&",
  "^",
  "@",
  ";",
];

const rules = {
  ws: /[ \t\r\f\v\u00a0\ufeff]+/,
  nl: { match: /\n/, lineBreaks: true },
  comment: /\/\/[^\n]*/,
  tstring: { match: /"""[^]*?"""/, lineBreaks: true },
  string: { match: /"(?:\\[^]|[^"\\])*"/, lineBreaks: true },
  sstring: { match: /'(?:\\[^]|[^'\\])*'/, lineBreaks: true },
  timestamp: /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/,
  number: /(?:\d+\.\d+|\d+)(?:[eE][+-]?\d+)?/,
  // A lone `$` occurs in real exports (`response = $`).
  variable: /\$\$|\$[A-Za-z_][A-Za-z0-9_]*|\$/,
  word: /[A-Za-z_][A-Za-z0-9_]*/,
  op: OPERATORS,
  invalid: { match: /[^]/, lineBreaks: true },
} as const;

export type TokenType = Exclude<keyof typeof rules, "ws" | "nl" | "comment">;

export interface Token {
  type: TokenType;
  /** The text as written. */
  text: string;
  offset: number;
  line: number;
  col: number;
  /** Where the token ends (exclusive). */
  end: Position;
  /** A line break (possibly with comments) separates this token from the previous one. */
  nlBefore: boolean;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
  /** The position just past the last character: where "end of input" is reported. */
  eof: Position;
}

const mooLexer = moo.compile(rules as unknown as moo.Rules);

function endOf(tok: moo.Token): Position {
  if (tok.lineBreaks === 0) {
    return { offset: tok.offset + tok.text.length, line: tok.line, col: tok.col + tok.text.length };
  }
  const lastBreak = tok.text.lastIndexOf("\n");
  return {
    offset: tok.offset + tok.text.length,
    line: tok.line + tok.lineBreaks,
    col: tok.text.length - lastBreak,
  };
}

export function spanOf(first: Token, last: Token): Span {
  return { start: { offset: first.offset, line: first.line, col: first.col }, end: last.end };
}

/** Lexes a whole file. Never throws: characters the language does not know become `invalid` tokens. */
export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const lexer = mooLexer.reset(text);
  let nlBefore = true;
  let last: moo.Token | undefined;
  for (let tok = lexer.next(); tok !== undefined; tok = lexer.next()) {
    last = tok;
    switch (tok.type) {
      case "ws":
        continue;
      case "nl":
        nlBefore = true;
        continue;
      case "comment": {
        const start = { offset: tok.offset, line: tok.line, col: tok.col };
        comments.push({ kind: "Comment", text: tok.text.slice(2), span: { start, end: endOf(tok) } });
        continue;
      }
      default:
        tokens.push({
          type: tok.type as TokenType,
          text: tok.text,
          offset: tok.offset,
          line: tok.line,
          col: tok.col,
          end: endOf(tok),
          nlBefore,
        });
        nlBefore = false;
    }
  }
  const eof = last ? endOf(last) : { offset: 0, line: 1, col: 1 };
  return { tokens, comments, eof };
}
