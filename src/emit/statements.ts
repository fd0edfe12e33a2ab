// Stack statements as TypeScript statements: control flow, variables, errors, and the
// dispatch to the emitters of statement families (db, integrations, functions).
import type { BlockItem, CallStatement, Comment, Expr, Property, Statement } from "../ast.js";
import { camelCase } from "../analyze/names.js";
import type { ModuleContext } from "./context.js";
import { condition, emit, expr, unparen } from "./expressions.js";
import { emitDbStatement } from "./db.js";
import { emitIntegrationStatement } from "./integrations.js";
import { emitFunctionRun } from "./functions.js";

export type Lines = string[];

/** Where a stack is being written: a task's run() or a function's body. */
export interface StackOptions {
  /** What `return` gives back: a function's response; a task returns nothing. */
  returns: "value" | "void";
}

export function emitStack(items: readonly BlockItem[], ctx: ModuleContext, options: StackOptions): Lines {
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
      const item_ = item.item ? declareLocal(item.item.name, ctx) : "_item";
      const list = emit(item.list, ctx);
      const iterable = list.type === "list" ? list.code : `${ctx.rt("values", "listArg")}<any>(${list.code}, "foreach")`;
      lines.push(`for (const ${item_} of ${iterable}) {`, ...nested(item.body, ctx, options), "}");
      return lines;
    }
    case "For": {
      const index = item.item ? declareLocal(item.item.name, ctx, "number") : ctx.temp("i");
      const count = emit(item.count, ctx);
      const limit = count.type === "number" ? count.code : `${ctx.rt("values", "toNumber")}(${count.code})`;
      lines.push(`for (let ${index} = 0; ${index} < ${limit}; ${index}++) {`, ...nested(item.body, ctx, options), "}");
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
    case "group":
    case "stack":
      return ["{", ...nested(s.body ?? [], ctx, options), "}"];
  }
  return emitDbStatement(s, ctx) ?? emitIntegrationStatement(s, ctx) ?? notMigrated(s, ctx);
}

/** `var $x { value = … }` declares or reassigns; `var.update $x.path { value = … }` assigns. */
function assignment(s: CallStatement, ctx: ModuleContext): Lines {
  const target = s.args[0];
  const value = prop(s, "value");
  if (target === undefined || target.kind === "Attribute" || value === undefined) return notMigrated(s, ctx, `${s.name} without a target or a value`);
  const code = expr(value, ctx);
  const t = unparen(target);
  if (t.kind === "Var") return [ctx.assign(t.name, code)];
  // A path: `$x.a[0]` — write through the same chain, without optional chaining.
  return [`${ctx.rt("values", "setPath")}(${pathRoot(t, ctx)}, ${pathKeys(t, ctx)}, ${code});`];
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
