// api.lambda: the JavaScript Xano ran in its Lambda becomes a typed TypeScript function in
// place, called with JSON copies of what the code reads from $input, $var and $env.
import { prop, stringValue, unparen, type BlockItem, type CallStatement, type Expr } from "../../ast.js";
import { nestedBlocks } from "../../analyze/blocks.js";
import { lineComments, objectProperty } from "../core/escape.js";
import { isStackVariable, type ModuleContext } from "../core/context.js";
import { notMigrated } from "../core/lines.js";
import type { Lines } from "../core/types.js";
import { expr } from "../expr/expressions.js";
import { typedJavaScript, type NameReads } from "../expr/javascript.js";
import { bind } from "../stack/bind.js";

/** The statements this family handles. */
export const LAMBDA_STATEMENTS = ["api.lambda"];

export function emitLambdaStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (!LAMBDA_STATEMENTS.includes(s.name)) return undefined;
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
      ...lineComments(code.value, "   "),
    ];
  }
  for (const name of typed.npmImports) {
    ctx.report({
      kind: "difference",
      code: "XS5010",
      message: `api.lambda imports the npm package ${name}: add it to package.json`,
      position: s.span.start,
    });
  }
  const scope: string[] = [];
  const names: string[] = [];
  for (const [name, build] of [
    ["$input", inputScope],
    ["$var", variableScope],
    ["$env", envScope],
  ] as const) {
    const reads = typed.reads.get(name);
    if (reads === undefined) continue;
    names.push(name);
    scope.push(`${name}: ${build(reads, ctx, s)}`);
  }
  const timeout = prop(s, "timeout");
  const options = timeout === undefined ? "" : `, { timeoutSeconds: ${expr(timeout, ctx)} }`;
  const parameter =
    names.length === 0 ? "()" : `({ ${names.join(", ")} }: ${ctx.useType("runtime/lambda", "LambdaScope")})`;
  const call = `await ${ctx.rt("lambda", "runLambda")}({ ${scope.join(", ")} }, async ${parameter} => {\n${typed.code}\n}${options})`;
  return [
    "// api.lambda: the JavaScript Xano ran, now run in place on JSON copies of the stack.",
    ...bind(s, call, ctx),
  ];
}

function inputScope(_reads: NameReads, ctx: ModuleContext, s: CallStatement): string {
  return expr({ kind: "Var", name: "input", span: s.span }, ctx);
}

/** The stack variables the code reads: those it names, or all of them when it reads `$var` whole. */
function variableScope(reads: NameReads, ctx: ModuleContext, s: CallStatement): string {
  const names = new Set(reads.properties);
  if (reads.whole) {
    for (const [name, id] of ctx.variables) if (isStackVariable(name) && !ctx.loopVariables.has(id)) names.add(name);
  }
  const fields = [...names].map((name) => {
    const value = expr(member("var", name, s), ctx);
    return objectProperty(name, value);
  });
  return `{ ${fields.join(", ")} }`;
}

/** The environment variables the code names, or the whole environment when it reads `$env` whole. */
function envScope(reads: NameReads, ctx: ModuleContext, s: CallStatement): string {
  if (reads.whole) return ctx.use("env", "env");
  const fields = [...reads.properties].map((name) => objectProperty(name, expr(member("env", name, s), ctx)));
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
      const text = stringValue(code);
      if (text !== undefined) codes.push(text);
    }
    for (const block of nestedBlocks(item)) codes.push(...lambdaCodes(block));
  }
  return codes;
}
