// `async = true` on function.run and api.request, and `await $x as $y`. The statement's work
// starts as a promise nothing waits for; the variable of its `as` holds that promise (typed
// Promise<result>), and `await $x as $y` is `const y = await x`. Work no `await` reads is fire
// and forget: its failure is logged. Either way the process waits for it before it exits
// (runtime/async.ts).
import type { CallStatement } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { functionCall } from "./functions.js";
import { apiRequestCall } from "./integrations.js";
import { asyncFlag } from "../../analyze/blocks.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { stackModel, bind } from "../stack/bind.js";

/** The statements that take `async = true`, each with the call that starts its work. */
const STARTS: Record<string, (s: CallStatement, ctx: ModuleContext) => string | Lines> = {
  "function.run": functionCall,
  "api.request": apiRequestCall,
};

/** A statement with `async = true` (or an `async` the emitter cannot decide). */
export function emitAsync(s: CallStatement, ctx: ModuleContext): Lines {
  const start = STARTS[s.name];
  if (start === undefined)
    return notMigrated(s, ctx, `async = true on ${s.name} (only function.run and api.request run in the background)`);
  if (asyncFlag(s) === undefined)
    return notMigrated(s, ctx, "async set by an expression (only async = true or false is known before it runs)");
  const call = start(s, ctx);
  if (typeof call !== "string") return call;
  if (s.as !== null && stackModel(ctx).awaited.has(s.as.name))
    return [ctx.assign(s.as.name, `${ctx.rt("async", "startAsync")}(${call})`)];
  const statement = `${s.name} (${ctx.sourcePath}:${s.span.start.line})`;
  return bind(s, `${ctx.rt("async", "runInBackground")}(${call}, ${JSON.stringify(statement)})`, ctx);
}

/** `await $x as $y`: waits for what an async statement started. */
export function emitAwait(s: CallStatement, ctx: ModuleContext): Lines {
  const target = s.args[0];
  if (target === undefined || target.kind === "Attribute")
    return notMigrated(s, ctx, "await without a variable to wait for");
  if ((s.body ?? []).length > 0) return notMigrated(s, ctx, "await with settings of its own");
  return bind(s, `await ${expr(target, ctx)}`, ctx);
}
