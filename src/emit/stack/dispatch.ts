// The one dispatcher: every statement kind of a stack, in an exhaustive switch. Control flow,
// variables and errors are written here; a call statement goes to the first statement family
// of FAMILIES that takes it. Families sit below this module and receive the dispatcher through
// the context (ctx.writeStack) for the stacks nested in them.
import { prop, unparen, type BlockItem, type CallStatement, type Comment, type Expr } from "../../ast.js";
import { asyncFlag, removesItems } from "../../analyze/blocks.js";
import { modelStack } from "../../analyze/stack-model.js";
import type { ModuleContext } from "../core/context.js";
import { comments, describe, indent, notMigrated } from "../core/lines.js";
import type { Lines, StackOptions } from "../core/types.js";
import { condition, emit, expr } from "../expr/expressions.js";
import { ARRAY_STATEMENTS, emitArrayStatement } from "../families/arrays.js";
import { emitAsync, emitAwait } from "../families/async.js";
import { DB_STATEMENTS, DB_STATEMENT_PREFIXES, emitDbStatement } from "../families/db.js";
import { FILE_STATEMENTS, emitFileStatement } from "../families/files.js";
import { emitFunctionRun } from "../families/functions.js";
import { INTEGRATION_STATEMENTS, emitIntegrationStatement } from "../families/integrations.js";
import { LAMBDA_STATEMENTS, emitLambdaStatement } from "../families/lambda.js";
import { MATH_STATEMENTS, emitMathStatement } from "../families/math.js";
import { OBJECT_STATEMENTS, emitObjectStatement } from "../families/objects.js";
import { REDIS_STATEMENTS, emitRedisStatement } from "../families/redis.js";
import { emitRemove, removingLoop, withRemoval } from "../families/remove.js";
import { SEARCH_STATEMENTS, emitSearchStatement } from "../families/search.js";
import { SECURITY_STATEMENTS, emitSecurityStatement } from "../families/security.js";
import { TEXT_STATEMENTS, emitTextStatement } from "../families/text.js";
import { UTILITY_STATEMENTS, emitUtilityStatement } from "../families/utilities.js";
import { copyOf, stackModel, variableName, writeTarget } from "./bind.js";
import { inferTypes } from "./infer-types.js";
import { commentText } from "../core/escape.js";

/**
 * A statement family: its lines for a statement it takes, undefined for one it does not; and
 * the names it takes (whole prefixes for some), from which knownStatements() is made.
 */
interface StatementFamily {
  emit: (s: CallStatement, ctx: ModuleContext) => Lines | undefined;
  names: readonly string[];
  prefixes?: readonly string[];
}

/**
 * Every statement family, asked in order. A new family is one module in emit/families/ and
 * one entry here.
 */
const FAMILIES: readonly StatementFamily[] = [
  { emit: emitMathStatement, names: MATH_STATEMENTS },
  { emit: emitArrayStatement, names: ARRAY_STATEMENTS },
  { emit: emitTextStatement, names: TEXT_STATEMENTS },
  { emit: emitObjectStatement, names: OBJECT_STATEMENTS },
  { emit: emitSecurityStatement, names: SECURITY_STATEMENTS },
  { emit: emitDbStatement, names: DB_STATEMENTS, prefixes: DB_STATEMENT_PREFIXES },
  { emit: emitIntegrationStatement, names: INTEGRATION_STATEMENTS },
  { emit: emitSearchStatement, names: SEARCH_STATEMENTS },
  { emit: emitRedisStatement, names: REDIS_STATEMENTS },
  { emit: emitFileStatement, names: FILE_STATEMENTS },
  { emit: emitUtilityStatement, names: UTILITY_STATEMENTS },
  { emit: emitLambdaStatement, names: LAMBDA_STATEMENTS },
];

/** The statements emitCall handles itself, before asking the families. */
const CORE_STATEMENTS = [
  "var",
  "var.update",
  "return",
  "debug.log",
  "debug.stop",
  "precondition",
  "throw",
  "function.run",
  "remove",
  "await",
  "group",
  "stack",
] as const;

/**
 * Statements the XanoScript reference documents that no family translates yet: each becomes a
 * "Not migrated" throw. A name outside the known ones is a mistake (a typo), reported at build.
 */
const UNTRANSLATED_STATEMENTS = [
  "action.call",
  "addon.call",
  "api.call",
  "api.realtime_event",
  "api.stream",
  "function.call",
  "middleware.call",
  "task.call",
  "tool.call",
  "trigger.call",
  "ai.agent.run",
  "ai.external.mcp.server_details",
  "ai.external.mcp.tool.list",
  "ai.external.mcp.tool.run",
];
const UNTRANSLATED_PREFIXES = ["cloud.aws.s3.", "cloud.azure.storage.", "cloud.google.storage.", "expect."];

/** Every statement name the dispatcher knows, translated or not, and the prefixes of whole families of them. */
export function knownStatements(): { names: ReadonlySet<string>; prefixes: readonly string[] } {
  return {
    names: new Set([...CORE_STATEMENTS, ...FAMILIES.flatMap((f) => f.names), ...UNTRANSLATED_STATEMENTS]),
    prefixes: [...FAMILIES.flatMap((f) => f.prefixes ?? []), ...UNTRANSLATED_PREFIXES],
  };
}

/** The `response = …` of the function being written: it reads variables after the stack. */
function responseOf(ctx: ModuleContext): Expr[] {
  const object = ctx.workspace.objects.find((o) => o.relativePath === ctx.sourcePath);
  const response = object === undefined ? undefined : prop(object.construct, "response");
  return response ? [response] : [];
}

export function emitStack(items: readonly BlockItem[], ctx: ModuleContext, options: StackOptions): Lines {
  ctx.writeStack = emitStack;
  if (ctx.depth === 0 && ctx.stackModel === undefined) {
    ctx.stackModel = modelStack(items, responseOf(ctx));
    const inferred = inferTypes(items, ctx);
    for (const [name, type] of inferred.exact) ctx.variableTypes.set(name, type);
    for (const [name, type] of inferred.orNull) ctx.variableTypesOrNull.set(name, type);
  }
  const lines: Lines = [];
  for (const item of items) {
    const written = emitItem(item, ctx, options);
    const detached = comments(item.detachedComments ?? []);
    const trailing = comments(item.trailingComments ?? []);
    if (written.length === 0 && detached.length === 0 && trailing.length === 0) continue;
    // The source's paragraphs stay: one blank line where it left one or more between statements.
    if (item.blankLineBefore && lines.length > 0 && lines[lines.length - 1] !== "") lines.push("");
    if (detached.length > 0) lines.push(...detached, "");
    lines.push(...written, ...trailing);
  }
  return lines;
}

/** A try_catch's inner comments, in the empty block they stand in: catch, else try, else finally. */
function tryCatchInnerComments(item: Extract<BlockItem, { kind: "TryCatch" }>) {
  const all = item.innerComments ?? [];
  const where =
    item.catchBody?.length === 0 ? "catch" : item.body.length === 0 ? "try" : item.finallyBody ? "finally" : "try";
  return {
    try: where === "try" ? all : [],
    catch: where === "catch" ? all : [],
    finally: where === "finally" ? all : [],
  };
}

/** The comments on the properties of a statement (`value = …`, `where = …`), in source order. */
function propertyComments(item: BlockItem): Comment[] {
  if (item.kind !== "CallStatement" || item.body === null) return [];
  return item.body
    .filter((p) => p.kind === "Property")
    .flatMap((p) => [
      ...(p.detachedComments ?? []),
      ...p.comments,
      ...(p.innerComments ?? []),
      ...(p.trailingComments ?? []),
    ]);
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
  // The comments between a statement's properties go above it with its own (a try_catch's
  // go into the empty block they stand in).
  const inner = item.kind === "TryCatch" ? [] : (item.innerComments ?? []);
  const lines = comments([...item.comments, ...inner, ...propertyComments(item)]);
  if ("disabled" in item && item.disabled) {
    ctx.report({
      kind: "difference",
      code: "XS5001",
      message: `a statement switched off in Xano (written !${describe(item)}) is kept as a comment`,
      position: item.span.start,
    });
    return [
      ...lines,
      `// Disabled in Xano, not run: ${describe(item)} (${commentText(ctx.sourcePath)}:${item.span.start.line})`,
    ];
  }
  switch (item.kind) {
    case "Conditional": {
      item.clauses.forEach((clause, i) => {
        const body = nested(clause.body, ctx, options);
        const head =
          clause.keyword === "else"
            ? "} else {"
            : clause.keyword === "elseif"
              ? `} else if (${condition(clause.test!, ctx)}) {`
              : `${i > 0 ? "}\n" : ""}if (${condition(clause.test!, ctx)}) {`;
        lines.push(...comments(clause.comments), head, ...indent(comments(clause.innerComments ?? [])), ...body);
      });
      lines.push("}");
      return lines;
    }
    case "Foreach": {
      const list = emit(item.list, ctx);
      const iterable = list.type === "list" ? list.code : `${ctx.rt("values", "loopItems")}<any>(${list.code})`;
      const name = item.item?.name;
      // A loop variable also used outside its loop (or assigned) is a stack variable: declared up front.
      const shared = name !== undefined && stackModel(ctx).escapingLoopVariables.has(name);
      const item_ = name === undefined ? "_item" : shared ? variableName(name, ctx) : declareLocal(name, ctx);
      // Each item is a copy in Xano: changing it in place must not change the list.
      const copy =
        name !== undefined && stackModel(ctx).mutated.has(name)
          ? [`  ${item_} = ${ctx.rt("values", "clone")}(${item_});`]
          : [];
      if (!removesItems(item.body)) {
        // Each item of a list of rows is a row (never null), while the loop runs.
        const listVar = unparen(item.list);
        const rows = listVar.kind === "Var" ? ctx.rowVariables.get(listVar.name) : undefined;
        const itemRows = name !== undefined && !shared && copy.length === 0 && rows?.shape === "list";
        const outer = name === undefined ? undefined : ctx.rowVariables.get(name);
        if (itemRows) ctx.rowVariables.set(name, { ...rows, shape: "row" });
        lines.push(
          `for (${shared ? "" : "const "}${item_} of ${iterable}) {`,
          ...copy,
          ...nested(item.body, ctx, options),
          "}",
        );
        if (itemRows) {
          if (outer === undefined) ctx.rowVariables.delete(name);
          else ctx.rowVariables.set(name, outer);
        }
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
      const index =
        name === undefined ? ctx.temp("i") : shared ? variableName(name, ctx) : declareLocal(name, ctx, "number");
      const count = emit(item.count, ctx);
      const limit = count.type === "number" ? count.code : `${ctx.rt("values", "toNumber")}(${count.code})`;
      // The count is evaluated once, before the first round.
      const simple = /^[\w.]+$/.test(limit) && (/^\d/.test(limit) || ctx.constants.has(limit));
      const end = simple ? limit : ctx.temp("end");
      const init = simple
        ? `${shared ? "" : "let "}${index} = 0`
        : shared
          ? `${index} = 0, ${end} = ${limit}`
          : `let ${index} = 0, ${end} = ${limit}`;
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
        lines.push(
          ...comments(c.comments),
          c.test ? `case ${expr(c.test, ctx)}: {` : "default: {",
          ...nested(c.body, ctx, options),
        );
        if (c.breaks || c.test === null) lines.push("  break;");
        lines.push("}");
      }
      lines.push("}");
      return lines;
    }
    case "TryCatch": {
      // Its own comments were written above it; those inside stand in an empty block (the
      // usual one: `catch { // ignored }`), written there.
      const inner = tryCatchInnerComments(item);
      lines.push("try {", ...indent(comments(inner.try)), ...nested(item.body, ctx, options));
      if (item.catchBody) {
        ctx.variables.set("error", "error");
        const caught = ctx.names.free("caught");
        lines.push(
          `} catch (${caught}) {`,
          `  const error = ${ctx.rt("errors", "errorValue")}(${caught});`,
          ...indent(comments(inner.catch)),
          ...nested(item.catchBody, ctx, options),
        );
      }
      if (item.finallyBody)
        lines.push("} finally {", ...indent(comments(inner.finally)), ...nested(item.finallyBody, ctx, options));
      // A try_catch with neither catch nor finally: an error inside ends the try, and is dropped.
      if (!item.catchBody && !item.finallyBody)
        lines.push("} catch {", "  // no catch block in the XanoScript: the error is ignored");
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
  switch (s.name as (typeof CORE_STATEMENTS)[number]) {
    case "var":
    case "var.update":
      return assignment(s, ctx);
    case "return": {
      const value = prop(s, "value");
      if (options.returns === "void")
        return value
          ? [`return; // the task's return value (${commentText(expr(value, ctx))}) is not used`]
          : ["return;"];
      return [`return ${value ? expr(value, ctx) : "null"};`];
    }
    case "debug.log": {
      const value = prop(s, "value");
      return [`${ctx.rt("log", "log")}.debug(${value ? expr(value, ctx) : "null"});`];
    }
    case "debug.stop": {
      const value = prop(s, "value");
      ctx.report({
        kind: "difference",
        code: "XS5011",
        message: "debug.stop ends the stack here, as it halts in Xano's debugger; its value is logged and returned",
        position: s.span.start,
      });
      const stop = `${ctx.rt("log", "debugStop")}(${value ? expr(value, ctx) : "null"})`;
      return [options.returns === "void" ? `${stop};\nreturn;` : `return ${stop};`];
    }
    case "precondition": {
      const test = s.args[0];
      if (test === undefined || test.kind === "Attribute")
        return notMigrated(s, ctx, "a precondition without a condition");
      const type = prop(s, "error_type");
      const message = prop(s, "error");
      const payload = prop(s, "payload");
      const args = [
        condition(test, ctx),
        type ? expr(type, ctx) : '"standard"',
        message ? expr(message, ctx) : '"Precondition failed"',
      ];
      if (payload) args.push(expr(payload, ctx));
      return [`${ctx.rt("errors", "precondition")}(${args.join(", ")});`];
    }
    case "throw": {
      const name = prop(s, "name");
      const value = prop(s, "value");
      return [
        `throw new ${ctx.rt("errors", "XanoError")}(${name ? expr(name, ctx) : '"standard"'}, ${value ? expr(value, ctx) : '""'});`,
      ];
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
    default:
      // The switch is typed by CORE_STATEMENTS (a case outside it does not compile); other names go to the families.
      break;
  }
  for (const family of FAMILIES) {
    const lines = family.emit(s, ctx);
    if (lines !== undefined) return lines;
  }
  return notMigrated(s, ctx);
}

/** `var $x { value = … }` declares or reassigns; `var.update $x.path { value = … }` assigns. */
function assignment(s: CallStatement, ctx: ModuleContext): Lines {
  const target = s.args[0];
  const value = prop(s, "value");
  if (target === undefined || target.kind === "Attribute" || value === undefined)
    return notMigrated(s, ctx, `${s.name} without a target or a value`);
  const t = unparen(target);
  const code = copyOf(value, ctx, t.kind === "Var" ? t.name : undefined);
  if (t.kind === "Var") return [ctx.assign(t.name, code)];
  return writeTarget(t, code, ctx);
}

function declareLocal(name: string, ctx: ModuleContext, type?: "number"): string {
  const id = ctx.names.idOf(name);
  ctx.variables.set(name, id);
  ctx.loopVariables.add(id);
  if (type) ctx.variableTypes.set(name, type);
  return id;
}
