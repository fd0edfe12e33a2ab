// function.run: an import of the callee's module and a call.
import { posix } from "node:path";
import type { CallStatement } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import { modulePathFor } from "../core/naming.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** Where a function's module lives in the generated project, from src/. */
export function functionModulePath(name: string): string {
  return modulePathFor("function", name);
}

export function functionExportName(name: string): string {
  return camelCase(posix.basename(name));
}

export function emitFunctionRun(s: CallStatement, ctx: ModuleContext): Lines {
  const call = functionCall(s, ctx);
  return typeof call === "string" ? bind(s, `await ${call}`, ctx) : call;
}

/** The function a `function.run` names: a string or a bare word as its first argument, else undefined. */
export function calledFunctionName(s: CallStatement): string | undefined {
  const target = s.args[0];
  return target?.kind === "String" ? target.value : target?.kind === "Ident" ? target.name : undefined;
}

/** The call of the function `function.run` names (not awaited), or the lines of a statement not migrated. */
export function functionCall(s: CallStatement, ctx: ModuleContext): string | Lines {
  const name = calledFunctionName(s);
  if (name === undefined) return notMigrated(s, ctx, "the function name is not a plain name");
  if (!ctx.workspace.functions.has(name)) return notMigrated(s, ctx, `the function "${name}" is not in the workspace`);
  const fn = ctx.use(functionModulePath(name), functionExportName(name));
  const input = prop(s, "input");
  return `${fn}(${input ? expr(input, ctx) : "{}"})`;
}
