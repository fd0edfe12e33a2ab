// Expressions: a precedence-climbing parser over the lexed tokens.
//
// Expressions are most of a file's tokens, and a chart parser pays for every one of them;
// the nearley grammar sees each expression as a single token produced here (see feeder.ts).
import type {
  ArrayLit,
  FilterList,
  BinaryOp,
  Expr,
  FilterExpr,
  ObjectEntry,
  ObjectLit,
  Position,
  Span,
  StringLit,
} from "../ast.js";
import type { Token } from "../lexer/lexer.js";
import { Cursor } from "./cursor.js";
import { ParseError } from "./errors.js";

/**
 * Where an expression stands decides what a line break means:
 * - `line`: a property value, an object entry, an array element: a line break ends the
 *   expression, unless the next line starts with an operator or a `|filter` that continues it;
 * - `free`: inside `( )`, `[ ]` indexing, backticks and call arguments: line breaks are spaces.
 */
type Layout = "line" | "free";

interface Context {
  layout: Layout;
  /** Inside a filter argument `|name:arg`, a `|` ends the argument: the next filter applies to the chain. */
  inFilterArg: boolean;
}

const LINE: Context = { layout: "line", inFilterArg: false };
const FREE: Context = { layout: "free", inFilterArg: false };

/**
 * How deep one expression may nest: brackets, operators and filters each add a level, and so
 * does each link of a chain (`a ~ b ~ c`, `$x|f|g`), which becomes a tree as deep as it is long.
 * Every later stage walks the tree recursively, as does TypeScript checking the generated code,
 * which overflows its stack a little past 256 nested calls; real code stays far below.
 */
export const MAX_EXPRESSION_DEPTH = 200;

/** Binary operators by binding strength (higher binds tighter). */
const PRECEDENCE: Record<string, number> = {
  "??": 1,
  "||": 2,
  "&&": 3,
  "==": 4,
  "!=": 4,
  "===": 4,
  "!==": 4,
  "<": 4,
  ">": 4,
  "<=": 4,
  ">=": 4,
  "==?": 4,
  "!=?": 4,
  "<?": 4,
  ">?": 4,
  "<=?": 4,
  ">=?": 4,
  "@>": 4,
  "!~": 4,
  in: 4,
  "..": 5,
  "~": 6,
  "+": 7,
  "-": 7,
  "*": 8,
  "/": 8,
  "%": 8,
};

/** `$db.x not contains "spam"` and friends: word operators, mostly of database queries. */
const WORD_OPS = new Set(["in", "contains", "includes", "overlaps", "between", "like", "ilike"]);
const WORD_OP_PRECEDENCE = 4;

/** Operators that, starting a new line, continue the expression of the line before. */
const CONTINUES_AFTER_NEWLINE = new Set([
  "|",
  "~",
  "&&",
  "||",
  "??",
  "==",
  "!=",
  "===",
  "!==",
  "<",
  ">",
  "<=",
  ">=",
  "==?",
  "!=?",
  "<?",
  ">?",
  "<=?",
  ">=?",
  "@>",
  "!~",
  "*",
  "/",
  "%",
  "..",
]);

export function parseExpression(cursor: Cursor, layout: Layout = "line"): Expr {
  return new ExpressionParser(cursor).expression(layout === "line" ? LINE : FREE);
}

/** The value of a `filters=trim|min:1` attribute: filters without a subject. */
export function parseFilterList(cursor: Cursor): FilterList {
  const parser = new ExpressionParser(cursor);
  const start = cursor.peek();
  if (start === undefined || (start.type !== "word" && start.text !== "!")) throw cursor.unexpected("a filter name");
  const filters: FilterList["filters"] = [];
  for (;;) {
    // `!trim`: a filter switched off in Xano.
    const disabled = cursor.at("!");
    if (disabled) cursor.next();
    const name = cursor.next();
    if (name.type !== "word") throw new ParseError(`expected a filter name, found "${name.text}"`, name);
    const args: Expr[] = [];
    while (cursor.at(":") && !cursor.peek()!.nlBefore) {
      cursor.next();
      const first = cursor.peek();
      const quoted = first?.type === "string" || first?.type === "sstring" || first?.type === "tstring";
      args.push(
        quoted
          ? parser.binary(0, { layout: "line", inFilterArg: true })
          : rawFilterArg(cursor, name.text === "pattern"),
      );
    }
    filters.push(disabled ? { name: name.text, args, disabled } : { name: name.text, args });
    if (!cursor.at("|") || cursor.peek()!.nlBefore) break;
    cursor.next();
  }
  return { kind: "FilterList", filters, span: join(spanOf(start), spanOf(cursor.previous())) };
}

/**
 * An unquoted argument of `filters=`, read as written: Xano's input rules take text
 * (`ok:0123456789abcdef`, `startsWith:SKU-`, `pattern:^\d{5}(-\d{4})?$`), which the lexer cuts
 * into unrelated tokens. The argument is the tokens glued to one another (no space between
 * them) up to a `|` or `:` outside brackets; a `pattern` takes everything to the next space
 * (its `:` belongs to the expression) but still stops at a top-level `|`. A number stays a number.
 */
function rawFilterArg(cursor: Cursor, wholeRest: boolean): Expr {
  const first = cursor.peek();
  if (first === undefined || first.nlBefore || first.offset !== cursor.previous().end.offset)
    throw cursor.unexpected("a filter argument");
  let text = "";
  let depth = 0;
  let last = first;
  for (let tok = cursor.peek(); tok !== undefined; tok = cursor.peek()) {
    if (tok !== first && tok.offset !== last.end.offset) break;
    if (depth === 0 && tok.type === "op" && (tok.text === "|" || tok.text === "||" || (tok.text === ":" && !wholeRest)))
      break;
    if (tok.type === "op" && /^[([{]$/.test(tok.text)) depth++;
    if (tok.type === "op" && /^[)\]}]$/.test(tok.text)) depth = Math.max(0, depth - 1);
    text += tok.text;
    last = cursor.next();
  }
  const span = join(spanOf(first), spanOf(last));
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: "Number", value: Number(text), raw: text, span };
  return { kind: "String", value: text, quote: '"', span };
}

/** A `$variable` with its `.member` / `[index]` chain, as a statement target (`var.update $a[0] { … }`). */
export function parseTarget(cursor: Cursor): Expr {
  const parser = new ExpressionParser(cursor);
  return parser.postfix(parser.primary(LINE), { layout: "line", inFilterArg: true });
}

class ExpressionParser {
  /** Levels open at this point of the expression: see MAX_EXPRESSION_DEPTH. */
  private depth = 0;

  constructor(private readonly c: Cursor) {}

  /** Opens one more level at `tok`, or stops with an error where the expression gets too deep. */
  private deeper(): void {
    if (++this.depth <= MAX_EXPRESSION_DEPTH) return;
    const tok = this.c.peek() ?? this.c.previous();
    throw new ParseError(
      `expression nested too deeply (more than ${MAX_EXPRESSION_DEPTH} levels of brackets, operators or filters); split it into variables`,
      tok,
    );
  }

  /**
   * Runs `read` one level deeper (or, for a chain, at the same level: its links add levels as
   * it grows), with the depth it started at restored afterwards.
   */
  private level<T>(read: () => T, opens = true): T {
    const outer = this.depth;
    try {
      if (opens) this.deeper();
      return read();
    } finally {
      this.depth = outer;
    }
  }

  expression(ctx: Context): Expr {
    return this.level(() => this.conditional(ctx));
  }

  private conditional(ctx: Context): Expr {
    const test = this.binary(0, ctx);
    if (!this.c.at("?") || this.breaksLine(ctx)) return test;
    // The ternary's branches may span lines, as in `cond ? "a" : "b"` broken after `?`.
    this.c.next();
    const consequent = this.expression(FREE);
    this.c.expect(":", `":" of the ternary expression started at ${test.span.start.line}:${test.span.start.col}`);
    const alternate = this.expression(ctx);
    return { kind: "Ternary", test, consequent, alternate, span: join(test.span, alternate.span) };
  }

  binary(minPrec: number, ctx: Context): Expr {
    return this.level(() => this.operators(minPrec, ctx), false);
  }

  private operators(minPrec: number, ctx: Context): Expr {
    let left = this.unary(ctx);
    for (;;) {
      const op = this.peekBinaryOp(ctx);
      if (op === undefined) return left;
      const prec = op.word ? WORD_OP_PRECEDENCE : PRECEDENCE[op.op]!;
      if (prec <= minPrec) return left;
      this.deeper();
      for (let i = 0; i < op.tokens; i++) this.c.next();
      let right = this.binary(prec, ctx);
      if (op.op.endsWith("between") && this.c.at(":")) {
        // `x between lo:hi` takes both bounds.
        this.c.next();
        const high = this.binary(prec, ctx);
        right = { kind: "Array", elements: [right, high], span: join(right.span, high.span) } satisfies ArrayLit;
      }
      left = { kind: "Binary", op: op.op as BinaryOp, left, right, span: join(left.span, right.span) };
    }
  }

  private peekBinaryOp(ctx: Context): { op: string; tokens: number; word: boolean } | undefined {
    const tok = this.c.peek();
    if (tok === undefined) return undefined;
    if (tok.type === "op") {
      if (PRECEDENCE[tok.text] === undefined) return undefined;
      if (tok.nlBefore && ctx.layout === "line" && !CONTINUES_AFTER_NEWLINE.has(tok.text)) return undefined;
      return { op: tok.text, tokens: 1, word: false };
    }
    if (tok.type !== "word" || (tok.nlBefore && ctx.layout === "line")) return undefined;
    let op: string;
    let tokens: number;
    if (WORD_OPS.has(tok.text)) {
      op = tok.text;
      tokens = 1;
    } else if (tok.text === "not" && this.c.peek(1)?.type === "word" && WORD_OPS.has(this.c.peek(1)!.text)) {
      op = `not ${this.c.peek(1)!.text}`;
      tokens = 2;
    } else {
      return undefined;
    }
    // `in?` / `not in?`: the null-safe form, ignored in a query when the value is null.
    const q = this.c.peek(tokens);
    if (q?.type === "op" && q.text === "?" && q.offset === this.c.peek(tokens - 1)!.end.offset) {
      op += "?";
      tokens++;
    }
    return { op, tokens, word: true };
  }

  private unary(ctx: Context): Expr {
    const tok = this.c.peek();
    if (tok?.type === "op" && (tok.text === "!" || tok.text === "-" || tok.text === "+")) {
      this.c.next();
      const operand = this.level(() => this.unary(ctx));
      // A signed number literal stays a literal: `-1` reads better than `-(1)` in generated code.
      if (tok.text === "-" && operand.kind === "Number" && operand.span.start.offset === tok.offset + 1) {
        return { kind: "Number", value: -operand.value, raw: `-${operand.raw}`, span: join(spanOf(tok), operand.span) };
      }
      return { kind: "Unary", op: tok.text, operand, span: join(spanOf(tok), operand.span) };
    }
    return this.postfix(this.primary(ctx), ctx);
  }

  postfix(subject: Expr, ctx: Context): Expr {
    return this.level(() => this.links(subject, ctx), false);
  }

  private links(subject: Expr, ctx: Context): Expr {
    let expr = subject;
    for (;;) {
      const tok = this.c.peek();
      if (tok === undefined || tok.type !== "op") return expr;
      const brokenLine = tok.nlBefore && ctx.layout === "line";
      if (tok.text === "." || tok.text === "[" || tok.text === "|") this.deeper();
      if (tok.text === "." && !brokenLine) {
        expr = this.member(expr);
      } else if (tok.text === "[" && !tok.nlBefore && !this.spaceBefore(tok)) {
        this.c.next();
        const index = this.expression(FREE);
        this.c.expect("]", `"]" closing the index`);
        expr = { kind: "Index", object: expr, index, span: join(expr.span, spanOf(this.c.previous())) };
      } else if (tok.text === "|" && !ctx.inFilterArg) {
        expr = this.filter(expr);
      } else {
        return expr;
      }
    }
  }

  private spaceBefore(tok: Token): boolean {
    return this.c.previous().end.offset !== tok.offset;
  }

  private member(object: Expr): Expr {
    this.c.next(); // "."
    const tok = this.c.peek();
    if (tok === undefined) throw this.c.unexpected('a name after "."');
    if (tok.type === "op" && tok.text === "[") {
      // `$x.["key"]`, as Xano exports some computed keys: the same as `$x["key"]`.
      this.c.next();
      const index = this.expression(FREE);
      this.c.expect("]", `"]" closing the index`);
      return { kind: "Index", object, index, span: join(object.span, spanOf(this.c.previous())) };
    }
    if (tok.type === "word" || tok.type === "variable") {
      this.c.next();
      return { kind: "Member", object, property: tok.text, span: join(object.span, spanOf(tok)) };
    }
    if (tok.type === "number" && /^\d+(\.\d+)?$/.test(tok.text)) {
      // `$list.0.1` lexes as `.` `0.1`: two numeric members.
      this.c.next();
      let expr = object;
      for (const part of tok.text.split(".")) {
        expr = { kind: "Member", object: expr, property: part, span: join(object.span, spanOf(tok)) };
      }
      return expr;
    }
    if (tok.type === "string" || tok.type === "sstring") {
      this.c.next();
      return { kind: "Member", object, property: unquote(tok).value, span: join(object.span, spanOf(tok)) };
    }
    throw this.c.unexpected('a name after "."');
  }

  /**
   * `|range:1:5`, `|uuid`, `|fill:5:"x"` where an expression starts: a filter without a
   * subject, as the reference lists some. Its subject is a `Null` of no width at the "|".
   */
  private subjectlessFilter(bar: Token): Expr {
    const at = positionOf(bar);
    const filter = this.filter({ kind: "Null", span: { start: at, end: at } }) as FilterExpr;
    filter.span = join(spanOf(bar), filter.span);
    filter.subjectless = true;
    return filter;
  }

  private filter(subject: Expr): Expr {
    this.c.next(); // "|"
    const name = this.c.peek();
    if (name === undefined || name.type !== "word") throw this.c.unexpected('a filter name after "|"');
    this.c.next();
    const args: Expr[] = [];
    while (this.c.at(":") && !this.c.peek()!.nlBefore) {
      this.c.next();
      args.push(this.binary(0, { layout: "free", inFilterArg: true }));
    }
    return { kind: "Filter", subject, name: name.text, args, span: join(subject.span, spanOf(this.c.previous())) };
  }

  primary(ctx: Context): Expr {
    const tok = this.c.peek();
    if (tok === undefined) throw this.c.unexpected("an expression");
    switch (tok.type) {
      case "string":
      case "sstring":
      case "tstring":
        this.c.next();
        return unquote(tok);
      case "number":
        this.c.next();
        return { kind: "Number", value: Number(tok.text), raw: tok.text, span: spanOf(tok) };
      case "timestamp":
        this.c.next();
        return { kind: "Timestamp", raw: tok.text, span: spanOf(tok) };
      case "variable":
        this.c.next();
        return { kind: "Var", name: tok.text.slice(1), span: spanOf(tok) };
      case "word":
        return this.word(tok);
      case "op":
        return this.bracketed(tok, ctx);
      default:
        throw this.c.unexpected("an expression");
    }
  }

  private word(tok: Token): Expr {
    this.c.next();
    const span = spanOf(tok);
    switch (tok.text) {
      case "true":
      case "false":
        return { kind: "Bool", value: tok.text === "true", span };
      case "null":
        return { kind: "Null", span };
    }
    // `math.add(5, 3)`: a dotted name directly followed by "(" is a call.
    let look = 0;
    while (
      this.c.peek(look)?.text === "." &&
      this.adjacent(look) &&
      this.c.peek(look + 1)?.type === "word" &&
      this.adjacent(look + 1)
    ) {
      look += 2;
    }
    const paren = this.c.peek(look);
    if (paren?.type === "op" && paren.text === "(" && this.adjacent(look)) {
      let callee = tok.text;
      for (let i = 0; i < look; i += 2) {
        this.c.next();
        callee += `.${this.c.next().text}`;
      }
      this.c.next(); // "("
      const args: Expr[] = [];
      while (!this.c.at(")")) {
        args.push(this.expression(FREE));
        if (!this.c.at(",")) break;
        this.c.next();
      }
      this.c.expect(")", `"," or ")" in the arguments of ${callee}(…)`);
      return { kind: "Call", callee, args, span: join(span, spanOf(this.c.previous())) };
    }
    return { kind: "Ident", name: tok.text, span };
  }

  /** True when the token `ahead` positions on is glued to the one before it (no space). */
  private adjacent(ahead: number): boolean {
    const prev = this.c.peek(ahead - 1) ?? this.c.previous();
    const tok = this.c.peek(ahead);
    return tok !== undefined && prev.end.offset === tok.offset;
  }

  private bracketed(tok: Token, ctx: Context): Expr {
    switch (tok.text) {
      case "(": {
        this.c.next();
        const expr = this.expression(FREE);
        this.c.expect(")", `")" closing the "(" at ${tok.line}:${tok.col}`);
        return { kind: "Paren", expr, span: join(spanOf(tok), spanOf(this.c.previous())) };
      }
      case "[":
        return this.array(tok);
      case "{":
        return this.object(tok);
      case "|":
        return this.subjectlessFilter(tok);
      case "`":
      case "```": {
        this.c.next();
        const expr = this.expression(FREE);
        this.c.expect(tok.text, `closing ${tok.text} of the expression opened at ${tok.line}:${tok.col}`);
        return {
          kind: "Backtick",
          expr,
          triple: tok.text === "```",
          span: join(spanOf(tok), spanOf(this.c.previous())),
        };
      }
      default:
        void ctx;
        throw this.c.unexpected("an expression");
    }
  }

  /** Elements are separated by commas or line breaks. */
  private array(open: Token): ArrayLit {
    this.c.next();
    const elements: Expr[] = [];
    while (!this.c.at("]")) {
      elements.push(this.expression(LINE));
      if (this.c.at(",")) {
        this.c.next();
      } else if (!this.c.at("]") && !this.c.peek()?.nlBefore) {
        throw this.c.unexpected(`"," or "]" in the list opened at ${open.line}:${open.col}`);
      }
    }
    this.c.next();
    return { kind: "Array", elements, span: join(spanOf(open), spanOf(this.c.previous())) };
  }

  /** Entries `key: value` are separated by commas or line breaks. */
  private object(open: Token): ObjectLit {
    this.c.next();
    const entries: ObjectEntry[] = [];
    while (!this.c.at("}")) {
      entries.push(this.entry());
      if (this.c.at(",")) {
        this.c.next();
      } else if (!this.c.at("}") && !this.c.peek()?.nlBefore) {
        throw this.c.unexpected(`"," or "}" in the object opened at ${open.line}:${open.col}`);
      }
    }
    this.c.next();
    return { kind: "Object", entries, span: join(spanOf(open), spanOf(this.c.previous())) };
  }

  private entry(): ObjectEntry {
    const first = this.c.peek();
    if (first === undefined) throw this.c.unexpected("an object key");
    let key: string;
    let keyQuoted = false;
    let computedKey: Expr | undefined;
    switch (first.type) {
      case "word":
      case "number": {
        this.c.next();
        key = first.text;
        // Dotted keys name columns: `sort = {user.created_at: "desc"}`.
        while (this.c.at(".") && this.c.peek(1)?.type === "word") {
          this.c.next();
          key += `.${this.c.next().text}`;
        }
        break;
      }
      case "string":
      case "sstring":
        this.c.next();
        key = unquote(first).value;
        keyQuoted = true;
        break;
      case "variable":
        computedKey = parseTarget(this.c);
        key = first.text;
        break;
      default:
        throw this.c.unexpected("an object key (a name or a string)");
    }
    this.c.expect(":", `":" after the key ${JSON.stringify(key)}`);
    const value = this.expression(LINE);
    const entry: ObjectEntry = { kind: "Entry", key, keyQuoted, value, span: join(spanOf(first), value.span) };
    if (computedKey) entry.computedKey = computedKey;
    return entry;
  }

  private breaksLine(ctx: Context): boolean {
    return ctx.layout === "line" && this.c.peek()!.nlBefore;
  }
}

export function spanOf(tok: Token): Span {
  return { start: { offset: tok.offset, line: tok.line, col: tok.col }, end: tok.end };
}

export function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  "/": "/",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

/** The value of a string token: quotes removed, escapes resolved; triple-quoted text is kept as written. */
export function unquote(tok: Token): StringLit {
  const span = spanOf(tok);
  if (tok.type === "tstring") return { kind: "String", value: tok.text.slice(3, -3), quote: '"""', span };
  const quote = tok.type === "sstring" ? "'" : '"';
  const body = tok.text.slice(1, -1);
  const value = body.includes("\\")
    ? body.replace(/\\(u[0-9a-fA-F]{4}|[^])/g, (_, esc: string) =>
        esc.length === 5 ? String.fromCharCode(parseInt(esc.slice(1), 16)) : (ESCAPES[esc] ?? `\\${esc}`),
      )
    : body;
  return { kind: "String", value, quote, span };
}

export function positionOf(tok: Token): Position {
  return { offset: tok.offset, line: tok.line, col: tok.col };
}

export { ParseError };
