// What the emitter works out about a whole stack before writing it: which variables are
// changed in place (so a copy is needed where another variable could see the change),
// which loop variables are only used inside their loop, and which variables an `await` reads.
import { unparen, type BlockItem, type Expr } from "../ast.js";
import { nestedBlocks, removesItems } from "./blocks.js";
import { rootVariable } from "./variables.js";

/** Statements that change the variable named by their first argument in place. */
export const IN_PLACE = /^(array\.(push|pop|shift|unshift|merge)|text\.(append|prepend|trim|ltrim|rtrim)|math\.)/;

export interface StackModel {
  /** Variables whose value is changed in place (path updates, array.push, …). */
  mutated: Set<string>;
  /** Loop variables (`each as $x`) used anywhere outside the loops that declare them, or assigned. */
  escapingLoopVariables: Set<string>;
  /** Variables an `await $x` waits for (the promises of async statements someone reads). */
  awaited: Set<string>;
}

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


