// How a stack uses its variables, to declare each one where a reader expects it: `const` at
// its only assignment when it is written once at the top level, otherwise `let` up front.
import type { BlockItem, Expr } from "../ast.js";

export interface VariableUse {
  assignments: number;
  /** The first assignment is a statement of the stack itself, not inside a block. */
  firstAtTopLevel: boolean;
}

/** Statements that change the variable named by their first argument in place. */
const MUTATES_TARGET = /^(var\.update|math\.|array\.(push|pop|shift|unshift|merge|append|prepend)|text\.(append|prepend|trim|ltrim|rtrim))/;

export function scanVariables(items: readonly BlockItem[]): Map<string, VariableUse> {
  const uses = new Map<string, VariableUse>();
  const note = (name: string, topLevel: boolean, weight = 1) => {
    const use = uses.get(name);
    if (use) use.assignments += weight;
    else uses.set(name, { assignments: weight, firstAtTopLevel: topLevel });
  };
  const walk = (list: readonly BlockItem[], topLevel: boolean) => {
    for (const item of list) {
      switch (item.kind) {
        case "CallStatement": {
          const target = item.args[0];
          const root = target && target.kind !== "Attribute" ? rootVar(target) : undefined;
          if (item.name === "var" && root) note(root.name, topLevel && target!.kind === "Var", target!.kind === "Var" ? 1 : 2);
          else if (MUTATES_TARGET.test(item.name) && root) note(root.name, false, 2);
          if (item.as) note(item.as.name, topLevel);
          if (item.body) walk(item.body, false);
          break;
        }
        case "Conditional":
          for (const c of item.clauses) walk(c.body, false);
          break;
        case "Foreach":
        case "For":
        case "While":
        case "Each":
        case "If":
        case "Case":
          walk(item.body, false);
          break;
        case "Switch":
          for (const c of item.cases) walk(c.body, false);
          break;
        case "TryCatch":
          walk(item.body, false);
          walk(item.catchBody ?? [], false);
          walk(item.finallyBody ?? [], false);
          break;
      }
    }
  };
  walk(items, true);
  return uses;
}

function rootVar(e: Expr): Extract<Expr, { kind: "Var" }> | undefined {
  while (e.kind === "Member" || e.kind === "Index" || e.kind === "Paren") e = e.kind === "Paren" ? e.expr : e.object;
  return e.kind === "Var" && e.name !== "input" && e.name !== "env" ? e : undefined;
}
