// Binding a statement's result to its variable (`as $x`, with its filters), writing to a
// target (a variable or a path), and the copies XanoScript's value semantics need.
import { unparen, type CallStatement, type Expr } from "../../ast.js";
import type { StackModel } from "../../analyze/stack-model.js";
import { rootVariable } from "../../analyze/variables.js";
import type { ModuleContext } from "../core/context.js";
import type { Lines } from "../core/types.js";
import type { Emitted } from "../expr/emitted.js";
import { applyFilter, emit, expr } from "../expr/expressions.js";

/** What is known of the stack being written (see analyze/stack-model.ts). */
export function stackModel(ctx: ModuleContext): StackModel {
  return ctx.stackModel ?? { mutated: new Set(), escapingLoopVariables: new Set(), awaited: new Set() };
}

/**
 * `as $x` (with its `|filters`, if any): binds a statement's result. Without `as`, the
 * statement runs for its effect.
 */
export function bind(s: CallStatement, code: string, ctx: ModuleContext): Lines {
  if (s.as === null) return [`${code};`];
  // Precedence 0: the result is parenthesised wherever a filter puts it next to an operator.
  let value: Emitted = { code, type: "unknown", prec: 0 };
  for (const f of s.asFilters ?? []) value = applyFilter(value, f, s.span, ctx);
  return [ctx.assign(s.as.name, value.code)];
}

/**
 * The value of `value` for a new binding: a copy when it may share a list or object with a
 * variable that is changed in place (XanoScript variables hold values, not references).
 */
export function copyOf(value: Expr, ctx: ModuleContext, target?: string): string {
  const out = emit(value, ctx);
  const v = unparen(value);
  // A promise (of an async statement) is shared, never copied: it is the same work.
  const fresh =
    v.kind === "Array" ||
    v.kind === "Object" ||
    (v.kind === "Binary" && !["??", "||", "&&"].includes(v.op)) ||
    v.kind === "Unary" ||
    ["number", "text", "bool", "null", "promise"].includes(out.type);
  if (fresh) return out.code;
  const mutated = stackModel(ctx).mutated;
  const root = rootVariable(v.kind === "Filter" ? filterRoot(v) : v);
  const shares = (target !== undefined && mutated.has(target)) || (root !== undefined && mutated.has(root));
  return shares ? `${ctx.rt("values", "clone")}(${out.code})` : out.code;
}

function filterRoot(e: Expr): Expr {
  while (e.kind === "Filter" || e.kind === "Paren") e = e.kind === "Paren" ? e.expr : e.subject;
  return e;
}

/** Writes `code` to a statement's target: `x = code` for a variable, a path update for `$x.a[0]`. */
export function writeTarget(target: Expr, code: string, ctx: ModuleContext): Lines {
  const t = unparen(target);
  if (t.kind === "Var") return [ctx.assign(t.name, code)];
  const root = pathRoot(t, ctx);
  if (root === "input") return [`${ctx.rt("values", "setPath")}(input, ${pathKeys(t, ctx)}, ${code});`];
  // A path: `$x.a[0]` — the root is updated in place (and created when null).
  return [`${root} = ${ctx.rt("values", "setPath")}(${root}, ${pathKeys(t, ctx)}, ${code});`];
}

function pathRoot(e: Expr, ctx: ModuleContext): string {
  while (e.kind === "Member" || e.kind === "Index") e = e.object;
  return e.kind === "Var" ? variableName(e.name, ctx) : expr(e, ctx);
}

function pathKeys(e: Expr, ctx: ModuleContext): string {
  const keys: string[] = [];
  while (e.kind === "Member" || e.kind === "Index") {
    keys.unshift(e.kind === "Member" ? JSON.stringify(e.property) : expr(e.index, ctx));
    e = e.object;
  }
  return `[${keys.join(", ")}]`;
}

/** A stack variable's TypeScript name (declared once, at the top of the run function). */
export function variableName(name: string, ctx: ModuleContext): string {
  return ctx.variableId(name);
}
