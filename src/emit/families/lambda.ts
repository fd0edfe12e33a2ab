// api.lambda: the JavaScript Xano ran in its Lambda becomes a typed TypeScript function in
// place, called with JSON copies of what the code reads from $input, $var and $env.
import type { BlockItem, CallStatement, Expr, FilterExpr } from "../../ast.js";
import { nestedBlocks } from "../../analyze/blocks.js";
import { objectKey } from "../../analyze/names.js";
import type { ModuleContext } from "../core/context.js";
import { CALL, emit, expr, notMigratedExpr, type Emitted } from "../expr/expressions.js";
import type { FilterSpec } from "../expr/filter-catalog.js";
import { typedJavaScript, type NameReads } from "../expr/javascript.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** Stack names that are not the user's variables (see ModuleContext.hoisted). */
const NOT_VARIABLES = new Set(["$", "error", "input", "env", "db", "var", "", "\u0000result"]);

export function emitLambdaStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (s.name !== "api.lambda") return undefined;
  const source = prop(s, "code");
  const code = source === undefined ? undefined : unparen(source);
  if (code === undefined || code.kind !== "String") {
    return notMigrated(s, ctx, "api.lambda whose code is not a literal text (it is built at run time)");
  }
  const typed = typedJavaScript(code.value);
  if (typed.errors.length > 0) {
    return [
      ...notMigrated(s, ctx, `its JavaScript does not parse (${typed.errors[0]})`),
      "// The code, as written in Xano:",
      ...code.value.split("\n").map((line) => `//   ${line}`),
    ];
  }
  for (const name of typed.npmImports) {
    ctx.report({ kind: "difference", code: "XS5010", message: `api.lambda imports the npm package ${name}: add it to package.json`, position: s.span.start });
  }
  const scope: string[] = [];
  const names: string[] = [];
  for (const [name, build] of [["$input", inputScope], ["$var", variableScope], ["$env", envScope]] as const) {
    const reads = typed.reads.get(name);
    if (reads === undefined) continue;
    names.push(name);
    scope.push(`${name}: ${build(reads, ctx, s)}`);
  }
  const timeout = prop(s, "timeout");
  const options = timeout === undefined ? "" : `, { timeoutSeconds: ${expr(timeout, ctx)} }`;
  const parameter = names.length === 0 ? "()" : `({ ${names.join(", ")} }: ${ctx.useType("runtime/lambda", "LambdaScope")})`;
  const call = `await ${ctx.rt("lambda", "runLambda")}({ ${scope.join(", ")} }, async ${parameter} => {\n${typed.code}\n}${options})`;
  return ["// api.lambda: the JavaScript Xano ran, now run in place on JSON copies of the stack.", ...bind(s, call, ctx)];
}

function inputScope(_reads: NameReads, ctx: ModuleContext, s: CallStatement): string {
  return expr({ kind: "Var", name: "input", span: s.span }, ctx);
}

/** The stack variables the code reads: those it names, or all of them when it reads `$var` whole. */
function variableScope(reads: NameReads, ctx: ModuleContext, s: CallStatement): string {
  const names = new Set(reads.properties);
  if (reads.whole) {
    for (const [name, id] of ctx.variables) if (!NOT_VARIABLES.has(name) && !ctx.loopVariables.has(id)) names.add(name);
  }
  const fields = [...names].map((name) => {
    const value = expr(member("var", name, s), ctx);
    return value === objectKey(name) ? value : `${objectKey(name)}: ${value}`;
  });
  return `{ ${fields.join(", ")} }`;
}

/** The environment variables the code names, or the whole environment when it reads `$env` whole. */
function envScope(reads: NameReads, ctx: ModuleContext, s: CallStatement): string {
  if (reads.whole) return ctx.use("env", "env");
  const fields = [...reads.properties].map((name) => `${objectKey(name)}: ${expr(member("env", name, s), ctx)}`);
  return `{ ${fields.join(", ")} }`;
}

function member(root: string, property: string, s: CallStatement): Expr {
  return { kind: "Member", object: { kind: "Var", name: root, span: s.span }, property, span: s.span } as Expr;
}

/** The code of every api.lambda in a definition, to be typed in one pass (typeTogether). */
export function lambdaCodes(items: readonly BlockItem[]): string[] {
  const codes: string[] = [];
  for (const item of items) {
    if (item.kind === "CallStatement" && item.name === "api.lambda") {
      const code = prop(item, "code");
      if (code !== undefined && unparen(code).kind === "String") codes.push((unparen(code) as Extract<Expr, { kind: "String" }>).value);
    }
    for (const block of nestedBlocks(item)) codes.push(...lambdaCodes(block));
  }
  return codes;
}

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
export function emitLambdaFilter(e: FilterExpr, spec: FilterSpec, ctx: ModuleContext): Emitted {
  const codeAt = e.name === "lambda_reduce" ? 1 : 0;
  const source = e.args[codeAt] === undefined ? undefined : unparen(e.args[codeAt]!);
  if (source === undefined || source.kind !== "String") return notMigratedExpr(`the filter |${e.name} whose code is not a literal text`, e, ctx);
  const typed = typedJavaScript(source.value);
  if (typed.errors.length > 0) return notMigratedExpr(`the filter |${e.name}: its JavaScript does not parse (${typed.errors[0]})`, e, ctx);
  // A filter is an expression, possibly inside another filter's callback: it cannot wait.
  if (typed.awaits) return notMigratedExpr(`the filter |${e.name}: its JavaScript waits (await); use api.lambda`, e, ctx);
  const outside = ["$input", "$var", "$env"].filter((name) => typed.reads.has(name));
  if (outside.length > 0) return notMigratedExpr(`the filter |${e.name}: its JavaScript reads ${outside.join(", ")}`, e, ctx);
  const timeout = e.args[codeAt + 1];
  if (timeout !== undefined) {
    ctx.report({ kind: "difference", code: "XS5012", message: `|${e.name}'s timeout is not enforced: code that never waits cannot be stopped`, position: timeout.span.start });
  }
  const bindings = FILTER_BINDINGS[e.name] ?? ITEM_BINDINGS;
  // Parameters up to the last one the code reads: the callback's positions must line up.
  const used = bindings.slice(0, Math.max(1, ...bindings.map((b, i) => (typed.reads.has(b) ? i + 1 : 0))));
  const json = ctx.useType("runtime/lambda", "Json");
  const parameters = used.map((b) => `${b}: ${BINDING_TYPES[b] === "Json" ? json : BINDING_TYPES[b]!.replace("Json", json)}`);
  const callback = `(${parameters.join(", ")}) => {\n${typed.code}\n}`;
  const args = [emit(e.subject, ctx).code, ...(e.name === "lambda_reduce" ? [expr(e.args[0]!, ctx)] : []), callback];
  const type = spec.returns === "array" ? "list" : spec.returns === "bool" ? "bool" : spec.returns === "int" ? "number" : "unknown";
  return { code: `${ctx.rt("lambda", spec.exportName)}(${args.join(", ")})`, type, prec: CALL };
}
