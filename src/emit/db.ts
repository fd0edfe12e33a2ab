// db.* statements as knex queries: conditions become builder calls with bound values,
// never SQL text.
import type { CallStatement, Expr } from "../ast.js";
import { objectKey } from "../analyze/names.js";
import type { ModuleContext } from "./context.js";
import { emit, expr, unparen } from "./expressions.js";
import { notMigrated, prop, type Lines } from "./statements.js";

const SIMPLE_OPS: Record<string, string> = { "==": "=", "!=": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">=" };
const NULL_SAFE_OPS: Record<string, string> = { "==?": "=", "!=?": "<>", "<?": "<", ">?": ">", "<=?": "<=", ">=?": ">=" };

export function emitDbStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (!s.name.startsWith("db.")) return undefined;
  const table = tableName(s);
  if (table === undefined) return notMigrated(s, ctx, "the table is not a plain name");
  if (!ctx.workspace.tables.has(table)) {
    ctx.report({ kind: "missing-table", code: "XS4003", message: `the table "${table}" is used but not defined in the workspace`, position: s.span.start });
  }
  const q = `${ctx.use("db", "table")}(${JSON.stringify(table)})`;
  let code: string | undefined;
  switch (s.name) {
    case "db.query":
      code = query(s, q, ctx);
      break;
    case "db.get":
    case "db.has": {
      const where = lookup(s, ctx);
      if (where === undefined) return notMigrated(s, ctx, "needs field_name and field_value");
      code = s.name === "db.get" ? `await ${ctx.use("db", "first")}(${q}.where(${where}))` : `(await ${q}.where(${where}).first()) !== undefined`;
      break;
    }
    case "db.add": {
      const data = prop(s, "data");
      code = `await ${ctx.use("db", "insertRow")}(${JSON.stringify(table)}, ${data ? expr(data, ctx) : "{}"})`;
      break;
    }
    case "db.edit":
    case "db.patch": {
      const where = lookup(s, ctx);
      const data = prop(s, "data");
      if (where === undefined || data === undefined) return notMigrated(s, ctx, "needs field_name, field_value and data");
      code = `await ${ctx.use("db", "updateRow")}(${JSON.stringify(table)}, ${lookupObject(s, ctx)}, ${expr(data, ctx)})`;
      break;
    }
    case "db.del": {
      const where = lookup(s, ctx);
      if (where === undefined) return notMigrated(s, ctx, "needs field_name and field_value");
      code = `await ${q}.where(${where}).delete()`;
      break;
    }
    case "db.truncate":
      code = `await ${q}.truncate()`;
      break;
    default:
      return undefined;
  }
  if (code === undefined) return notMigrated(s, ctx, "its where clause uses a form xs2ts does not translate yet");
  // A list of rows bound once: loops over it need no conversion.
  if (s.as && code.startsWith("await rows(") && ctx.uses.get(s.as.name)?.assignments === 1) ctx.variableTypes.set(s.as.name, "list");
  return bindResult(s, code, ctx);
}

/** `… as $x` binds the result; without it the statement runs for its effect. */
export function bindResult(s: CallStatement, code: string, ctx: ModuleContext): Lines {
  if (s.as === null) return [`${code};`];
  return [ctx.assign(s.as.name, code)];
}

function tableName(s: CallStatement): string | undefined {
  const arg = s.args[0];
  if (arg === undefined || arg.kind === "Attribute") return undefined;
  if (arg.kind === "Ident") return arg.name;
  if (arg.kind === "String") return arg.value;
  return undefined;
}

/** `field_name = "id"` + `field_value = $x` → `"id", x`. */
function lookup(s: CallStatement, ctx: ModuleContext): string | undefined {
  const name = prop(s, "field_name");
  const value = prop(s, "field_value");
  if (name === undefined || value === undefined) return undefined;
  return `${expr(name, ctx)}, ${expr(value, ctx)}`;
}

function lookupObject(s: CallStatement, ctx: ModuleContext): string {
  const name = prop(s, "field_name")!;
  const value = prop(s, "field_value")!;
  return name.kind === "String" ? `{ ${objectKey(name.value)}: ${expr(value, ctx)} }` : `{ [${expr(name, ctx)}]: ${expr(value, ctx)} }`;
}

function query(s: CallStatement, q: string, ctx: ModuleContext): string | undefined {
  let chain = q;
  const where = prop(s, "where") ?? prop(s, "search");
  if (where !== undefined) {
    const conditions = whereCalls(where, ctx);
    if (conditions === undefined) return undefined;
    chain += conditions;
  }
  const sort = prop(s, "sort");
  if (sort?.kind === "Object") {
    for (const entry of sort.entries) {
      const column = entry.key.includes(".") ? entry.key.slice(entry.key.indexOf(".") + 1) : entry.key;
      const direction = unparen(entry.value);
      const dir = direction.kind === "String" || direction.kind === "Ident" ? (direction.kind === "String" ? direction.value : direction.name) : "asc";
      chain += dir === "rand" ? `.orderByRaw("random()")` : `.orderBy(${JSON.stringify(column)}, ${JSON.stringify(dir === "desc" ? "desc" : "asc")})`;
    }
  }
  const output = prop(s, "output");
  if (output?.kind === "Array" && output.elements.every((e) => e.kind === "String")) {
    chain += `.select(${output.elements.map((e) => JSON.stringify((e as { value: string }).value)).join(", ")})`;
  }
  const ret = prop(s, "return");
  const type = ret?.kind === "Object" ? ret.entries.find((e) => e.key === "type")?.value : undefined;
  const kind = type?.kind === "String" ? type.value : "list";
  switch (kind) {
    case "single":
      return `await ${ctx.use("db", "first")}(${chain})`;
    case "count":
      return `await ${ctx.use("db", "count")}(${chain})`;
    case "exists":
      return `(await ${chain}.first()) !== undefined`;
    case "list": {
      const paging = ret?.kind === "Object" ? ret.entries.find((e) => e.key === "paging")?.value : undefined;
      if (paging?.kind === "Object") {
        const page = paging.entries.find((e) => e.key === "page")?.value;
        const perPage = paging.entries.find((e) => e.key === "per_page")?.value;
        return `await ${ctx.use("db", "page")}(${chain}, ${page ? expr(page, ctx) : "1"}, ${perPage ? expr(perPage, ctx) : "25"})`;
      }
      return `await ${ctx.use("db", "rows")}(${chain})`; // "await rows(" marks a list of rows (see above)
    }
    default:
      return undefined;
  }
}

/** A where expression as a chain of `.where(…)` calls, or undefined when it has a form we do not translate. */
function whereCalls(e: Expr, ctx: ModuleContext): string | undefined {
  e = unparen(e);
  if (e.kind === "Binary" && e.op === "&&") {
    const l = whereCalls(e.left, ctx);
    const r = whereCalls(e.right, ctx);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  if (e.kind === "Binary" && e.op === "||") {
    const l = whereCalls(e.left, ctx);
    const r = whereCalls(e.right, ctx);
    if (l === undefined || r === undefined) return undefined;
    return `.where((q) => q${l}.orWhere((q) => q${r}))`;
  }
  if (e.kind !== "Binary") return undefined;
  const column = columnOf(e.left);
  if (column === undefined) return undefined;
  const value = emit(e.right, ctx);
  const col = JSON.stringify(column);
  if (SIMPLE_OPS[e.op] !== undefined) {
    if (unparen(e.right).kind === "Null") return e.op === "==" ? `.whereNull(${col})` : e.op === "!=" ? `.whereNotNull(${col})` : undefined;
    return `.where(${col}, ${JSON.stringify(SIMPLE_OPS[e.op])}, ${value.code})`;
  }
  if (NULL_SAFE_OPS[e.op] !== undefined) {
    // Ignored when the value is null, as Xano does.
    const v = ctx.temp("value");
    return `.modify((q) => { const ${v} = ${value.code}; if (${v} != null) q.where(${col}, ${JSON.stringify(NULL_SAFE_OPS[e.op])}, ${v}); })`;
  }
  switch (e.op) {
    case "in":
      return `.whereIn(${col}, ${value.code})`;
    case "not in":
      return `.whereNotIn(${col}, ${value.code})`;
    case "includes":
      return `.whereLike(${col}, \`%\${${value.code}}%\`)`;
  }
  return undefined;
}

/** `$db.user.email` → `email` (the table prefix is the queried table's). */
function columnOf(e: Expr): string | undefined {
  e = unparen(e);
  const path: string[] = [];
  while (e.kind === "Member") {
    path.unshift(e.property);
    e = e.object;
  }
  if (e.kind !== "Var" || e.name !== "db" || path.length < 1) return undefined;
  return path.length === 1 ? path[0] : path.slice(1).join(".");
}
