// How a stack uses its variables, to declare each one where a reader expects it: `const` at
// its only assignment when it is written once at the top level, otherwise `let` up front.
import { children, nodesOf, type BlockItem, type Expr, type Node, type NodeTree } from "../ast.js";
import { nestedBlocks, removesItems } from "./blocks.js";

export interface VariableUse {
  assignments: number;
  /** The first assignment is a statement of the stack itself, not inside a block. */
  firstAtTopLevel: boolean;
  /** Every assignment is an `… as $x` binding (so an unread one can be dropped). */
  onlyBound: boolean;
  /** How often the variable is read anywhere in the stack (or the response). */
  reads: number;
  /** Reading the stack in order, the variable first appears as a top-level `var $x { … }`. */
  declaredFirst: boolean;
  /**
   * Assigned once, inside a block, and read only by the statements after that assignment in the
   * same block: it can be a `const` of that block rather than a variable of the whole function.
   */
  localToBlock: boolean;
}

/** Statements that change the variable named by their first argument in place. */
const MUTATES_TARGET =
  /^(var\.update|math\.|array\.(push|pop|shift|unshift|merge|append|prepend)|text\.(append|prepend|trim|ltrim|rtrim))/;

export function scanVariables(items: readonly BlockItem[], alsoRead: readonly Expr[] = []): Map<string, VariableUse> {
  const uses = new Map<string, VariableUse>();
  const note = (name: string, topLevel: boolean, weight = 1, bound = false) => {
    const use = uses.get(name);
    if (use) {
      use.assignments += weight;
      use.onlyBound &&= bound;
    } else
      uses.set(name, {
        assignments: weight,
        firstAtTopLevel: topLevel,
        onlyBound: bound,
        reads: 0,
        declaredFirst: false,
        localToBlock: false,
      });
  };
  const walk = (list: readonly BlockItem[], topLevel: boolean) => {
    for (const item of list) {
      if (item.kind === "CallStatement") {
        const target = item.args[0];
        const root = target && target.kind !== "Attribute" ? rootVar(target) : undefined;
        if (item.name === "var" && root)
          note(root.name, topLevel && target!.kind === "Var", target!.kind === "Var" ? 1 : 2);
        else if (MUTATES_TARGET.test(item.name) && root) note(root.name, false, 2);
        if (item.as) note(item.as.name, topLevel, 1, true);
      }
      // A foreach whose body has `remove` assigns its list afterwards, without the removed items.
      if (item.kind === "Foreach" && removesItems(item.body)) {
        const root = rootVar(item.list);
        if (root) note(root.name, false, 2);
      }
      for (const block of nestedBlocks(item)) walk(block, false);
    }
  };
  walk(items, true);
  const reads = new Map<string, number>();
  countReads(items, reads);
  for (const e of alsoRead) countReads(e, reads);
  for (const [name, use] of uses) use.reads = reads.get(name) ?? 0;
  for (const name of declaredBeforeUse(items)) {
    const use = uses.get(name);
    if (use) use.declaredFirst = true;
  }
  for (const name of localToBlock(items, uses)) uses.get(name)!.localToBlock = true;
  return uses;
}

/** The single `var $x` or `… as $x` that assigns `name` in a block, and where it stands. */
function assignedOnceIn(item: BlockItem): string | undefined {
  if (item.kind !== "CallStatement") return undefined;
  if (item.as) return item.as.name;
  return item.name === "var" && item.args[0]?.kind === "Var" ? item.args[0].name : undefined;
}

/**
 * The variables assigned once inside a nested block and read only after it there (see
 * VariableUse.localToBlock). Loop variables are never among them: their loop declares them.
 */
function localToBlock(items: readonly BlockItem[], uses: ReadonlyMap<string, VariableUse>): Set<string> {
  const loopNames = new Set<string>();
  const found = new Set<string>();
  const walk = (list: readonly BlockItem[], topLevel: boolean) => {
    list.forEach((item, i) => {
      if ((item.kind === "Foreach" || item.kind === "For" || item.kind === "Each") && item.item)
        loopNames.add(item.item.name);
      const name = assignedOnceIn(item);
      const use = name === undefined ? undefined : uses.get(name);
      if (!topLevel && name !== undefined && use?.assignments === 1 && use.reads > 0) {
        const after = new Map<string, number>();
        countReads(list.slice(i + 1), after);
        if ((after.get(name) ?? 0) === use.reads) found.add(name);
      }
      for (const block of nestedBlocks(item)) walk(block, false);
    });
  };
  walk(items, true);
  for (const name of loopNames) found.delete(name);
  return found;
}

/**
 * Variables whose first mention, in source order, is a top-level `var $x { value = … }` (its
 * value read first): they can be declared right there instead of at the top of the function.
 */
function declaredBeforeUse(items: readonly BlockItem[]): Set<string> {
  const seen = new Set<string>();
  const declared = new Set<string>();
  const read = (node: NodeTree) => {
    for (const name of allVariableNames(node)) seen.add(name);
  };
  for (const item of items) {
    if (item.kind === "CallStatement" && item.name === "var" && item.args[0]?.kind === "Var") {
      read(item.body);
      const name = item.args[0].name;
      if (!seen.has(name)) declared.add(name);
      seen.add(name);
      continue;
    }
    read(item);
  }
  return declared;
}

/**
 * Counts `$x` and `$var.x` reads in any part of the tree. The `as $x` of a statement and the
 * `$x` that `var $x { … }` declares are writes, not reads.
 */
function countReads(tree: NodeTree, reads: Map<string, number>): void {
  const count = (name: string) => reads.set(name, (reads.get(name) ?? 0) + 1);
  const visit = (n: Node): void => {
    if (n.kind === "Var") return void count(n.name);
    if (n.kind === "Member" && n.object.kind === "Var" && n.object.name === "var") return void count(n.property);
    for (const child of children(n)) {
      // `as $x` is a write; so is the `$x` of `var $x { … }`.
      if (n.kind === "CallStatement" && (child === n.as || (n.name === "var" && child === n.args[0]))) continue;
      visit(child);
    }
  };
  for (const n of nodesOfList(tree)) visit(n);
}

/** The variable a path starts from: `$x.a[0]` → `x`. */
export function rootVariable(e: Expr): string | undefined {
  while (e.kind === "Member" || e.kind === "Index" || e.kind === "Paren") e = e.kind === "Paren" ? e.expr : e.object;
  return e.kind === "Var" ? e.name : undefined;
}

/** The stack variable a path starts from (not `$input` or `$env`). */
function rootVar(e: Expr): { name: string } | undefined {
  const name = rootVariable(e);
  return name === undefined || name === "input" || name === "env" ? undefined : { name };
}

/** Every variable name the stack mentions, read or written, loop variables included. */
export function allVariableNames(tree: NodeTree, out = new Set<string>()): Set<string> {
  for (const n of nodesOf(tree)) if (n.kind === "Var") out.add(n.name);
  return out;
}

/** The top nodes of a tree (a node, or the nodes of nested lists). */
function nodesOfList(tree: NodeTree): Node[] {
  if (tree == null) return [];
  return Array.isArray(tree) ? tree.flatMap((t: NodeTree) => nodesOfList(t)) : [tree as Node];
}
