// What the emitter works out about a whole stack before writing it: which variables are
// changed in place (so a copy is needed where another variable could see the change),
// which loop variables are only used inside their loop, and which variables an `await` reads.
import { children, nodesOf, unparen, type BlockItem, type Expr, type Node, type NodeTree } from "../ast.js";
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
  const visitExpr = (tree: NodeTree, inScope: readonly string[]): void => {
    for (const n of nodesOf(tree)) {
      if (n.kind === "Var" && !inScope.includes(n.name)) escaping.add(n.name);
      if (n.kind === "Member" && n.object.kind === "Var" && n.object.name === "var" && !inScope.includes(n.property))
        escaping.add(n.property);
    }
  };
  const walk = (list: readonly BlockItem[], inScope: readonly string[]): void => {
    for (const item of list) {
      if (item.kind === "CallStatement") {
        const target = item.args[0];
        const root = target && target.kind !== "Attribute" ? rootVariable(target) : undefined;
        if (root !== undefined) {
          if ((item.name === "var" || item.name === "var.update") && unparen(target as Expr).kind !== "Var")
            mutated.add(root);
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
      // The statement's own expressions (a while's test, a switch's subject, each clause's
      // test); its blocks are walked next.
      const inner = new Set<Node>(nestedBlocks(item).flat());
      for (const child of children(item)) {
        if (inner.has(child)) continue;
        if (child.kind === "If" || child.kind === "Case") visitExpr(child.test, inScope);
        else visitExpr(child, inScope);
      }
      for (const body of nestedBlocks(item)) walk(body, inScope);
    }
  };
  walk(items, []);
  visitExpr(readAfter, []);
  const escapingLoopVariables = new Set([...loopNames].filter((n) => escaping.has(n) || assigned.has(n)));
  return { mutated, escapingLoopVariables, awaited };
}
