// What the emitter works out about a whole stack before writing it: which variables are
// changed in place (so a copy is needed where another variable could see the change),
// which loop variables are only used inside their loop, and each variable's static type
// over all of its assignments (so `$i + 1` is `i + 1` when `$i` only ever holds numbers).
import type { BlockItem, CallStatement, Expr, Span } from "../ast.js";
import { ModuleContext } from "./context.js";
import { emit, unparen, type StaticType } from "./expressions.js";
import { nestedBlocks, removesItems } from "../analyze/blocks.js";
import { rootVariable } from "../analyze/variables.js";
import { asyncFlag } from "./async.js";

/** Statements that change the variable named by their first argument in place. */
const IN_PLACE = /^(array\.(push|pop|shift|unshift|merge)|text\.(append|prepend|trim|ltrim|rtrim)|math\.)/;

export interface StackModel {
  /** Variables whose value is changed in place (path updates, array.push, …). */
  mutated: Set<string>;
  /** Loop variables (`each as $x`) used anywhere outside the loops that declare them, or assigned. */
  escapingLoopVariables: Set<string>;
  /** Variables an `await $x` waits for (the promises of async statements someone reads). */
  awaited: Set<string>;
}

export { rootVariable };

export function modelStack(items: readonly BlockItem[], readAfter: readonly Expr[] = []): StackModel {
  const mutated = new Set<string>();
  const escaping = new Set<string>();
  const assigned = new Set<string>();
  const loopNames = new Set<string>();
  const awaited = new Set<string>();
  const visitExpr = (node: unknown, inScope: readonly string[]): void => {
    if (Array.isArray(node)) {
      for (const n of node) visitExpr(n, inScope);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const n = node as { kind?: string; name?: string; object?: { kind?: string; name?: string }; property?: string };
    if (n.kind === "Var" && !inScope.includes(n.name!)) escaping.add(n.name!);
    if (n.kind === "Member" && n.object?.kind === "Var" && n.object.name === "var" && !inScope.includes(n.property!)) escaping.add(n.property!);
    for (const [key, value] of Object.entries(n)) if (key !== "span" && key !== "comments") visitExpr(value, inScope);
  };
  const walk = (list: readonly BlockItem[], inScope: readonly string[]): void => {
    for (const item of list) {
      if (item.kind === "CallStatement") {
        const target = item.args[0];
        const root = target && target.kind !== "Attribute" ? rootVariable(target) : undefined;
        if (root !== undefined) {
          if ((item.name === "var" || item.name === "var.update") && unparen(target as Expr).kind !== "Var") mutated.add(root);
          if (IN_PLACE.test(item.name)) mutated.add(root);
          if (item.name === "var" || item.name === "var.update" || IN_PLACE.test(item.name)) assigned.add(root);
        }
        if (item.as) assigned.add(item.as.name);
        if (item.name === "await" && target?.kind === "Var") awaited.add(target.name);
        visitExpr(item.args, inScope);
        for (const body of nestedBlocks(item)) walk(body, inScope);
        continue;
      }
      if (item.kind === "Foreach" && removesItems(item.body)) {
        // `remove` assigns the list after the loop; a path (`$order.items`) is changed in place.
        const root = rootVariable(item.list);
        if (root !== undefined) assigned.add(root);
        if (root !== undefined && unparen(item.list).kind !== "Var") mutated.add(root);
      }
      if (item.kind === "Foreach" || item.kind === "For") {
        const scope = item.item ? [...inScope, item.item.name] : inScope;
        if (item.item) loopNames.add(item.item.name);
        visitExpr(item.kind === "Foreach" ? item.list : item.count, inScope);
        walk(item.body, scope);
        continue;
      }
      if (item.kind === "Property") {
        visitExpr(item.value, inScope);
        continue;
      }
      const { body: _b, clauses: _c, cases: _k, catchBody: _t, finallyBody: _f, ...rest } = item as unknown as Record<string, unknown>;
      visitExpr(rest, inScope);
      if (item.kind === "Conditional") for (const c of item.clauses) visitExpr(c.test, inScope);
      if (item.kind === "Switch") for (const c of item.cases) visitExpr(c.test, inScope);
      for (const body of nestedBlocks(item)) walk(body, inScope);
    }
  };
  walk(items, []);
  visitExpr(readAfter, []);
  const escapingLoopVariables = new Set([...loopNames].filter((n) => escaping.has(n) || assigned.has(n)));
  return { mutated, escapingLoopVariables, awaited };
}

// ── static types over all assignments ──

type Assignment = { kind: "expr"; expr: Expr } | { kind: "type"; type: StaticType };

const STATEMENT_RESULT: Record<string, StaticType> = {
  "array.filter": "list",
  "array.map": "list",
  "array.filter_count": "number",
  "array.find_index": "number",
  "array.has": "bool",
  "array.every": "bool",
  "array.union": "list",
  "array.difference": "list",
  "array.intersection": "list",
  "array.partition": "object",
  "object.keys": "list",
  "object.values": "list",
  "object.entries": "list",
  "text.contains": "bool",
  "text.icontains": "bool",
  "text.starts_with": "bool",
  "text.istarts_with": "bool",
  "text.ends_with": "bool",
  "text.iends_with": "bool",
  "security.random_number": "number",
  "security.create_uuid": "text",
  "redis.has": "bool",
  "redis.incr": "number",
  "redis.decr": "number",
  "redis.push": "number",
  "redis.unshift": "number",
  "redis.count": "number",
  "redis.remove": "number",
  "redis.range": "list",
  "redis.keys": "list",
  "redis.ratelimit": "bool",
};

const TARGET_TYPE: Record<string, StaticType> = {
  "math.add": "number",
  "math.sub": "number",
  "math.mul": "number",
  "math.div": "number",
  "math.mod": "number",
  "math.bitwise.and": "number",
  "math.bitwise.or": "number",
  "math.bitwise.xor": "number",
  "text.append": "text",
  "text.prepend": "text",
  "text.trim": "text",
  "text.ltrim": "text",
  "text.rtrim": "text",
};

function collectAssignments(items: readonly BlockItem[], out: Map<string, Assignment[]>): void {
  const add = (name: string, a: Assignment) => {
    if (!out.has(name)) out.set(name, []);
    out.get(name)!.push(a);
  };
  for (const item of items) {
    if (item.kind === "CallStatement") {
      const target = item.args[0];
      const t = target && target.kind !== "Attribute" ? unparen(target) : undefined;
      const value = (item.body ?? []).find((p) => p.kind === "Property" && p.name === "value");
      if (item.name === "var" || item.name === "var.update") {
        if (t?.kind === "Var" && value?.kind === "Property") add(t.name, { kind: "expr", expr: value.value });
        else if (t && rootVariable(t)) add(rootVariable(t)!, { kind: "type", type: "keep" as StaticType });
      } else if (t?.kind === "Var" && TARGET_TYPE[item.name]) add(t.name, { kind: "type", type: TARGET_TYPE[item.name]! });
      else if (t && /^array\.(push|unshift|merge|pop|shift)$/.test(item.name) && rootVariable(t)) {
        add(rootVariable(t)!, { kind: "type", type: t.kind === "Var" ? "list" : ("keep" as StaticType) });
      } else if (t && rootVariable(t) && IN_PLACE.test(item.name)) add(rootVariable(t)!, { kind: "type", type: "keep" as StaticType });
      // An async statement's variable holds the promise of its result, not the result.
      const result = asyncFlag(item) === true ? "promise" : (STATEMENT_RESULT[item.name] ?? "unknown");
      if (item.as) add(item.as.name, { kind: "type", type: item.asFilters?.length ? "unknown" : result });
    }
    if (item.kind === "For" && item.item) add(item.item.name, { kind: "type", type: "number" });
    if (item.kind === "Foreach" && item.item) add(item.item.name, { kind: "type", type: "unknown" });
    const removedFrom = item.kind === "Foreach" && removesItems(item.body) ? rootVariable(item.list) : undefined;
    if (removedFrom !== undefined && removedFrom !== "input" && item.kind === "Foreach") {
      add(removedFrom, { kind: "type", type: item.list.kind === "Var" ? "list" : ("keep" as StaticType) });
    }
    for (const body of nestedBlocks(item)) collectAssignments(body, out);
  }
}

/**
 * Each variable's type when every assignment gives the same type, found by iterating to a
 * fixed point (a variable's own type feeds its next assignment, as in `$i = $i + 1`).
 * `keep` (a change of a part, e.g. `var.update $x[0]`) keeps a list a list and an object an object.
 */
export function inferTypes(items: readonly BlockItem[], ctx: ModuleContext): Map<string, StaticType> {
  const assignments = new Map<string, Assignment[]>();
  collectAssignments(items, assignments);
  const scratch = new ModuleContext(ctx.workspace, ctx.modulePath, ctx.sourcePath, []);
  for (const [k, v] of ctx.variables) scratch.variables.set(k, v);
  for (const [k, v] of ctx.inputTypes) scratch.inputTypes.set(k, v);
  let types = new Map<string, StaticType>();
  for (let pass = 0; pass < 6; pass++) {
    scratch.variableTypes.clear();
    for (const [k, v] of types) scratch.variableTypes.set(k, v);
    const next = new Map<string, StaticType>();
    for (const [name, list] of assignments) {
      let joined: StaticType | undefined;
      for (const a of list) {
        const t = a.kind === "type" ? a.type : safeType(a.expr, scratch);
        if ((t as string) === "keep") continue;
        joined = joined === undefined || joined === t ? t : "unknown";
      }
      if (joined !== undefined && joined !== "unknown" && joined !== "null") {
        const keepsShape = list.every((a) => a.kind !== "type" || (a.type as string) !== "keep" || joined === "list" || joined === "object");
        if (keepsShape) next.set(name, joined);
      }
    }
    const same = next.size === types.size && [...next].every(([k, v]) => types.get(k) === v);
    types = next;
    if (same) return types;
  }
  return new Map();
}

function safeType(e: Expr, ctx: ModuleContext): StaticType {
  try {
    return emit(e, ctx).type;
  } catch {
    return "unknown";
  }
}

/** A synthetic node at another node's place, for statements written through expressions. */
export function at<T extends object>(node: T, span: Span): T & { span: Span } {
  return { ...node, span };
}

export type { CallStatement };
