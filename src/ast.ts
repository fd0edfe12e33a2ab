// The XanoScript syntax tree: one discriminated union per layer, every node with its source span.

export interface Position {
  /** 0-based character offset into the file. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

export interface Span {
  start: Position;
  end: Position;
}

export interface Comment {
  kind: "Comment";
  /** The text after `//`, untrimmed. */
  text: string;
  span: Span;
}

interface NodeBase {
  span: Span;
}

/** Comments that stand on their own lines directly above a node. */
interface Commented {
  comments: Comment[];
  /** Written `!name …`: switched off in Xano, kept but not run. */
  disabled?: boolean;
  /** A blank line stands above the node (and above its comments): the source's paragraphs. */
  blankLineBefore?: true;
  /**
   * A run of whole-line comments above the node with a blank line between them and it: in a
   * stack, a note on the paragraph that follows rather than on one statement.
   */
  detachedComments?: Comment[];
  /** Whole-line comments after the last node of a block, before its closing brace. */
  trailingComments?: Comment[];
  /**
   * Whole-line comments inside the node that no node below it carries (between the properties
   * of a statement, in an empty block).
   */
  innerComments?: Comment[];
}

// ── Expressions ────────────────────────────────────────────────────────────────

export type Expr =
  | StringLit
  | NumberLit
  | BoolLit
  | NullLit
  | TimestampLit
  | Ident
  | VarRef
  | Member
  | Index
  | Call
  | Unary
  | Binary
  | Ternary
  | FilterExpr
  | ObjectLit
  | ArrayLit
  | Paren
  | Backtick
  | FilterList;

export interface StringLit extends NodeBase {
  kind: "String";
  value: string;
  /** How it was written: `"…"`, `'…'` or `"""…"""`. */
  quote: '"' | "'" | '"""';
}

export interface NumberLit extends NodeBase {
  kind: "Number";
  value: number;
  /** As written, so `1.0` (a decimal) stays distinguishable from `1` (an int). */
  raw: string;
}

export interface BoolLit extends NodeBase {
  kind: "Bool";
  value: boolean;
}

export interface NullLit extends NodeBase {
  kind: "Null";
}

/** An unquoted timestamp literal such as `2025-10-01 06:00:00+0000`. */
export interface TimestampLit extends NodeBase {
  kind: "Timestamp";
  raw: string;
}

/** A bare word in expression position: `now`, `asc`, a table name, a filter list entry. */
export interface Ident extends NodeBase {
  kind: "Ident";
  name: string;
}

/** `$name`, `$$`, `$input`, `$env`, `$db`, `$this`, … (the name without its first `$`: `$$` is "$", a lone `$` is ""). */
export interface VarRef extends NodeBase {
  kind: "Var";
  name: string;
}

export interface Member extends NodeBase {
  kind: "Member";
  object: Expr;
  /** The key as written after the dot (`$env.$remote_ip` keeps the `$`). */
  property: string;
}

export interface Index extends NodeBase {
  kind: "Index";
  object: Expr;
  index: Expr;
}

/** A function call in an expression: `math.add(5, 3)`, `object.keys($x)`. */
export interface Call extends NodeBase {
  kind: "Call";
  callee: string;
  args: Expr[];
}

export type UnaryOp = "!" | "-" | "+";

export interface Unary extends NodeBase {
  kind: "Unary";
  op: UnaryOp;
  operand: Expr;
}

export type BinaryOp =
  | "||"
  | "&&"
  | "??"
  | "=="
  | "!="
  | "==="
  | "!=="
  | "<"
  | ">"
  | "<="
  | ">="
  | "==?"
  | "!=?"
  | "<?"
  | ">?"
  | "<=?"
  | ">=?"
  | "in"
  | "not in"
  | "in?"
  | "not in?"
  | "@>"
  | "!~"
  | "~"
  | ".."
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  /** Database-query word operators: `not contains`, `includes`, `not between`, `ilike`, … */
  | `${"not " | ""}${"contains" | "includes" | "overlaps" | "between" | "like" | "ilike"}`;

export interface Binary extends NodeBase {
  kind: "Binary";
  op: BinaryOp;
  left: Expr;
  right: Expr;
}

export interface Ternary extends NodeBase {
  kind: "Ternary";
  test: Expr;
  consequent: Expr;
  alternate: Expr;
}

/** The value of `filters=trim|min:1` on a field: a chain of filters with no subject. */
export interface FilterList extends NodeBase {
  kind: "FilterList";
  filters: { name: string; args: Expr[]; disabled?: boolean }[];
}

/** `subject|name:arg:arg`. */
export interface FilterExpr extends NodeBase {
  kind: "Filter";
  /** Written without one (`|range:1:5`, `|uuid`): a `Null` standing where the subject would be. */
  subject: Expr;
  name: string;
  args: Expr[];
  /** `|fill:5:"x"`: written without a subject, where an expression starts. */
  subjectless?: true;
}

export interface ObjectEntry extends NodeBase {
  kind: "Entry";
  /** The key as data: quotes removed; dotted keys (`user.id`) kept whole. */
  key: string;
  keyQuoted: boolean;
  /** A `$variable` used as key is evaluated; other keys are literal. */
  computedKey?: Expr;
  value: Expr;
}

export interface ObjectLit extends NodeBase {
  kind: "Object";
  entries: ObjectEntry[];
}

export interface ArrayLit extends NodeBase {
  kind: "Array";
  elements: Expr[];
}

export interface Paren extends NodeBase {
  kind: "Paren";
  expr: Expr;
}

/** `` `expr` `` or ```` ```expr``` ````: expression mode; same value as the inner expression. */
export interface Backtick extends NodeBase {
  kind: "Backtick";
  expr: Expr;
  triple: boolean;
}

// ── Blocks and statements ─────────────────────────────────────────────────────

/** `name = value` inside a block. */
export interface Property extends NodeBase, Commented {
  kind: "Property";
  name: string;
  value: Expr;
}

/** One declared field of an `input { }` or `schema { }` block: `text name?=default filters=trim { … }`. */
export interface FieldDecl extends NodeBase, Commented {
  kind: "Field";
  type: string;
  isList: boolean;
  /** `int[1:10]`: the least and most items the list may have. */
  listSize?: [min: Expr, max: Expr];
  /** `text?`: null is accepted. */
  nullable: boolean;
  name: string;
  /** `name?`: may be omitted. */
  optional: boolean;
  default?: Expr;
  /** `filters=trim|lower` and other `key=value` attributes on the line. */
  attributes: Attribute[];
  /** The `{ … }` that may follow: description, table, values, a nested schema. */
  body: BlockItem[] | null;
}

/** Anything else an input block holds, e.g. `dblink { table = "project" }`. */
export type FieldsItem = FieldDecl | CallStatement;

/** `key=value` written on a header line: `verb=GET`, `filters=trim`. */
export interface Attribute extends NodeBase {
  kind: "Attribute";
  name: string;
  value: Expr;
}

/** `input { … }` or `schema { … }`. */
export interface FieldsBlock extends NodeBase, Commented {
  kind: "Fields";
  name: "input" | "schema";
  fields: FieldsItem[];
}

export type StatementArg = Expr | Attribute;

/**
 * Every statement the grammar has no dedicated rule for:
 * `name.path arg* { items }? as $var?`, e.g. `db.query user { … } as $rows`.
 */
export interface CallStatement extends NodeBase, Commented {
  kind: "CallStatement";
  name: string;
  args: StatementArg[];
  body: BlockItem[] | null;
  as: VarRef | null;
  /** `} as $x|get:0`: filters applied to the result before it is bound. */
  asFilters?: { name: string; args: Expr[] }[];
}

export interface IfClause extends NodeBase, Commented {
  kind: "If";
  keyword: "if" | "elseif" | "else";
  test: Expr | null;
  body: BlockItem[];
}

export interface Conditional extends NodeBase, Commented {
  kind: "Conditional";
  clauses: IfClause[];
  /** Items inside the `conditional { }` that are not clauses (should be none). */
  description?: string;
}

/** `foreach (list) { each as $item { … } }`. */
export interface Foreach extends NodeBase, Commented {
  kind: "Foreach";
  list: Expr;
  item: VarRef | null;
  body: BlockItem[];
}

/** `for (count) { each as $i { … } }`. */
export interface For extends NodeBase, Commented {
  kind: "For";
  count: Expr;
  item: VarRef | null;
  body: BlockItem[];
}

/** `while (test) { each { … } }`. */
export interface While extends NodeBase, Commented {
  kind: "While";
  test: Expr;
  body: BlockItem[];
}

export interface SwitchCase extends NodeBase, Commented {
  kind: "Case";
  /** null for `default`. */
  test: Expr | null;
  body: BlockItem[];
  /** `} break` after the case. */
  breaks: boolean;
}

export interface Switch extends NodeBase, Commented {
  kind: "Switch";
  subject: Expr;
  cases: SwitchCase[];
}

export interface TryCatch extends NodeBase, Commented {
  kind: "TryCatch";
  body: BlockItem[];
  catchBody: BlockItem[] | null;
  finallyBody: BlockItem[] | null;
}

/** `each as $x { … }` / `each { … }` inside a loop. */
export interface Each extends NodeBase, Commented {
  kind: "Each";
  item: VarRef | null;
  body: BlockItem[];
}

/** `break`, `continue` on their own. */
export interface Jump extends NodeBase, Commented {
  kind: "Break" | "Continue";
}

export type Statement =
  CallStatement | Conditional | IfClause | Foreach | For | While | Switch | SwitchCase | TryCatch | Each | Jump;

export type BlockItem = Property | FieldsBlock | Statement;

// ── Files ─────────────────────────────────────────────────────────────────────

/** A top-level definition: `task "name" { … }`, `query "path" verb=GET { … }`, `run.job "x" { … }`. */
export interface Construct extends NodeBase, Commented {
  kind: "Construct";
  /** `task`, `function`, `table`, `query`, `run.job`, … */
  type: string;
  name: string | null;
  nameQuoted: boolean;
  attributes: Attribute[];
  body: BlockItem[];
}

export interface SourceFile extends NodeBase {
  kind: "File";
  path: string;
  construct: Construct;
  /** Every comment in the file, including those also attached to nodes. */
  comments: Comment[];
}

export type Node = SourceFile | Construct | BlockItem | FieldDecl | Expr | ObjectEntry | Attribute | Comment;

/** The expression inside any parentheses or backticks around it. */
export function unparen(e: Expr): Expr {
  while (e.kind === "Paren" || e.kind === "Backtick") e = e.expr;
  return e;
}

/** The text of a string literal (inside any parentheses); undefined for any other expression. */
export function stringValue(e: Expr | undefined): string | undefined {
  const v = e === undefined ? undefined : unparen(e);
  return v?.kind === "String" ? v.value : undefined;
}

/** The text of a string literal or a bare word (`verb=GET`, `auth = "user"`); undefined for any other expression. */
export function wordValue(e: Expr | undefined): string | undefined {
  const v = e === undefined ? undefined : unparen(e);
  return v?.kind === "String" ? v.value : v?.kind === "Ident" ? v.name : undefined;
}

/** The value of the property `name = …` in a block (a statement's settings, a definition's body). */
export function prop(s: { readonly body: readonly BlockItem[] | null }, name: string): Expr | undefined {
  return (s.body ?? []).find((i): i is Property => i.kind === "Property" && i.name === name)?.value;
}

/** Nodes, lists of them, or nothing: what a walk may be given. */
export type NodeTree = Node | null | undefined | readonly NodeTree[];

/**
 * The nodes directly inside `node`, in source order: what every walk over the AST descends
 * into. Comments are not children (they hang beside nodes); `as $x` and loop variables are.
 */
export function children(node: Node): Node[] {
  const present = (...list: (Node | null | undefined)[]): Node[] => list.filter((n): n is Node => n != null);
  switch (node.kind) {
    case "String":
    case "Number":
    case "Bool":
    case "Null":
    case "Timestamp":
    case "Ident":
    case "Var":
    case "Comment":
    case "Break":
    case "Continue":
      return [];
    case "Member":
      return [node.object];
    case "Index":
      return [node.object, node.index];
    case "Call":
      return node.args;
    case "Unary":
      return [node.operand];
    case "Binary":
      return [node.left, node.right];
    case "Ternary":
      return [node.test, node.consequent, node.alternate];
    case "Filter":
      return [node.subject, ...node.args];
    case "FilterList":
      return node.filters.flatMap((f) => f.args);
    case "Entry":
      return present(node.computedKey, node.value);
    case "Object":
      return node.entries;
    case "Array":
      return node.elements;
    case "Paren":
    case "Backtick":
      return [node.expr];
    case "Property":
    case "Attribute":
      return [node.value];
    case "Field":
      return [...(node.listSize ?? []), ...present(node.default), ...node.attributes, ...(node.body ?? [])];
    case "Fields":
      return node.fields;
    case "CallStatement":
      return [
        ...node.args,
        ...(node.body ?? []),
        ...present(node.as),
        ...(node.asFilters ?? []).flatMap((f) => f.args),
      ];
    case "If":
    case "Case":
      return [...present(node.test), ...node.body];
    case "Conditional":
      return node.clauses;
    case "Foreach":
      return [node.list, ...present(node.item), ...node.body];
    case "For":
      return [node.count, ...present(node.item), ...node.body];
    case "While":
      return [node.test, ...node.body];
    case "Switch":
      return [node.subject, ...node.cases];
    case "TryCatch":
      return [...node.body, ...(node.catchBody ?? []), ...(node.finallyBody ?? [])];
    case "Each":
      return [...present(node.item), ...node.body];
    case "Construct":
      return [...node.attributes, ...node.body];
    case "File":
      return [node.construct];
  }
}

/** Every node of a tree, depth first, each before its children. */
export function* nodesOf(tree: NodeTree): Generator<Node> {
  if (tree == null) return;
  if (isNodeList(tree)) {
    for (const t of tree) yield* nodesOf(t);
    return;
  }
  yield tree;
  for (const child of children(tree)) yield* nodesOf(child);
}

function isNodeList(tree: NodeTree): tree is readonly NodeTree[] {
  return Array.isArray(tree);
}
