// Text in, AST out: the moo lexer, the structural feeder and the nearley grammar together.
import nearley from "nearley";
import type { Comment, SourceFile } from "../ast.js";
import { lex, type LexResult } from "../lexer/lexer.js";
import { toArray, type ListCell } from "./builders.js";
import { attachComments } from "./comments.js";
import { ParseError } from "./errors.js";
import { Feeder, type StructuralToken } from "./feeder.js";
import compiledGrammar from "./grammar/compiled.js";
import { describeToken } from "./cursor.js";
import { unclosedBrace } from "./unclosed.js";

const grammar = nearley.Grammar.fromCompiled(compiledGrammar);
const startSymbols = {
  file: grammar,
  constructs: nearley.Grammar.fromCompiled({ ...compiledGrammar, ParserStart: "constructs" }),
  items: nearley.Grammar.fromCompiled({ ...compiledGrammar, ParserStart: "items" }),
  fields: nearley.Grammar.fromCompiled({ ...compiledGrammar, ParserStart: "fieldLines" }),
};
export type StartSymbol = keyof typeof startSymbols;
/** Start symbols that end in a list: the grammar builds it as cells (see builders.ts). */
const listResults: ReadonlySet<StartSymbol> = new Set(["constructs", "items", "fields"]);

/** The parts of nearley's chart that error messages read (not in its type definitions). */
interface ChartParser {
  table: { states: { rule: { symbols: unknown[] }; dot: number }[] }[];
}

/** Parses one `.xs` file; throws a ParseError with a position on invalid input. */
export function parse(text: string, path = "<input>"): SourceFile {
  const lexed = lex(text);
  const file = parseAs<SourceFile>("file", lexed, path);
  file.path = path;
  file.comments = lexed.comments;
  attachComments(file, lexed.comments, text);
  return file;
}

/** Runs the grammar from one of its start symbols over lexed text; exactly one result or an error. */
export function parseAs<T>(start: StartSymbol, lexed: LexResult, path = "<input>"): T {
  const feeder = new Feeder(lexed);
  const parser = new nearley.Parser(startSymbols[start]);
  // The feeder holds this parse's position: give each parse its own rather than share the grammar's.
  (parser as unknown as { lexer: Feeder }).lexer = feeder;
  try {
    parser.feed("");
  } catch (error) {
    throw reported(feeder.error ?? asParseError(error, parser), lexed);
  }
  const results = parser.results as T[];
  if (results.length === 0) {
    const expected = expectedAt(parser, (parser as unknown as ChartParser).table.length - 1);
    throw reported(
      new ParseError(
        lexed.tokens.length === 0
          ? "expected a definition (task, function, table, query, …), found an empty file"
          : `unexpected end of input${expected ? `; expected ${expected}` : ""}`,
        lexed.eof,
      ),
      lexed,
    );
  }
  if (results.length > 1) {
    // The grammar is meant to be unambiguous; tests assert it over the corpus.
    throw new Error(`internal error: ${results.length} parses for ${path}; please report this file`);
  }
  return (listResults.has(start) ? toArray(results[0] as ListCell | null) : results[0]) as T;
}

/** How many parses the grammar finds: 1 for every valid file (used by the ambiguity test). */
export function countParses(text: string): number {
  const parser = new nearley.Parser(grammar);
  (parser as unknown as { lexer: Feeder }).lexer = new Feeder(lex(text));
  parser.feed("");
  return parser.results.length;
}

/** A missing "}" is reported at the "{" it should close rather than where the parse failed. */
function reported(error: Error, lexed: LexResult): Error {
  return error instanceof ParseError ? (unclosedBrace(lexed.tokens, error) ?? error) : error;
}

function asParseError(error: unknown, parser: nearley.Parser): Error {
  if (error instanceof ParseError) return error;
  const token = (error as { token?: StructuralToken }).token;
  if (token === undefined) return error as Error;
  const expected = expectedAt(parser, (parser as unknown as ChartParser).table.length - 2);
  const found =
    token.type === "nl"
      ? "a line break"
      : token.type === "expr" || token.type === "paren"
        ? "an expression"
        : describeToken(token.source);
  const hint = token.type === "op" && token.text === "=" ? " (properties are written name = value, one per line)" : "";
  return new ParseError(`unexpected ${found}${expected ? `; expected ${expected}` : ""}${hint}`, token.source);
}

/** Names what the grammar could have accepted at a chart column, for error messages. */
function expectedAt(parser: nearley.Parser, column: number): string {
  const states = (parser as unknown as ChartParser).table[column]?.states ?? [];
  const names = new Set<string>();
  for (const state of states) {
    const symbol = state.rule.symbols[state.dot];
    if (symbol === undefined || typeof symbol === "string") continue;
    names.add(describeSymbol(symbol as { literal?: string; type?: string; test?: unknown }));
  }
  const list = [...names].sort();
  if (list.length === 0) return "";
  return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

function describeSymbol(symbol: { literal?: string; type?: string; test?: unknown }): string {
  if (symbol.literal !== undefined) return `"${symbol.literal}"`;
  switch (symbol.type) {
    case "nl":
      return "a line break";
    case "expr":
      return "a value";
    case "paren":
      return "a condition in ( )";
    case "string":
      return "a string";
    case "word":
      return "a name";
  }
  return "a statement";
}

export type { Comment };
