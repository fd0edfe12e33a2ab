// Typed AST builders, called by the grammar's postprocessors (grammar/*.ne).
//
// nearley hands every postprocessor an untyped array `d` of what the rule matched; these
// functions are the one place where that array is read, so the AST itself stays typed.
// Postprocessors may run for partial parses that are later dropped: never mutate `d`.
import type {
  Attribute,
  BlockItem,
  CallStatement,
  Conditional,
  Construct,
  Each,
  Expr,
  FieldDecl,
  FieldsBlock,
  FilterExpr,
  Statement,
  For,
  Foreach,
  IfClause,
  Jump,
  Property,
  SourceFile,
  Span,
  StatementArg,
  Switch,
  SwitchCase,
  TryCatch,
  VarRef,
  While,
} from "../ast.js";
import { ParseError } from "./errors.js";
import type { StructuralToken } from "./feeder.js";
import { tokenSpan } from "./feeder.js";

/** What a `{ … }` produced: its items and the braces, for spans. */
export interface BlockData {
  items: BlockItem[];
  open: StructuralToken;
  close: StructuralToken;
}

type D = any[];

const span = (from: StructuralToken | { span: Span }, to: StructuralToken | { span: Span } | BlockData): Span => ({
  start: "span" in from ? from.span.start : tokenSpan(from).start,
  end: "close" in to ? tokenSpan(to.close).end : "span" in to ? to.span.end : tokenSpan(to).end,
});

const exprOf = (t: StructuralToken): Expr => t.node!;

// ── lists ──

export const none = (): [] => [];
/**
 * Lists grow one cons cell at a time, newest first, and become an array only where they are
 * complete (at the closing brace, or after the parse for start symbols). nearley runs a rule's
 * postprocessor at every point the rule could end and its chart keeps every result: copying
 * `[...xs, x]` per item, or converting at each possible end, made a block of n items cost n²
 * time and memory. Cells are never changed, so partial parses can share them.
 */
export interface ListCell {
  readonly last: unknown;
  readonly before: ListCell | null;
}
export const first = (d: D): ListCell => ({ last: d[0], before: null });
export const append = (d: D): ListCell => ({ last: d[2], before: d[0] as ListCell });
export const emptyList = (): null => null;
export function toArray<T>(list: ListCell | null): T[] {
  const out: T[] = [];
  for (let cell = list; cell !== null; cell = cell.before) out.push(cell.last as T);
  return out.reverse();
}
export const second = (d: D): unknown => d[1];

// ── blocks ──

export function block(d: D): BlockData {
  return { open: d[0], items: toArray(d[1] as ListCell | null), close: d[2] };
}

/** A block of properties the feeder read whole (see Feeder.propertiesBlock). */
export function propertiesBlock(d: D): BlockData {
  const t = d[0] as StructuralToken;
  const close: StructuralToken = { ...t, source: t.last, offset: t.last.offset, line: t.last.line, col: t.last.col };
  return { open: t, items: t.props!, close };
}

export function property(d: D): Property {
  const t = d[0] as StructuralToken;
  return { kind: "Property", name: t.name!, value: exprOf(t), span: tokenSpan(t), comments: [] };
}

export function attribute(d: D): Attribute {
  const t = d[0] as StructuralToken;
  return { kind: "Attribute", name: t.name!, value: exprOf(t), span: tokenSpan(t) };
}

// ── files ──

export function file(d: D): SourceFile {
  const construct = d[0] as Construct;
  return { kind: "File", path: "", construct, comments: [], span: construct.span };
}

export function construct(d: D): Construct {
  const [type, name, attributes, body] = d as [StructuralToken, StructuralToken | null, Attribute[], BlockData];
  return {
    kind: "Construct",
    type: type.text!,
    name: name === null ? null : name.type === "string" ? name.string!.value : name.text!,
    nameQuoted: name?.type === "string",
    attributes,
    body: body.items,
    span: span(type, body),
    comments: [],
  };
}

// ── statements ──

export function conditional(d: D): Conditional {
  const [kw, body] = d as [StructuralToken, BlockData];
  const clauses = body.items.map((item, i): IfClause => {
    if (item.kind !== "If") throw misplaced(item, "only if, elseif and else belong in a conditional block");
    // A second `if` starts a new chain (the reference shows this); elseif/else continue one.
    const previous = body.items[i - 1];
    if (item.keyword !== "if" && (previous === undefined || (previous.kind === "If" && previous.keyword === "else"))) {
      throw misplaced(item, `"${item.keyword}" must follow an if or elseif`);
    }
    return item;
  });
  if (clauses.length === 0) throw new ParseError(`a conditional needs at least an if`, tokenSpan(kw).start);
  return { kind: "Conditional", clauses, span: span(kw, body), comments: [] };
}

export function ifClause(d: D): IfClause {
  const [kw, test, body] = d as [StructuralToken, StructuralToken, BlockData];
  return {
    kind: "If",
    keyword: kw.text as "if" | "elseif",
    test: exprOf(test),
    body: body.items,
    span: span(kw, body),
    comments: [],
  };
}

export function elseClause(d: D): IfClause {
  const [kw, body] = d as [StructuralToken, BlockData];
  return { kind: "If", keyword: "else", test: null, body: body.items, span: span(kw, body), comments: [] };
}

const TRY_PARTS = new Set(["try", "catch", "finally"]);

function misplaced(item: BlockItem, message: string): ParseError {
  return new ParseError(message, item.span.start);
}

/** The `each as $x { … }` that is a loop's whole body, if it is written that way. */
function eachOf(body: BlockData): Each | undefined {
  const each = body.items.find((item): item is Each => item.kind === "Each");
  if (each && body.items.length > 1) {
    throw misplaced(
      body.items.find((i) => i !== each)!,
      "a loop holds a single each { … } block; put this inside it",
    );
  }
  return each;
}

export function foreach(d: D): Foreach {
  const [kw, list, body] = d as [StructuralToken, StructuralToken, BlockData];
  const each = eachOf(body);
  return {
    kind: "Foreach",
    list: exprOf(list),
    item: each?.item ?? null,
    body: each ? each.body : body.items,
    span: span(kw, body),
    comments: [],
  };
}

export function forLoop(d: D): For {
  const [kw, count, body] = d as [StructuralToken, StructuralToken, BlockData];
  const each = eachOf(body);
  return {
    kind: "For",
    count: exprOf(count),
    item: each?.item ?? null,
    body: each ? each.body : body.items,
    span: span(kw, body),
    comments: [],
  };
}

export function whileLoop(d: D): While {
  const [kw, test, body] = d as [StructuralToken, StructuralToken, BlockData];
  const each = eachOf(body);
  return { kind: "While", test: exprOf(test), body: each ? each.body : body.items, span: span(kw, body), comments: [] };
}

export function each(d: D): Each {
  const [kw, as, body] = d as [StructuralToken, AsData | null, BlockData];
  if (as && as.filters.length > 0) throw new ParseError(`a loop variable takes no filters`, as.filters[0]!.span.start);
  return { kind: "Each", item: as?.variable ?? null, body: body.items, span: span(kw, body), comments: [] };
}

export function switchStatement(d: D): Switch {
  const [kw, subject, body] = d as [StructuralToken, StructuralToken, BlockData];
  const cases = body.items.map((item): SwitchCase => {
    if (item.kind !== "Case") throw misplaced(item, "only case and default belong in a switch block");
    return item;
  });
  return { kind: "Switch", subject: exprOf(subject), cases, span: span(kw, body), comments: [] };
}

export function switchCase(d: D): SwitchCase {
  const [kw, test, body, brk] = d as [StructuralToken, StructuralToken, BlockData, StructuralToken | null];
  return {
    kind: "Case",
    test: exprOf(test),
    body: body.items,
    breaks: brk !== null,
    span: span(kw, brk ?? body),
    comments: [],
  };
}

export function defaultCase(d: D): SwitchCase {
  const [kw, body, brk] = d as [StructuralToken, BlockData, StructuralToken | null];
  return {
    kind: "Case",
    test: null,
    body: body.items,
    breaks: brk !== null,
    span: span(kw, brk ?? body),
    comments: [],
  };
}

export function tryCatch(d: D): TryCatch {
  const [kw, body] = d as [StructuralToken, BlockData];
  for (const item of body.items) {
    if (item.kind !== "CallStatement" || !TRY_PARTS.has(item.name) || item.args.length > 0) {
      throw misplaced(item, "only try, catch and finally belong in a try_catch block");
    }
  }
  const part = (name: string) =>
    body.items.find((i): i is CallStatement => i.kind === "CallStatement" && i.name === name);
  return {
    kind: "TryCatch",
    body: part("try")?.body ?? [],
    catchBody: part("catch")?.body ?? null,
    finallyBody: part("finally")?.body ?? null,
    span: span(kw, body),
    comments: [],
  };
}

/** `try { }`, `catch { }`, `finally { }`: kept as named parts until `try_catch` collects them. */
export function tryPart(d: D): CallStatement {
  const [kw, body] = d as [StructuralToken, BlockData];
  return {
    kind: "CallStatement",
    name: kw.text!,
    args: [],
    body: body.items,
    as: null,
    span: span(kw, body),
    comments: [],
  };
}

/** `!statement`: switched off in Xano. */
export function disabled(d: D): Statement {
  return { ...(d[1] as Statement), disabled: true, span: span(d[0] as StructuralToken, d[1] as Statement) };
}

/** `dblink { … }` and other named blocks among an input's fields. */
export function namedBlock(d: D): CallStatement {
  const [name, body] = d as [StructuralToken, BlockData];
  return {
    kind: "CallStatement",
    name: name.text!,
    args: [],
    body: body.items,
    as: null,
    span: span(name, body),
    comments: [],
  };
}

export function jump(d: D): Jump {
  const kw = d[0] as StructuralToken;
  return { kind: kw.text === "break" ? "Break" : "Continue", span: tokenSpan(kw), comments: [] };
}

export function callStatement(d: D): CallStatement {
  const [name, args, body, as] = d as [StructuralToken, StatementArg[], BlockData | null, AsData | null];
  const last = as
    ? (as.filters[as.filters.length - 1] ?? as.variable)
    : (body ?? (args.length > 0 ? args[args.length - 1]! : name));
  const statement: CallStatement = {
    kind: "CallStatement",
    name: name.text!,
    args,
    body: body?.items ?? null,
    as: as?.variable ?? null,
    span: span(name, last),
    comments: [],
  };
  if (as && as.filters.length > 0) statement.asFilters = as.filters.map((f) => ({ name: f.name, args: f.args }));
  return statement;
}

export function stringArg(d: D): Expr {
  return (d[0] as StructuralToken).string!;
}

export function exprArg(d: D): Expr {
  return exprOf(d[0]);
}

/** A bare word argument, e.g. the table in `db.query user { … }`. */
export function wordArg(d: D): Expr {
  const t = d[0] as StructuralToken;
  return { kind: "Ident", name: t.text!, span: tokenSpan(t) };
}

export interface AsData {
  variable: VarRef;
  filters: FilterExpr[];
}

/** `as $var`, or `as $var|filter…` as some exports write it. */
export function asClause(d: D): AsData {
  let node = exprOf(d[1] as StructuralToken);
  const filters: FilterExpr[] = [];
  while (node.kind === "Filter") {
    filters.unshift(node);
    node = node.subject;
  }
  if (node.kind !== "Var") throw new ParseError(`expected a variable after "as"`, node.span.start);
  return { variable: node, filters };
}

// ── fields ──

export function fieldsBlock(d: D): FieldsBlock {
  const [name, , list, close] = d as [StructuralToken, StructuralToken, ListCell | null, StructuralToken];
  return {
    kind: "Fields",
    name: name.text as "input" | "schema",
    fields: toArray(list),
    span: span(name, close),
    comments: [],
  };
}

/** `schema` written without braces: no fields. */
export function emptyFieldsBlock(d: D): FieldsBlock {
  const name = d[0] as StructuralToken;
  return { kind: "Fields", name: name.text as "input" | "schema", fields: [], span: tokenSpan(name), comments: [] };
}

export function field(d: D): FieldDecl {
  const [type, list, nullable, name, optional, dflt, attributes, body] = d as [
    StructuralToken,
    [] | [Expr, Expr] | null,
    StructuralToken | null,
    StructuralToken,
    StructuralToken | null,
    StructuralToken | null,
    Attribute[],
    BlockData | null,
  ];
  const decl: FieldDecl = {
    kind: "Field",
    type: type.text!,
    isList: list !== null,
    nullable: nullable !== null,
    name: name.type === "string" ? name.string!.value : name.text!,
    optional: optional !== null,
    attributes,
    body: body?.items ?? null,
    span: span(type, body ?? (attributes.length > 0 ? attributes[attributes.length - 1]! : (dflt ?? optional ?? name))),
    comments: [],
  };
  if (dflt !== null) decl.default = exprOf(dflt);
  if (list !== null && list.length === 2) decl.listSize = list;
  return decl;
}

/** `[1:10]` after a field's type: the bounds of the list's length. */
export function listSize(d: D): [Expr, Expr] {
  return [exprOf(d[1] as StructuralToken), exprOf(d[3] as StructuralToken)];
}
