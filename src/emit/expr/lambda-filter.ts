// The lambda_* filters: `$xs|lambda_map:"return $this * 2"` runs the JavaScript in place as a
// typed TypeScript callback. The expression emitter passes itself in (`emit`): it sits above.
import { unparen, type Expr, type FilterExpr } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { CALL, notMigratedExpr, type Emitted } from "./emitted.js";
import type { FilterSpec } from "./filter-catalog.js";
import { typedJavaScript } from "./javascript.js";

/** What each lambda_* filter's code is given, in order. */
const FILTER_BINDINGS: Record<string, string[]> = {
  lambda: ["$this"],
  lambda_reduce: ["$result", "$this", "$index", "$parent"],
};
const ITEM_BINDINGS = ["$this", "$index", "$parent"];
const BINDING_TYPES: Record<string, string> = { $this: "Json", $result: "Json", $index: "number", $parent: "Json[]" };

/**
 * `$xs|lambda_map:"return $this * 2"`: the JavaScript becomes the callback, in place:
 * `lambdaMap(xs, ($this: Json) => { return $this * 2; })`.
 */
export function emitLambdaFilter(
  e: FilterExpr,
  spec: FilterSpec,
  ctx: ModuleContext,
  emit: (e: Expr, ctx: ModuleContext) => Emitted,
  subjectOf: () => Emitted,
): Emitted {
  const codeAt = e.name === "lambda_reduce" ? 1 : 0;
  const source = e.args[codeAt] === undefined ? undefined : unparen(e.args[codeAt]!);
  if (source === undefined || source.kind !== "String")
    return notMigratedExpr(`the filter |${e.name} whose code is not a literal text`, e, ctx);
  const typed = typedJavaScript(source.value);
  if (typed.errors.length > 0)
    return notMigratedExpr(`the filter |${e.name}: its JavaScript does not parse (${typed.errors[0]})`, e, ctx);
  // A filter is an expression, possibly inside another filter's callback: it cannot wait.
  if (typed.awaits)
    return notMigratedExpr(`the filter |${e.name}: its JavaScript waits (await); use api.lambda`, e, ctx);
  const outside = ["$input", "$var", "$env"].filter((name) => typed.reads.has(name));
  if (outside.length > 0)
    return notMigratedExpr(`the filter |${e.name}: its JavaScript reads ${outside.join(", ")}`, e, ctx);
  const timeout = e.args[codeAt + 1];
  if (timeout !== undefined) {
    ctx.report({
      kind: "difference",
      code: "XS5012",
      message: `|${e.name}'s timeout is not enforced: code that never waits cannot be stopped`,
      position: timeout.span.start,
    });
  }
  const bindings = FILTER_BINDINGS[e.name] ?? ITEM_BINDINGS;
  // Parameters up to the last one the code reads: the callback's positions must line up.
  const used = bindings.slice(0, Math.max(1, ...bindings.map((b, i) => (typed.reads.has(b) ? i + 1 : 0))));
  const json = ctx.useType("runtime/lambda", "Json");
  const parameters = used.map(
    (b) => `${b}: ${BINDING_TYPES[b] === "Json" ? json : BINDING_TYPES[b]!.replace("Json", json)}`,
  );
  const callback = `(${parameters.join(", ")}) => {\n${typed.code}\n}`;
  const args = [subjectOf().code, ...(e.name === "lambda_reduce" ? [emit(e.args[0]!, ctx).code] : []), callback];
  const type =
    spec.returns === "array"
      ? "list"
      : spec.returns === "bool"
        ? "bool"
        : spec.returns === "int"
          ? "number"
          : "unknown";
  return { code: `${ctx.rt("lambda", spec.exportName)}(${args.join(", ")})`, type, prec: CALL };
}
