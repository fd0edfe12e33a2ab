// What tasks and functions share: their properties, their stack, their JSDoc, and the body
// of the async function the stack becomes.
import type { BlockItem, Construct, Expr, Property } from "../../ast.js";
import { allVariableNames, scanVariables } from "../../analyze/variables.js";
import { LAMBDA_NAMES, SYSTEM_NAMES, type ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { emitStack } from "../stack/dispatch.js";
import { unparen } from "../../ast.js";
import { NameScope } from "../core/naming.js";
import { declaredType } from "../core/types.js";

export function props(construct: Construct): Map<string, Expr> {
  return new Map(construct.body.filter((i): i is Property => i.kind === "Property").map((p) => [p.name, p.value]));
}

export function stackOf(construct: Construct): BlockItem[] {
  const stack = construct.body.find((i) => i.kind === "CallStatement" && i.name === "stack");
  return stack?.kind === "CallStatement" ? (stack.body ?? []) : [];
}

export function jsDoc(construct: Construct, description: Expr | undefined): string[] {
  const lines = construct.comments.map((c) => c.text.trim());
  const d = description ? unparen(description) : undefined;
  if (d?.kind === "String" && d.value.trim() !== "" && !lines.includes(d.value.trim())) lines.push(d.value.trim());
  return lines;
}

/**
 * The body of an async function: hoisted `let`s, then the stack, then (for a function) the
 * `return` of its response. The response is written before the `let`s are collected: a
 * variable it reads that the stack never assigns is declared too (null, as in Xano).
 */
export function body(items: BlockItem[], ctx: ModuleContext, returns: "value" | "void", response?: Expr): string {
  ctx.uses = scanVariables(items, response ? [response] : []);
  // The system's names are never the module's own, nor `$auth` (the caller's, named as it is);
  // the lambda names ($index, …) only when the stack assigns them itself.
  const lambdaNames: ReadonlySet<string> = new Set(LAMBDA_NAMES);
  const variables = [...allVariableNames([items, response])].filter(
    (name) => !SYSTEM_NAMES.has(name) && name !== "auth" && !(lambdaNames.has(name) && !ctx.uses.has(name)),
  );
  ctx.names = new NameScope(variables, ctx.localNames);
  for (const id of ctx.names.variableIds()) ctx.localNames.add(id);
  const lines = emitStack(items, ctx, { returns });
  if (returns === "value") lines.push(`return ${response ? expr(response, ctx) : "null"};`);
  const hoisted = ctx.hoisted();
  const declarations =
    hoisted.length > 0 ? [`let ${hoisted.map((h) => `${h}: ${hoistedType(h, ctx)} = null`).join(", ")};`, ""] : [];
  return [...declarations, ...lines].join("\n");
}

/**
 * A hoisted variable's type: what every assignment gives, or null before the first one runs
 * (`string | null`); `any` where an assignment's type is not known.
 */
function hoistedType(id: string, ctx: ModuleContext): string {
  const name = [...ctx.variables].find(([, v]) => v === id)?.[0];
  if (name === undefined) return "any";
  const type = ctx.variableTypes.get(name) ?? ctx.variableTypesOrNull.get(name);
  return type === "number" || type === "text" || type === "bool" ? `${declaredType(type)} | null` : "any";
}
