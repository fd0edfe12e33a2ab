// Stack statements as TypeScript statements: control flow, variables, errors, and the
// dispatch to the emitters of statement families (db, integrations, functions).
import type { BlockItem, CallStatement, Comment, Expr, Property, Statement } from "../ast.js";
import { camelCase } from "../analyze/names.js";
import type { ModuleContext } from "./context.js";
import { condition, emit, expr, unparen } from "./expressions.js";
import { emitDbStatement } from "./db.js";
import { emitIntegrationStatement } from "./integrations.js";
import { emitSearchStatement } from "./search.js";
import { emitRedisStatement } from "./redis.js";
import { emitFileStatement } from "./files.js";
import { emitLambdaStatement } from "./lambda.js";
import { emitFunctionRun } from "./functions.js";
import { emitMathStatement } from "./math.js";
import { emitArrayStatement } from "./arrays.js";
import { emitTextStatement } from "./text.js";
import { emitObjectStatement } from "./objects.js";
import { emitSecurityStatement } from "./security.js";
import { emitUtilityStatement } from "./utilities.js";
import { inferTypes, modelStack, rootVariable, type StackModel } from "./stack-model.js";
import { emitRemove, removingLoop, withRemoval } from "./remove.js";
import { asyncFlag, emitAsync, emitAwait } from "./async.js";
import { removesItems } from "../analyze/blocks.js";

export type Lines = string[];

/** Where a stack is being written: a task's run() or a function's body. */
export interface StackOptions {
  /** What `return` gives back: a function's response; a task returns nothing. */
  returns: "value" | "void";
}

const models = new WeakMap<ModuleContext, StackModel>();

/** What is known of the stack being written (see stack-model.ts). */
export function stackModel(ctx: ModuleContext): StackModel {
  return models.get(ctx) ?? { mutated: new Set(), escapingLoopVariables: new Set(), awaited: new Set() };
}

/** The `response = …` of the function being written: it reads variables after the stack. */
function responseOf(ctx: ModuleContext): Expr[] {
  const object = ctx.workspace.objects.find((o) => o.relativePath === ctx.sourcePath);
  const response = object?.construct.body.find((i): i is Property => i.kind === "Property" && i.name === "response");
  return response ? [response.value] : [];
}

export function emitStack(items: readonly BlockItem[], ctx: ModuleContext, options: StackOptions): Lines {
  if (ctx.depth === 0 && !models.has(ctx)) {
    models.set(ctx, modelStack(items, responseOf(ctx)));
    for (const [name, type] of inferTypes(items, ctx)) ctx.variableTypes.set(name, type);
  }
  const lines: Lines = [];
  for (const item of items) lines.push(...emitItem(item, ctx, options));
  return lines;
}

/** A block inside a statement: its variables are assigned below the top level. */
function nested(items: readonly BlockItem[], ctx: ModuleContext, options: StackOptions): Lines {
  ctx.depth++;
  try {
    return indent(emitStack(items, ctx, options));
  } finally {
    ctx.depth--;
  }
}

function emitItem(item: BlockItem, ctx: ModuleContext, options: StackOptions): Lines {
  const lines = comments(item.kind === "Property" || item.kind === "Fields" ? item.comments : item.comments);
  if ("disabled" in item && item.disabled) {
    ctx.report({ kind: "difference", code: "XS5001", message: `a statement switched off in Xano (written !${describe(item)}) is kept as a comment`, position: item.span.start });
    return [...lines, `// Disabled in Xano, not run: ${describe(item)} (${ctx.sourcePath}:${item.span.start.line})`];
  }
  switch (item.kind) {
    case "Conditional": {
      item.clauses.forEach((clause, i) => {
        const body = nested(clause.body, ctx, options);
        const head =
          clause.keyword === "else" ? "} else {" : clause.keyword === "elseif" ? `} else if (${condition(clause.test!, ctx)}) {` : `${i > 0 ? "}\n" : ""}if (${condition(clause.test!, ctx)}) {`;
        lines.push(...comments(clause.comments), head, ...body);
      });
      lines.push("}");
      return lines;
    }
    case "Foreach": {
      const list = emit(item.list, ctx);
      const iterable = list.type === "list" ? list.code : `${ctx.rt("values", "listArg")}<any>(${list.code}, "foreach")`;
      const name = item.item?.name;
      // A loop variable also used outside its loop (or assigned) is a stack variable: declared up front.
      const shared = name !== undefined && stackModel(ctx).escapingLoopVariables.has(name);
      const item_ = name === undefined ? "_item" : shared ? variableName(name, ctx) : declareLocal(name, ctx);
      // Each item is a copy in Xano: changing it in place must not change the list.
      const copy = name !== undefined && stackModel(ctx).mutated.has(name) ? [`  ${item_} = ${ctx.rt("values", "clone")}(${item_});`] : [];
      if (!removesItems(item.body)) {
        lines.push(`for (${shared ? "" : "const "}${item_} of ${iterable}) {`, ...copy, ...nested(item.body, ctx, options), "}");
        return lines;
      }
      const loop = removingLoop(item, item_, shared, iterable, ctx);
      const body = withRemoval(loop.removal, ctx, () => nested(item.body, ctx, options));
      lines.push(...loop.before, loop.head, ...copy, ...body, "}", ...loop.after());
      return lines;
    }
    case "For": {
      const name = item.item?.name;
      const shared = name !== undefined && stackModel(ctx).escapingLoopVariables.has(name);
      const index = name === undefined ? ctx.temp("i") : shared ? variableName(name, ctx) : declareLocal(name, ctx, "number");
      const count = emit(item.count, ctx);
      const limit = count.type === "number" ? count.code : `${ctx.rt("values", "toNumber")}(${count.code})`;
      // The count is evaluated once, before the first round.
      const simple = /^[\w.]+$/.test(limit) && (/^\d/.test(limit) || ctx.constants.has(limit));
      const end = simple ? limit : ctx.temp("end");
      const init = simple ? `${shared ? "" : "let "}${index} = 0` : shared ? `${index} = 0, ${end} = ${limit}` : `let ${index} = 0, ${end} = ${limit}`;
      if (!simple && shared) lines.push(`let ${end}: number;`);
      lines.push(`for (${init}; ${index} < ${end}; ${index}++) {`, ...nested(item.body, ctx, options), "}");
      return lines;
    }
    case "While":
      lines.push(`while (${condition(item.test, ctx)}) {`, ...nested(item.body, ctx, options), "}");
      return lines;
    case "Break":
      return [...lines, "break;"];
    case "Continue":
      return [...lines, "continue;"];
    case "Switch": {
      const subject = expr(item.subject, ctx);
      lines.push(`switch (${subject}) {`);
      for (const c of item.cases) {
        lines.push(...comments(c.comments), c.test ? `case ${expr(c.test, ctx)}: {` : "default: {", ...nested(c.body, ctx, options));
        if (c.breaks || c.test === null) lines.push("  break;");
        lines.push("}");
      }
      lines.push("}");
      return lines;
    }
    case "TryCatch": {
      lines.push("try {", ...nested(item.body, ctx, options));
      if (item.catchBody) {
        ctx.variables.set("error", "error");
        lines.push("} catch (caught) {", `  const error = ${ctx.rt("errors", "errorValue")}(caught);`, ...nested(item.catchBody, ctx, options));
      }
      if (item.finallyBody) lines.push("} finally {", ...nested(item.finallyBody, ctx, options));
      // A try_catch with neither catch nor finally: an error inside ends the try, and is dropped.
      if (!item.catchBody && !item.finallyBody) lines.push("} catch {", "  // no catch block in the XanoScript: the error is ignored");
      lines.push("}");
      return lines;
    }
    case "CallStatement":
      return [...lines, ...emitCall(item, ctx, options)];
    case "Property":
    case "Fields":
    case "If":
    case "Case":
    case "Each":
      return [...lines, ...notMigrated(item, ctx, `a ${item.kind.toLowerCase()} here`)];
  }
}

function emitCall(s: CallStatement, ctx: ModuleContext, options: StackOptions): Lines {
  if (asyncFlag(s) !== false) return emitAsync(s, ctx);
  switch (s.name) {
    case "var":
    case "var.update":
      return assignment(s, ctx);
    case "return": {
      const value = prop(s, "value");
      if (options.returns === "void") return value ? [`return; // the task's return value (${expr(value, ctx)}) is not used`] : ["return;"];
      return [`return ${value ? expr(value, ctx) : "null"};`];
    }
    case "debug.log": {
      const value = prop(s, "value");
      return [`${ctx.rt("log", "log")}.debug(${value ? expr(value, ctx) : "null"});`];
    }
    case "debug.stop": {
      const value = prop(s, "value");
      ctx.report({ kind: "difference", code: "XS5011", message: "debug.stop ends the stack here, as it halts in Xano's debugger; its value is logged and returned", position: s.span.start });
      const stop = `${ctx.rt("log", "debugStop")}(${value ? expr(value, ctx) : "null"})`;
      return [options.returns === "void" ? `${stop};\nreturn;` : `return ${stop};`];
    }
    case "precondition": {
      const test = s.args[0];
      if (test === undefined || test.kind === "Attribute") return notMigrated(s, ctx, "a precondition without a condition");
      const type = prop(s, "error_type");
      const message = prop(s, "error");
      const payload = prop(s, "payload");
      const args = [condition(test, ctx), type ? expr(type, ctx) : '"standard"', message ? expr(message, ctx) : '"Precondition failed"'];
      if (payload) args.push(expr(payload, ctx));
      return [`${ctx.rt("errors", "precondition")}(${args.join(", ")});`];
    }
    case "throw": {
      const name = prop(s, "name");
      const value = prop(s, "value");
      return [`throw new ${ctx.rt("errors", "XanoError")}(${name ? expr(name, ctx) : '"standard"'}, ${value ? expr(value, ctx) : '""'});`];
    }
    case "function.run":
      return emitFunctionRun(s, ctx);
    case "remove":
      return emitRemove(s, ctx);
    case "await":
      return emitAwait(s, ctx);
    case "group":
    case "stack":
      return ["{", ...nested(s.body ?? [], ctx, options), "}"];
  }
  return (
    emitMathStatement(s, ctx) ??
    emitArrayStatement(s, ctx) ??
    emitTextStatement(s, ctx) ??
    emitObjectStatement(s, ctx) ??
    emitSecurityStatement(s, ctx) ??
    emitDbStatement(s, ctx) ??
    emitIntegrationStatement(s, ctx) ??
    emitSearchStatement(s, ctx) ??
    emitRedisStatement(s, ctx) ??
    emitFileStatement(s, ctx) ??
    emitUtilityStatement(s, ctx) ??
    emitLambdaStatement(s, ctx) ??
    notMigrated(s, ctx)
  );
}

/** `var $x { value = … }` declares or reassigns; `var.update $x.path { value = … }` assigns. */
function assignment(s: CallStatement, ctx: ModuleContext): Lines {
  const target = s.args[0];
  const value = prop(s, "value");
  if (target === undefined || target.kind === "Attribute" || value === undefined) return notMigrated(s, ctx, `${s.name} without a target or a value`);
  const t = unparen(target);
  const code = copyOf(value, ctx, t.kind === "Var" ? t.name : undefined);
  if (t.kind === "Var") return [ctx.assign(t.name, code)];
  return writeTarget(t, code, ctx);
}

/**
 * The value of `value` for a new binding: a copy when it may share a list or object with a
 * variable that is changed in place (XanoScript variables hold values, not references).
 */
export function copyOf(value: Expr, ctx: ModuleContext, target?: string): string {
  const out = emit(value, ctx);
  const v = unparen(value);
  // A promise (of an async statement) is shared, never copied: it is the same work.
  const fresh = v.kind === "Array" || v.kind === "Object" || (v.kind === "Binary" && !["??", "||", "&&"].includes(v.op)) || v.kind === "Unary" || ["number", "text", "bool", "null", "promise"].includes(out.type);
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

/** `as $x` (with its `|filters`, if any): binds a statement's result. */
export function bind(s: CallStatement, code: string, ctx: ModuleContext): Lines {
  if (s.as === null) return [`${code};`];
  let value = code;
  for (const f of s.asFilters ?? []) {
    const filter: Expr = { kind: "Filter", subject: { kind: "Var", name: "\u0000result", span: s.span }, name: f.name, args: f.args, span: s.span };
    ctx.variables.set("\u0000result", `(${value})`);
    value = expr(filter, ctx);
    ctx.variables.delete("\u0000result");
  }
  return [ctx.assign(s.as.name, value)];
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
  const existing = ctx.variables.get(name);
  if (existing) return existing;
  const id = camelCase(name);
  ctx.variables.set(name, id);
  return id;
}

function declareLocal(name: string, ctx: ModuleContext, type?: "number"): string {
  const id = camelCase(name);
  ctx.variables.set(name, id);
  ctx.loopVariables.add(id);
  if (type) ctx.variableTypes.set(name, type);
  return id;
}

export function prop(s: { body: readonly BlockItem[] | null }, name: string): Expr | undefined {
  return (s.body ?? []).find((i): i is Property => i.kind === "Property" && i.name === name)?.value;
}

/** A statement xs2ts cannot translate yet: it throws when reached, is marked, and is reported. */
export function notMigrated(item: BlockItem, ctx: ModuleContext, why?: string): Lines {
  const what = describe(item);
  ctx.report({ kind: "not-migrated", code: "XS3001", message: `${what} is not migrated${why ? `: ${why}` : ""}`, position: item.span.start });
  const fn = ctx.rt("errors", "notMigrated");
  return [`// TODO(xs2ts): ${what} is not migrated yet (${ctx.sourcePath}:${item.span.start.line}).`, `${fn}(${JSON.stringify(`${what} (${ctx.sourcePath}:${item.span.start.line})`)});`];
}

function describe(item: BlockItem): string {
  return item.kind === "CallStatement" ? item.name : item.kind === "Property" ? `${item.name} =` : item.kind.toLowerCase();
}

export function comments(list: readonly Comment[]): Lines {
  return list.map((c) => `//${c.text}`);
}

export function indent(lines: Lines): Lines {
  return lines.map((l) => (l === "" ? l : `  ${l}`));
}

export type { Statement };
