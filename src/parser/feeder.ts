// Feeds nearley the file's structure: words, strings, braces and line breaks, with every
// expression already parsed into a single token (see expression.ts for why).
import type { Expr, Property, StringLit } from "../ast.js";
import type { LexResult, Token } from "../lexer/lexer.js";
import { Cursor } from "./cursor.js";
import { ParseError } from "./errors.js";
import { parseExpression, parseFilterList, parseTarget, spanOf, unquote, join } from "./expression.js";

export type StructuralType = "word" | "string" | "expr" | "paren" | "op" | "nl" | "assign" | "props";

export interface StructuralToken {
  type: StructuralType;
  /** What nearley's literal rules ("if", "{") compare with; undefined for expressions. */
  text: string | undefined;
  value: string;
  /** The first source token: positions for nodes and errors. */
  source: Token;
  /** The last source token, for spans. */
  last: Token;
  /** For `expr`, `paren` and `assign`: the parsed expression; for `string`: the literal. */
  node?: Expr;
  /** For `assign` (`name = value`, one token so the chart parser sees one): the name. */
  name?: string;
  /** For `props`: a whole `{ name = value … }` block that holds only properties. */
  props?: Property[];
  string?: StringLit;
  offset: number;
  line: number;
  col: number;
}

const TYPES: ReadonlySet<string> = new Set<StructuralType>([
  "word",
  "string",
  "expr",
  "paren",
  "op",
  "nl",
  "assign",
  "props",
]);

/** Token types the grammar can name with `%type`; anything else is a custom matcher. */
export const structuralTypes = { has: (name: string): boolean => TYPES.has(name) };

/**
 * How deep `{ … }` blocks may nest. The grammar itself does not recurse, but every later stage
 * (and TypeScript checking the generated code) walks statements recursively; real code stays
 * far below this.
 */
export const MAX_BLOCK_DEPTH = 100;

export class Feeder {
  private readonly c: Cursor;
  private expressionNext = false;
  /** Whether the expression after `=` is a `filters=` list. */
  private filterListNext = false;
  /**
   * nearley replaces errors thrown by its lexer with its own message: the feeder keeps
   * its ParseError here so the parser can report it as it was.
   */
  error: ParseError | undefined;
  private lastType: StructuralType | "start" = "start";
  private lastText: string | undefined;
  // Where we are, to tell where one item ends when the next starts on the same line
  // (`{ url = "…" method = "GET" }`, `input { int page?=1  int per_page?=25 }`).
  private readonly blocks: ("block" | "fields")[] = [];
  private itemStarts = true;
  private itemIsProperty = false;
  private itemWords = 0;

  constructor(lexed: LexResult) {
    this.c = new Cursor(lexed.tokens, lexed.eof);
  }

  // nearley's lexer interface
  reset(): void {}
  save(): undefined {
    return undefined;
  }
  has(name: string): boolean {
    return TYPES.has(name);
  }
  formatError(_token: unknown, message: string): string {
    return message;
  }

  next(): StructuralToken | undefined {
    try {
      return this.advance();
    } catch (error) {
      if (error instanceof ParseError) this.error = error;
      throw error;
    }
  }

  private advance(): StructuralToken | undefined {
    const tok = this.c.peek();
    if (tok === undefined) return undefined;
    if (this.expressionNext) {
      this.expressionNext = false;
      const node = this.filterListNext ? parseFilterList(this.c) : parseExpression(this.c, "line");
      return this.emit("expr", undefined, tok, node);
    }
    if (this.lastType !== "start" && this.lastType !== "nl" && this.lastText !== "{" && tok.text !== "}") {
      if (tok.nlBefore || this.startsItemOnSameLine(tok)) return this.emit("nl", undefined, tok);
    }
    switch (tok.type) {
      case "word":
        return this.word(tok);
      case "string":
      case "sstring":
      case "tstring": {
        this.c.next();
        const t = this.emit("string", undefined, tok);
        t.string = unquote(tok);
        t.value = tok.text;
        return t;
      }
      case "variable":
      case "number":
      case "timestamp": {
        // After `as`, exports sometimes add filters: `} as $r|get:0`.
        const node = this.lastText === "as" ? parseExpression(this.c, "line") : parseTarget(this.c);
        return this.emit("expr", undefined, tok, node);
      }
      case "invalid":
        throw new ParseError(`unexpected character ${JSON.stringify(tok.text)}`, tok);
      case "op":
        return this.op(tok);
    }
  }

  /** Whether `tok`, on the line of the item before it, must begin a new item. */
  private startsItemOnSameLine(tok: Token): boolean {
    if (tok.type !== "word") return false;
    if (this.lastText === "}") return tok.text !== "as" && tok.text !== "break";
    const assigns = this.c.peek(1)?.text === "=";
    if (this.blocks[this.blocks.length - 1] === "fields") {
      if (assigns) return false;
      return (
        this.lastType === "expr" ||
        this.lastType === "assign" ||
        (this.itemWords >= 2 && (this.lastType === "word" || this.lastText === "?"))
      );
    }
    return (this.lastType === "assign" && this.itemIsProperty) || (this.lastType === "expr" && this.itemIsProperty);
  }

  private word(tok: Token): StructuralToken {
    this.c.next();
    const eq = this.c.peek();
    if (eq?.type === "op" && eq.text === "=") {
      // `name = value`: a property or a `key=value` attribute, fed to the grammar as one token.
      this.c.next();
      const next = this.c.peek();
      const filterList = tok.text === "filters" && (next?.type === "word" || next?.text === "!");
      const node = filterList ? parseFilterList(this.c) : parseExpression(this.c, "line");
      const t = this.emit("assign", undefined, tok, node);
      t.name = tok.text;
      return t;
    }
    // Statement names are dotted paths written without spaces: `db.query`, `math.bitwise.and`.
    let text = tok.text;
    while (this.glued(0, "op", ".") && this.glued(1, "word")) {
      this.c.next();
      text += `.${this.c.next().text}`;
    }
    const t = this.emit("word", text, tok);
    return t;
  }

  private glued(ahead: number, type: string, text?: string): boolean {
    const t = this.c.peek(ahead);
    const before = this.c.peek(ahead - 1);
    return (
      t !== undefined &&
      before !== undefined &&
      t.type === type &&
      (text === undefined || t.text === text) &&
      before.end.offset === t.offset
    );
  }

  private op(tok: Token): StructuralToken {
    if (tok.text === "{") {
      const props = this.propertiesBlock(tok);
      if (props !== undefined) return props;
    }
    if (tok.text === "(") {
      this.c.next();
      const node = parseExpression(this.c, "free");
      this.c.expect(")", `")" closing the "(" at ${tok.line}:${tok.col}`);
      return this.emit("paren", undefined, tok, node);
    }
    this.c.next();
    if (tok.text === "=") {
      this.expressionNext = true;
      const next = this.c.peek();
      this.filterListNext =
        this.lastType === "word" && this.lastText === "filters" && (next?.type === "word" || next?.text === "!");
    }
    return this.emit("op", tok.text, tok);
  }

  /**
   * `{ name = value … }` holding only properties, as most blocks do (`var $x { value = 1 }`),
   * becomes one token: the chart parser pays per token, this saves it three or more per block.
   * Anything else in the block (a statement, a field, an error) leaves it to the grammar.
   */
  private propertiesBlock(open: Token): StructuralToken | undefined {
    if (this.lastText === "input" || this.lastText === "schema") return undefined;
    const start = this.c.pos;
    this.c.next(); // "{"
    const props: Property[] = [];
    try {
      for (;;) {
        const tok = this.c.peek();
        if (tok === undefined) break;
        if (tok.type === "op" && tok.text === "}") {
          this.c.next();
          const t = this.emit("props", undefined, open);
          t.props = props;
          // What follows reads it as the end of a block (`} as $x`, a new item on the same line).
          this.lastText = "}";
          return t;
        }
        const eq = this.c.peek(1);
        if (tok.type !== "word" || eq?.type !== "op" || eq.text !== "=") break;
        this.c.next();
        this.c.next();
        const next = this.c.peek();
        const value =
          tok.text === "filters" && (next?.type === "word" || next?.text === "!")
            ? parseFilterList(this.c)
            : parseExpression(this.c, "line");
        props.push({ kind: "Property", name: tok.text, value, span: join(spanOf(tok), value.span), comments: [] });
      }
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      // The grammar's own path reports it, with its context.
    }
    this.c.pos = start;
    return undefined;
  }

  private emit(type: StructuralType, text: string | undefined, source: Token, node?: Expr): StructuralToken {
    if (type === "nl") {
      this.itemStarts = true;
    } else {
      if (this.itemStarts) {
        this.itemStarts = false;
        this.itemIsProperty = type === "assign";
        this.itemWords = 0;
      }
      if (type === "word") this.itemWords++;
      if (text === "{") {
        if (this.blocks.length >= MAX_BLOCK_DEPTH) {
          throw new ParseError(
            `blocks nested too deeply (more than ${MAX_BLOCK_DEPTH} levels of { }); move the inner part into a function`,
            source,
          );
        }
        this.blocks.push(this.lastText === "input" || this.lastText === "schema" ? "fields" : "block");
        this.itemStarts = true;
      } else if (text === "}") {
        this.blocks.pop();
      }
    }
    this.lastType = type;
    this.lastText = text;
    const last = type === "nl" ? source : this.c.previous();
    const t: StructuralToken = {
      type,
      text,
      value: text ?? type,
      source,
      last,
      offset: source.offset,
      line: source.line,
      col: source.col,
    };
    if (node) t.node = node;
    return t;
  }
}

export function tokenSpan(t: StructuralToken) {
  return join(spanOf(t.source), spanOf(t.last));
}
