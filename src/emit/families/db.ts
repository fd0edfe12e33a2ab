// db.* statements as knex queries through the helpers of the generated src/db.ts: conditions
// become builder calls with bound values, never SQL text. What has no translation stays
// `notMigrated` with the reason.
import { nodesOf, prop, unparen, type BlockItem, type CallStatement, type Expr } from "../../ast.js";
import { envNameSuffix, objectKey } from "../core/escape.js";
import type { ModuleContext } from "../core/context.js";
import { condition, expr, foldLiteral } from "../expr/expressions.js";
import { bind, stackModel } from "../stack/bind.js";
import { sqlTemplateExpression } from "../../analyze/sql-template.js";
import type { Lines, RowValue } from "../core/types.js";
import { indent, notMigrated } from "../core/lines.js";
import { literal } from "../../analyze/literal.js";
import { pascalCase } from "../../analyze/names.js";
import { modulePathFor } from "../core/naming.js";
import { columnsOf, JSON_TYPES, type Column } from "../../analyze/table-schema.js";

/** A form xs2ts does not translate; the message says which. */
class Unsupported extends Error {}

const COMPARISONS: Record<string, string> = { "<": "<", ">": ">", "<=": "<=", ">=": ">=" };
const NULL_SAFE: Record<string, string> = { "==?": "=", "!=?": "<>", "<?": "<", ">?": ">", "<=?": "<=", ">=?": ">=" };
const MIRROR: Record<string, string> = {
  "<": ">",
  ">": "<",
  "<=": ">=",
  ">=": "<=",
  "==": "==",
  "!=": "!=",
  "===": "==",
  "!==": "!=",
  "==?": "==?",
  "!=?": "!=?",
  "<?": ">?",
  ">?": "<?",
  "<=?": ">=?",
  ">=?": "<=?",
};
/** Column filters a condition may apply (`$db.user.email|to_lower == …`). */
const COLUMN_FILTERS: Record<string, string> = { to_lower: "lower", to_upper: "upper", trim: "trim", strlen: "length" };
const COMMON = ["description", "mock"];
const ALLOWED: Record<string, string[]> = {
  "db.query": ["where", "search", "sort", "return", "output", "join", "eval", "addon"],
  "db.get": ["field_name", "field_value", "output", "addon"],
  "db.has": ["field_name", "field_value"],
  "db.add": ["data", "output", "addon"],
  "db.edit": ["field_name", "field_value", "data", "output", "addon"],
  "db.patch": ["field_name", "field_value", "data", "output", "addon"],
  "db.add_or_edit": ["field_name", "field_value", "data", "output", "addon"],
  "db.del": ["field_name", "field_value"],
  "db.truncate": ["reset"],
  "db.bulk.add": ["data", "items", "allow_id_field"],
  "db.bulk.update": ["where", "search", "data", "items"],
  "db.bulk.patch": ["where", "search", "data", "items"],
  "db.bulk.delete": ["where", "search"],
  "db.transaction": ["stack", "isolation"],
  "db.direct_query": ["sql", "arg", "response_type", "parser"],
  "db.set_datasource": ["name", "value"],
  "db.schema": ["table", "name"],
};
const WITHOUT_TABLE = new Set(["db.transaction", "db.direct_query", "db.set_datasource", "db.schema"]);

/** The statements this family handles; `db.external.*` too, as not migrated. */
export const DB_STATEMENTS = Object.keys(ALLOWED);
export const DB_STATEMENT_PREFIXES = ["db.external."];

export function emitDbStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (!s.name.startsWith("db.")) return undefined;
  if (DB_STATEMENT_PREFIXES.some((prefix) => s.name.startsWith(prefix)))
    return notMigrated(s, ctx, "external databases are not migrated: connect to it with its own knex instance");
  const allowed = ALLOWED[s.name];
  if (allowed === undefined) return notMigrated(s, ctx, `${s.name} is not a db statement xs2ts knows`);
  const unknown = (s.body ?? []).flatMap((i) =>
    (i.kind === "Property" || i.kind === "CallStatement") && !allowed.includes(i.name) && !COMMON.includes(i.name)
      ? [i.name]
      : [],
  );
  if (unknown.length > 0)
    return notMigrated(s, ctx, `its ${unknown.join(", ")} ${unknown.length > 1 ? "are" : "is"} not translated`);
  try {
    if (WITHOUT_TABLE.has(s.name)) return statementWithoutTable(s, ctx);
    const name = tableName(s);
    if (name === undefined) return notMigrated(s, ctx, "the table is not a plain name");
    if (!ctx.workspace.tables.has(name)) {
      ctx.report({
        kind: "missing-table",
        code: "XS4003",
        message: `the table "${name}" is used but not defined in the workspace`,
        position: s.span.start,
      });
    }
    const code = tableStatement(s, name, ctx);
    const bound = bind(s, code, ctx);
    noteRows(s, bound, ctx);
    return bound;
  } catch (error) {
    if (error instanceof Unsupported) return notMigrated(s, ctx, error.message);
    throw error;
  }
}

function tableName(s: CallStatement): string | undefined {
  const arg = s.args[0];
  if (arg === undefined || arg.kind === "Attribute") return undefined;
  if (arg.kind === "Ident") return arg.name;
  if (arg.kind === "String") return arg.value;
  return undefined;
}

// ── the tables' columns, for conversions ──

// ── statements on a table ──

function tableStatement(s: CallStatement, name: string, ctx: ModuleContext): string {
  // Written only by the statements that query: db.add imports no `table`.
  const q = () => `${ctx.use("db", "table")}(${JSON.stringify(name)})`;
  const t = JSON.stringify(name);
  switch (s.name) {
    case "db.query":
      return query(s, name, ctx);
    case "db.get": {
      const chain = q() + lookupWhere(s, name, ctx) + selectOutput(s, scopeFor(name, ctx), ctx);
      return withAddons(s, `await ${ctx.use("db", "firstRow")}${rowType(s, name, ctx, "row-or-null")}(${chain})`, ctx);
    }
    case "db.has":
      return `await ${ctx.use("db", "rowExists")}(${q()}${lookupWhere(s, name, ctx)})`;
    case "db.add":
      return withAddons(
        s,
        `await ${ctx.use("db", "insertRow")}${rowType(s, name, ctx, "row")}(${t}, ${data(s, ctx)})`,
        ctx,
      );
    case "db.edit":
    case "db.patch":
      return withAddons(
        s,
        `await ${ctx.use("db", "updateRow")}${rowType(s, name, ctx, "row-or-null")}(${t}, ${lookupObject(s, ctx)}, ${data(s, ctx, true)})`,
        ctx,
      );
    case "db.add_or_edit": {
      const [field, value] = lookup(s, ctx);
      const upsert = `${ctx.use("db", "upsertRow")}${rowType(s, name, ctx, "row-or-null")}`;
      return withAddons(s, `await ${upsert}(${t}, ${field}, ${value}, ${data(s, ctx, true)})`, ctx);
    }
    case "db.del":
      return `await ${ctx.use("db", "deleteRows")}(${q()}${lookupWhere(s, name, ctx)})`;
    case "db.truncate": {
      const reset = prop(s, "reset");
      const value =
        reset === undefined
          ? "false"
          : literal(reset) !== undefined
            ? String(Boolean(literal(reset)))
            : `Boolean(${expr(reset, ctx)})`;
      return `await ${ctx.use("db", "truncateTable")}(${t}, ${value})`;
    }
    case "db.bulk.add": {
      const items = prop(s, "items") ?? prop(s, "data");
      if (items === undefined) throw new Unsupported("it has no data");
      return `await ${ctx.use("db", "insertRows")}(${t}, ${expr(items, ctx)})`;
    }
    case "db.bulk.update":
    case "db.bulk.patch": {
      const where = whereOf(s, scopeFor(name, ctx), ctx);
      return `await ${ctx.use("db", "updateRows")}(${q()}${where}, ${data(s, ctx, true)})`;
    }
    case "db.bulk.delete":
      return `await ${ctx.use("db", "deleteRows")}(${q()}${whereOf(s, scopeFor(name, ctx), ctx)})`;
  }
  throw new Unsupported(`${s.name} is not translated`);
}

function data(s: CallStatement, ctx: ModuleContext, required = false): string {
  const d = prop(s, "data") ?? prop(s, "items");
  if (d === undefined) {
    if (required) throw new Unsupported("it has no data");
    return "{}";
  }
  let value = unparen(d);
  if (value.kind === "String") throw new Unsupported("its data is a text, not an object: write it as {…}");
  // `{}|set:"a":1` is the object literal `{ a: 1 }`: no cast.
  if (value.kind === "Filter") value = foldLiteral(value) ?? value;
  // A filter's result (`$x|set:…`) is typed as a list or an object: data is the object.
  return value.kind === "Filter" ? `(${expr(value, ctx)}) as Record<string, unknown>` : expr(value, ctx);
}

/** `field_name = "id"` + `field_value = $x` → `["id", x]`, the value converted for the column. */
function lookup(s: CallStatement, ctx: ModuleContext): [string, string] {
  const name = prop(s, "field_name");
  const value = prop(s, "field_value");
  if (name === undefined || value === undefined) throw new Unsupported("it needs field_name and field_value");
  return [expr(name, ctx), expr(value, ctx)];
}

function lookupWhere(s: CallStatement, table: string, ctx: ModuleContext): string {
  const [field, value] = lookup(s, ctx);
  const name = unparen(prop(s, "field_name")!);
  const column = name.kind === "String" ? columnsOf(ctx.workspace, table)?.get(name.value) : undefined;
  return `.where(${field}, ${convert(column, value, ctx)})`;
}

function lookupObject(s: CallStatement, ctx: ModuleContext): string {
  const [field, value] = lookup(s, ctx);
  const name = unparen(prop(s, "field_name")!);
  return name.kind === "String" ? `{ ${objectKey(name.value)}: ${value} }` : `{ [${field}]: ${value} }`;
}

/** A value compared with a column: timestamps become what the column stores. */
function convert(column: Column | undefined, code: string, ctx: ModuleContext): string {
  if (column?.type === "timestamp" && !column.list) return `${ctx.use("db", "dbTime")}(${code})`;
  return code;
}

// ── db.query ──

interface Scope {
  base: string;
  /** Join alias (and the base table's name) → table. */
  tables: Map<string, string>;
  /** With joins, columns are written `table.column`. */
  qualify: boolean;
  evals: Set<string>;
}

function scopeFor(base: string, _ctx: ModuleContext): Scope {
  return { base, tables: new Map([[base, base]]), qualify: false, evals: new Set() };
}

function query(s: CallStatement, name: string, ctx: ModuleContext): string {
  const scope = scopeFor(name, ctx);
  let chain = `${ctx.use("db", "table")}(${JSON.stringify(name)})`;
  const join = prop(s, "join");
  if (join !== undefined) chain += joins(join, scope, ctx);
  const evalProp = prop(s, "eval");
  const evals: [string, string][] = [];
  if (evalProp !== undefined) {
    const e = unparen(evalProp);
    if (e.kind !== "Object") throw new Unsupported("its eval is not an object");
    for (const entry of e.entries) {
      const ref = columnRef(entry.value, scope, ctx);
      if (ref === undefined || !ref.plain)
        throw new Unsupported(
          `its eval "${entry.key}" computes a value (only columns of joined tables are translated)`,
        );
      evals.push([entry.key, ref.name]);
      scope.evals.add(entry.key);
    }
  }
  chain += whereOf(s, scope, ctx);
  chain += selectOutput(s, scope, ctx, evals);
  const sort = prop(s, "sort");
  if (sort !== undefined) chain += orderBy(sort, scope);
  const ret = prop(s, "return");
  const r = ret === undefined ? undefined : unparen(ret);
  if (r !== undefined && r.kind !== "Object") throw new Unsupported("its return is not an object");
  const entries = r?.kind === "Object" ? r.entries : [];
  const get = (k: string) => entries.find((e) => e.key === k)?.value;
  const type = get("type");
  const word = type === undefined ? undefined : unparen(type);
  const kind =
    word === undefined ? "list" : word.kind === "String" ? word.value : word.kind === "Ident" ? word.name : undefined;
  let code: string;
  switch (kind) {
    case "single":
      code = `await ${ctx.use("db", "firstRow")}${rowType(s, name, ctx, "row-or-null")}(${chain})`;
      break;
    case "count":
      code = `await ${ctx.use("db", "countRows")}(${chain})`;
      break;
    case "exists":
      code = `await ${ctx.use("db", "rowExists")}(${chain})`;
      break;
    case "list": {
      const paging = get("paging");
      if (paging === undefined) {
        code = `await ${ctx.use("db", "rows")}${rowType(s, name, ctx, "list")}(${chain})`;
        // A list of rows bound once: loops over it need no conversion.
        if (s.as && ctx.uses.get(s.as.name)?.assignments === 1) ctx.variableTypes.set(s.as.name, "list");
        break;
      }
      const p = unparen(paging);
      if (p.kind !== "Object") throw new Unsupported("its paging is not an object");
      const pget = (k: string) => p.entries.find((e) => e.key === k)?.value;
      const page = pget("page");
      const perPage = pget("per_page");
      const pageCode = page ? expr(page, ctx) : "1";
      const perPageCode = perPage ? expr(perPage, ctx) : "25";
      const metadata = pget("metadata");
      if (metadata !== undefined && literal(metadata) === false) {
        code = `await ${ctx.use("db", "pageItems")}${rowType(s, name, ctx, "list")}(${chain}, ${pageCode}, ${perPageCode})`;
        break;
      }
      const totals = pget("totals");
      const totalsCode =
        totals === undefined
          ? ""
          : literal(totals) === true
            ? ", { totals: true }"
            : literal(totals) === false
              ? ""
              : `, { totals: Boolean(${expr(totals, ctx)}) }`;
      code = `await ${ctx.use("db", "pageOf")}${rowType(s, name, ctx, "page")}(${chain}, ${pageCode}, ${perPageCode}${totalsCode})`;
      break;
    }
    default:
      throw new Unsupported(`its return type ${kind ?? "(an expression)"} is not translated`);
  }
  return withAddons(s, code, ctx);
}

/**
 * The type argument of a result made of whole rows of a table (`<CompanyRow>`, the row type
 * src/tables/ declares), so the rows are typed where they are used; "" when the rows are
 * shaped otherwise (an output list, addons, a join, evals), the table is not defined, or the
 * result is not bound as it is.
 */
function rowType(s: CallStatement, name: string, ctx: ModuleContext, shape: RowValue["shape"] | "page"): string {
  // A result not bound, never read, or bound through filters is not read as rows: no type to give.
  if (!ctx.workspace.tables.has(name) || s.as === null || (s.asFilters?.length ?? 0) > 0) return "";
  if (ctx.uses.get(s.as.name)?.reads === 0) return "";
  // Rows changed in place (`array.push $rows`, `var.update $row.extra`) may stop being rows.
  if (stackModel(ctx).mutated.has(s.as.name)) return "";
  if (["output", "addon", "join", "eval"].some((key) => prop(s, key) !== undefined)) return "";
  const typeName = ctx.useType(modulePathFor("table", name), `${pascalCase(name)}Row`);
  if (shape !== "page") ctx.rowResults.set(s, { table: name, typeName, shape });
  return `<${typeName}>`;
}

/**
 * After `as $x` is bound: $x is known to hold the statement's rows when it is a `const`
 * (assigned once, here, with no filter after `as`), so every read of it sees these rows.
 */
function noteRows(s: CallStatement, bound: Lines, ctx: ModuleContext): void {
  const rows = ctx.rowResults.get(s);
  if (rows === undefined || s.as === null || (s.asFilters?.length ?? 0) > 0) return;
  const id = ctx.variables.get(s.as.name);
  if (id !== undefined && bound.length === 1 && bound[0]!.startsWith(`const ${id} = `))
    ctx.rowVariables.set(s.as.name, rows);
}

function whereOf(s: CallStatement, scope: Scope, ctx: ModuleContext): string {
  const where = prop(s, "where") ?? prop(s, "search");
  return where === undefined ? "" : whereCalls(where, scope, ctx);
}

function joins(join: Expr, scope: Scope, ctx: ModuleContext): string {
  const j = unparen(join);
  if (j.kind !== "Object") throw new Unsupported("its join is not an object");
  let chain = "";
  scope.qualify = true;
  for (const entry of j.entries) {
    const spec = unparen(entry.value);
    if (spec.kind !== "Object") throw new Unsupported(`its join "${entry.key}" is not an object`);
    const get = (k: string) => spec.entries.find((e) => e.key === k)?.value;
    const table = get("table");
    const tableValue = table ? literal(table) : entry.key;
    if (typeof tableValue !== "string")
      throw new Unsupported(`its join "${entry.key}" names its table with an expression`);
    scope.tables.set(entry.key, tableValue);
    const type = get("type") ? literal(get("type")!) : "inner";
    const method =
      type === "left" ? "leftJoin" : type === "right" ? "rightJoin" : type === "inner" ? "join" : undefined;
    if (method === undefined) throw new Unsupported(`its join "${entry.key}" has the type ${String(type)}`);
    const target =
      entry.key === tableValue
        ? JSON.stringify(tableValue)
        : `{ ${objectKey(entry.key)}: ${JSON.stringify(tableValue)} }`;
    const on = get("where");
    if (on === undefined) throw new Unsupported(`its join "${entry.key}" has no where`);
    chain += `.${method}(${target}, (j) => j${onCalls(on, scope, ctx)})`;
  }
  return chain;
}

/** A join's `where`: column = column pairs (`on`), column = value (`andOnVal`), joined by && and ||. */
function onCalls(e: Expr, scope: Scope, ctx: ModuleContext, or = false): string {
  e = unparen(e);
  if (e.kind === "Binary" && (e.op === "&&" || e.op === "||"))
    return onCalls(e.left, scope, ctx, or) + onCalls(e.right, scope, ctx, e.op === "||");
  if (e.kind !== "Binary") throw new Unsupported("a join condition is not a comparison");
  const op = e.op === "==" || e.op === "===" ? "=" : e.op === "!=" || e.op === "!==" ? "<>" : COMPARISONS[e.op];
  if (op === undefined) throw new Unsupported(`a join condition uses ${e.op}`);
  const left = columnRef(e.left, scope, ctx);
  const right = columnRef(e.right, scope, ctx);
  if (left === undefined || !left.plain) throw new Unsupported("a join condition does not start with a column");
  if (right !== undefined && right.plain)
    return `.${or ? "orOn" : "on"}(${JSON.stringify(left.name)}, ${JSON.stringify(op)}, ${JSON.stringify(right.name)})`;
  if (unparen(e.right).kind === "Null") return `.${or ? "orOnNull" : "onNull"}(${JSON.stringify(left.name)})`;
  return `.${or ? "orOnVal" : "andOnVal"}(${JSON.stringify(left.name)}, ${JSON.stringify(op)}, ${convert(left.column, expr(e.right, ctx), ctx)})`;
}

function selectOutput(s: CallStatement, scope: Scope, ctx: ModuleContext, evals: [string, string][] = []): string {
  const output = prop(s, "output");
  const addonNames = new Set(addonTargets(s));
  let names: string[] | undefined;
  if (output !== undefined) {
    const o = literal(output);
    if (!Array.isArray(o) || !o.every((x) => typeof x === "string"))
      throw new Unsupported("its output is not a list of names");
    names = (o as string[]).filter((n) => !addonNames.has(n) && !n.startsWith("items."));
    if (names.some((n) => n.includes(".")))
      throw new Unsupported(`its output picks nested fields (${names.filter((n) => n.includes(".")).join(", ")})`);
    if (names.length === 0) names = undefined;
  }
  const evalNames = new Set(evals.map(([n]) => n));
  const base = names?.filter((n) => !evalNames.has(n));
  const selectedEvals = evals.filter(([n]) => names === undefined || names.includes(n));
  if (!scope.qualify && selectedEvals.length === 0)
    return base ? `.select(${base.map((n) => JSON.stringify(n)).join(", ")})` : "";
  const parts = base ? base.map((n) => JSON.stringify(`${scope.base}.${n}`)) : [JSON.stringify(`${scope.base}.*`)];
  if (selectedEvals.length > 0)
    parts.push(`{ ${selectedEvals.map(([n, col]) => `${objectKey(n)}: ${JSON.stringify(col)}`).join(", ")} }`);
  return `.select(${parts.join(", ")})`;
}

function orderBy(sort: Expr, scope: Scope): string {
  const s = unparen(sort);
  const list = s.kind === "Array" ? s.elements.map(unparen) : [s];
  let chain = "";
  for (const item of list) {
    if (item.kind !== "Object") throw new Unsupported("its sort is not an object");
    for (const entry of item.entries) {
      const dir =
        literal(entry.value) ??
        (unparen(entry.value).kind === "Ident" ? (unparen(entry.value) as { name: string }).name : undefined);
      if (dir === "rand" || dir === "random") {
        chain += `.orderByRaw("random()")`;
        continue;
      }
      if (dir !== "asc" && dir !== "desc")
        throw new Unsupported(`its sort direction for ${entry.key} is not asc, desc or rand`);
      chain += `.orderBy(${JSON.stringify(sortColumn(entry.key, scope))}, ${JSON.stringify(dir)})`;
    }
  }
  return chain;
}

function sortColumn(key: string, scope: Scope): string {
  if (scope.evals.has(key)) return key;
  const dot = key.indexOf(".");
  const [alias, column] =
    dot > 0 && scope.tables.has(key.slice(0, dot)) ? [key.slice(0, dot), key.slice(dot + 1)] : [scope.base, key];
  return scope.qualify ? `${alias}.${column}` : column;
}

// ── addons ──

function addonTargets(s: CallStatement): string[] {
  const addon = prop(s, "addon");
  if (addon === undefined) return [];
  const a = unparen(addon);
  if (a.kind !== "Array") return [];
  return a.elements.flatMap((e) => {
    const x = unparen(e);
    const as = x.kind === "Object" ? x.entries.find((y) => y.key === "as")?.value : undefined;
    const v = as ? literal(as) : undefined;
    return typeof v === "string" ? [v] : [];
  });
}

/** `addon = [{ name, input, as, output? }]`: each row gets the addon's query result under `as`. */
function withAddons(s: CallStatement, code: string, ctx: ModuleContext): string {
  const addon = prop(s, "addon");
  if (addon === undefined) return code;
  const a = unparen(addon);
  if (a.kind !== "Array") throw new Unsupported("its addon is not a list");
  const loads: string[] = [];
  for (const element of a.elements) {
    const x = unparen(element);
    if (x.kind !== "Object") throw new Unsupported("an addon is not an object");
    const get = (k: string) => x.entries.find((y) => y.key === k)?.value;
    const name = get("name") ? literal(get("name")!) : undefined;
    const as = get("as") ? literal(get("as")!) : name;
    if (typeof name !== "string" || typeof as !== "string") throw new Unsupported("an addon has no literal name");
    const definition = ctx.workspace.addons.get(name);
    if (definition === undefined) throw new Unsupported(`the addon "${name}" is not in the workspace`);
    const stack = definition.construct.body.find(
      (b): b is CallStatement => b.kind === "CallStatement" && b.name === "stack",
    );
    const statements = (stack?.body ?? []).filter((b): b is CallStatement => b.kind === "CallStatement");
    const inner = statements[0];
    if (statements.length !== 1 || inner === undefined || inner.name !== "db.query")
      throw new Unsupported(`the addon "${name}" is not a single db.query`);
    const table = tableName(inner);
    if (table === undefined) throw new Unsupported(`the addon "${name}" queries a table named by an expression`);
    const hadOutput = ctx.variables.has("output");
    ctx.variables.set("output", "output");
    try {
      const input = get("input");
      const outputOverride = get("output");
      const innerStatement: CallStatement = outputOverride
        ? {
            ...inner,
            body: [
              ...(inner.body ?? []).filter((b) => !(b.kind === "Property" && b.name === "output")),
              { kind: "Property", name: "output", value: outputOverride, comments: [], span: outputOverride.span },
            ],
          }
        : inner;
      const innerCode = query(innerStatement, table, ctx);
      loads.push(
        `{ as: ${JSON.stringify(as)}, load: async (output) => {\n  const input = ${input ? expr(input, ctx) : "{}"};\n  return ${innerCode};\n} }`,
      );
    } finally {
      if (!hadOutput) ctx.variables.delete("output");
    }
  }
  const inner = code.replace(/^await /, "");
  return `await ${ctx.use("db", "withAddons")}(await ${inner}, [\n${loads.join(",\n")},\n])`;
}

// ── conditions ──

interface ColumnRef {
  /** TypeScript for the column: a string literal, or a helper call for JSON paths and filters. */
  code: string;
  /** The column as knex names it (`table.column` when qualified). */
  name: string;
  plain: boolean;
  column?: Column;
}

function isDbRef(e: Expr): boolean {
  e = unparen(e);
  while (e.kind === "Member" || e.kind === "Filter") e = e.kind === "Member" ? e.object : e.subject;
  return e.kind === "Var" && e.name === "db";
}

function mentionsDb(e: unknown): boolean {
  if (e === null || typeof e !== "object") return false;
  if ((e as Expr).kind === "Var" && (e as { name: string }).name === "db") return true;
  return Object.values(e).some((v) => (Array.isArray(v) ? v.some(mentionsDb) : typeof v === "object" && mentionsDb(v)));
}

/** `$db.user.email`, `$db.email`, `$db.user.meta.a.b` (inside JSON), `$db.user.email|to_lower`. */
function columnRef(e: Expr, scope: Scope, ctx: ModuleContext): ColumnRef | undefined {
  e = unparen(e);
  if (e.kind === "Filter") {
    if (!isDbRef(e.subject)) return undefined;
    const fn = Object.hasOwn(COLUMN_FILTERS, e.name) ? COLUMN_FILTERS[e.name] : undefined;
    if (fn === undefined || e.args.length > 0) throw new Unsupported(`a condition applies |${e.name} to a column`);
    const inner = columnRef(e.subject, scope, ctx);
    if (inner === undefined) return undefined;
    return {
      code: `${ctx.use("db", "columnFilter")}(${JSON.stringify(fn)}, ${inner.code})`,
      name: inner.name,
      plain: false,
    };
  }
  const path: string[] = [];
  while (e.kind === "Member") {
    path.unshift(e.property);
    e = unparen(e.object);
  }
  if (e.kind !== "Var" || e.name !== "db" || path.length === 0) return undefined;
  let alias = scope.base;
  let rest = path;
  if (path.length >= 2 && scope.tables.has(path[0]!)) {
    alias = path[0]!;
    rest = path.slice(1);
  }
  const column = rest[0]!;
  const name = scope.qualify ? `${alias}.${column}` : column;
  const info = columnsOf(ctx.workspace, scope.tables.get(alias)!)?.get(column);
  if (rest.length > 1) {
    return {
      code: `${ctx.use("db", "jsonField")}(${[name, ...rest.slice(1)].map((p) => JSON.stringify(p)).join(", ")})`,
      name,
      plain: false,
    };
  }
  return { code: JSON.stringify(name), name, plain: true, column: info };
}

function isList(c: Column | undefined): boolean {
  return c === undefined || c.list || JSON_TYPES.has(c.type);
}

/** A where expression as a chain of builder calls. */
function whereCalls(e: Expr, scope: Scope, ctx: ModuleContext): string {
  e = unparen(e);
  if (!mentionsDb(e)) {
    // A condition on the stack's values only: true keeps every row, false none.
    return `.whereRaw(${condition(e, ctx)} ? "1 = 1" : "1 = 0")`;
  }
  if (e.kind === "Binary" && e.op === "&&") return whereCalls(e.left, scope, ctx) + whereCalls(e.right, scope, ctx);
  if (e.kind === "Binary" && e.op === "||") {
    return `.where((q) => q${whereCalls(e.left, scope, ctx)}.orWhere((q) => q${whereCalls(e.right, scope, ctx)}))`;
  }
  if (e.kind === "Unary" && e.op === "!") return `.whereNot((q) => q${whereCalls(e.operand, scope, ctx)})`;
  if (e.kind === "Filter" && isDbRef(e.subject) && !(e.name in COLUMN_FILTERS)) return filterCondition(e, scope, ctx);
  if (e.kind !== "Binary") {
    const ref = columnRef(e, scope, ctx);
    if (ref !== undefined) return `.where(${ref.code}, true)`;
    throw new Unsupported("a condition has a form xs2ts does not translate");
  }
  let { op, left, right } = e;
  let ref = columnRef(left, scope, ctx);
  if (ref === undefined && MIRROR[op] !== undefined) {
    ref = columnRef(right, scope, ctx);
    [left, right] = [right, left];
    op = MIRROR[op] as typeof op;
  }
  if (ref === undefined) throw new Unsupported(`a condition (${op}) does not compare a column`);
  return comparison(op, ref, right, scope, ctx);
}

function comparison(op: string, ref: ColumnRef, right: Expr, scope: Scope, ctx: ModuleContext): string {
  const col = ref.code;
  const other = isDbRef(right) ? columnRef(right, scope, ctx) : undefined;
  if (other !== undefined) {
    const sqlOp = op === "==" || op === "===" ? "=" : op === "!=" || op === "!==" ? "<>" : COMPARISONS[op];
    if (sqlOp === undefined) throw new Unsupported(`a condition compares two columns with ${op}`);
    return `.where(${col}, ${JSON.stringify(sqlOp)}, ${other.plain ? `${ctx.use("db", "ref")}(${JSON.stringify(other.name)})` : other.code})`;
  }
  const isNull = unparen(right).kind === "Null";
  const value = () => convert(ref.column, expr(right, ctx), ctx);
  const dbTime = ref.column?.type === "timestamp" && !ref.column.list;
  const fn = (name: string) => ctx.use("db", name);
  switch (op) {
    case "==":
    case "===":
      return isNull ? `.whereNull(${col})` : `.where(${col}, ${value()})`;
    case "!=":
    case "!==":
      return isNull ? `.whereNotNull(${col})` : `.whereNot(${col}, ${value()})`;
    case "<":
    case ">":
    case "<=":
    case ">=":
      return `.where(${col}, ${JSON.stringify(op)}, ${value()})`;
    // A list that is null (an optional input left out) matches nothing, as an empty one.
    case "in":
      return `.whereIn(${col}, ${listOrEmpty(value())})`;
    case "not in":
      return `.whereNotIn(${col}, ${listOrEmpty(value())})`;
    case "in?":
    case "not in?":
      return `.modify(${fn("ifNotNull")}(${expr(right, ctx)}, (q, value) => q.${op === "in?" ? "whereIn" : "whereNotIn"}(${col}, ${dbTime ? `${fn("dbTime")}(value)` : "value"})))`;
    case "includes":
      return `.where(${fn("textIncludes")}(${col}, ${value()}))`;
    case "not includes":
      return `.whereNot(${fn("textIncludes")}(${col}, ${value()}))`;
    case "contains":
    case "not contains":
      return `.${op === "contains" ? "where" : "whereNot"}(${fn("listContains")}(${col}, ${value()}${isList(ref.column) ? "" : ", false"}))`;
    case "overlaps":
      return `.where(${fn("listOverlaps")}(${col}, ${value()}))`;
    case "not overlaps":
      return `.whereNot(${fn("listOverlaps")}(${col}, ${value()}))`;
    case "@>":
      return `.where(${fn("jsonContains")}(${col}, ${value()}))`;
    case "~":
      return `.where(${fn("matchesRegex")}(${col}, ${value()}))`;
    case "!~":
      return `.whereNot(${fn("matchesRegex")}(${col}, ${value()}))`;
    case "like":
      return `.whereLike(${col}, ${value()})`;
    case "ilike":
      return `.whereILike(${col}, ${value()})`;
    case "not like":
      return `.whereNot((q) => q.whereLike(${col}, ${value()}))`;
    case "not ilike":
      return `.whereNot((q) => q.whereILike(${col}, ${value()}))`;
    case "between":
    case "not between": {
      const r = unparen(right);
      if (r.kind !== "Array" || r.elements.length !== 2) throw new Unsupported(`${op} needs two bounds (a:b)`);
      const [a, b] = r.elements.map((x) => convert(ref.column, expr(x, ctx), ctx));
      return `.${op === "between" ? "whereBetween" : "whereNotBetween"}(${col}, [${a}, ${b}])`;
    }
  }
  const nullSafe = NULL_SAFE[op];
  if (nullSafe !== undefined) {
    // Ignored when the value is null, as Xano does; a literal number, text or bool never is.
    if (["Number", "String", "Bool"].includes(unparen(right).kind))
      return `.where(${col}, ${JSON.stringify(nullSafe)}, ${value()})`;
    return `.modify(${fn("ifNotNull")}(${expr(right, ctx)}, (q, value) => q.where(${col}, ${JSON.stringify(nullSafe)}, ${dbTime ? `${fn("dbTime")}(value)` : "value"})))`;
  }
  throw new Unsupported(`the operator ${op} in a condition is not translated`);
}

/** `$db.tags|contains:"a"`, `$db.title|includes:"x"`, `$db.tags|overlaps:[…]`, `$db.price|between:1:9` as conditions. */
function filterCondition(e: Extract<Expr, { kind: "Filter" }>, scope: Scope, ctx: ModuleContext): string {
  const ref = columnRef(e.subject, scope, ctx);
  if (ref === undefined) throw new Unsupported(`a condition uses |${e.name}`);
  switch (e.name) {
    case "contains":
    case "includes":
    case "overlaps":
      if (e.args.length !== 1) break;
      return comparison(e.name, ref, e.args[0]!, scope, ctx);
    case "between":
      if (e.args.length !== 2) break;
      return comparison("between", ref, { kind: "Array", elements: e.args, span: e.span }, scope, ctx);
  }
  throw new Unsupported(`a condition uses the filter |${e.name} on a column`);
}

// ── statements without a table ──

function hasReturn(items: readonly BlockItem[] | null): boolean {
  for (const n of nodesOf(items)) if (n.kind === "CallStatement" && n.name === "return") return true;
  return false;
}

function statementWithoutTable(s: CallStatement, ctx: ModuleContext): Lines {
  switch (s.name) {
    case "db.transaction": {
      const stack = (s.body ?? []).find((b): b is CallStatement => b.kind === "CallStatement" && b.name === "stack");
      if (stack === undefined) throw new Unsupported("it has no stack");
      if (hasReturn(stack.body))
        throw new Unsupported("a return inside a transaction would only leave the transaction");
      const isolation = prop(s, "isolation");
      ctx.depth++;
      let body: Lines;
      try {
        body = ctx.writeStack(stack.body ?? [], ctx, { returns: "void" });
      } finally {
        ctx.depth--;
      }
      const level = isolation ? `, ${expr(isolation, ctx)}` : "";
      return [`await ${ctx.use("db", "transaction")}(async () => {`, ...indent(body), `}${level});`];
    }
    case "db.direct_query": {
      const sql = prop(s, "sql");
      if (sql === undefined) throw new Unsupported("it has no sql");
      const args = prop(s, "arg");
      const type = prop(s, "response_type");
      const t = type ? literal(type) : "list";
      if (t !== "list" && t !== "single") throw new Unsupported(`its response_type ${String(t)} is not list or single`);
      const parser = prop(s, "parser");
      const template = parser !== undefined && literal(parser) === "template_engine";
      if (parser !== undefined && !template)
        throw new Unsupported(`its parser ${String(literal(parser))} is not translated`);
      const { sqlCode, argsCode } = template
        ? templateSql(sql, args, ctx)
        : {
            sqlCode: sqlText(sql, ctx),
            argsCode:
              args === undefined
                ? "[]"
                : unparen(args).kind === "Array"
                  ? expr(args, ctx)
                  : `[${expr(args, ctx)}].flat()`,
          };
      ctx.report({
        kind: "difference",
        code: "XS5103",
        message:
          "db.direct_query runs its SQL as written (Xano's table names replaced by the migrated ones): check it on PostgreSQL; SQLite may not run PostgreSQL SQL",
        position: s.span.start,
      });
      return bind(s, `await ${ctx.use("db", "directQuery")}(${sqlCode}, ${argsCode}, ${JSON.stringify(t)})`, ctx);
    }
    case "db.set_datasource": {
      const name = prop(s, "name") ?? prop(s, "value");
      if (name === undefined) throw new Unsupported("it has no name");
      const source = literal(name);
      if (source !== "live" && source !== "default") {
        const key = typeof source === "string" ? datasourceKey(source) : "<NAME>";
        ctx.report({
          kind: "difference",
          code: "XS5104",
          message: `db.set_datasource switches to the data source ${typeof source === "string" ? JSON.stringify(source) : "named at run time"}: set DATABASE_URL_${key} (or SQLITE_FILE_${key})`,
          position: s.span.start,
        });
      }
      return [`${ctx.use("db", "setDatasource")}(${expr(name, ctx)});`];
    }
    case "db.schema": {
      const table =
        prop(s, "table") ??
        prop(s, "name") ??
        (s.args[0]?.kind === "Ident" || s.args[0]?.kind === "String" ? s.args[0] : undefined);
      if (table === undefined) throw new Unsupported("it names no table");
      return bind(s, `${ctx.use("db", "schemaOf")}(${expr(table as Expr, ctx)})`, ctx);
    }
  }
  throw new Unsupported(`${s.name} is not translated`);
}

/** The suffix of a data source's variables: DATABASE_URL_<KEY>, SQLITE_FILE_<KEY> (as the data layer's datasourceKey forms it). */
export function datasourceKey(name: string): string {
  return envNameSuffix(name);
}

/** Xano names tables `x<workspace>_<id>` in SQL; the export's file names carry the ids. */
function sqlText(sql: Expr, ctx: ModuleContext): string {
  const value = literal(sql);
  if (typeof value !== "string") return expr(sql, ctx);
  const byId = new Map<string, string>();
  for (const [name, object] of ctx.workspace.tables) {
    const id = /(?:^|\/)(\d+)_[^/]*\.xs$/.exec(object.relativePath)?.[1];
    if (id !== undefined) byId.set(id, name);
  }
  const text = value.replace(/\bx\d+_(\d+)\b/g, (whole, id: string) => {
    const name = byId.get(id);
    return name === undefined ? whole : `"${name.replace(/"/g, '""')}"`;
  });
  if (!text.includes("`") && !text.includes("${") && !text.includes("\\")) return `\`${text}\``;
  return JSON.stringify(text);
}

/**
 * `parser = "template_engine"`: each `{{ expr }}` becomes a bound `?` (in order with the `?`
 * of `arg`), never text spliced into the SQL. A whole statement from one variable stays that
 * variable (its SQL is the application's own).
 */
function templateSql(sql: Expr, args: Expr | undefined, ctx: ModuleContext): { sqlCode: string; argsCode: string } {
  const text = literal(sql);
  if (typeof text !== "string") throw new Unsupported("its template SQL is not a literal");
  if (text.includes("{%")) throw new Unsupported("its SQL template has {% %} blocks");
  const whole = /^\s*\{\{(.*?)\}\}\s*$/s.exec(text);
  if (whole)
    return {
      sqlCode: `String(${expr(templateExpr(whole[1]!), ctx)})`,
      argsCode: args === undefined ? "[]" : expr(args, ctx),
    };
  const list = args === undefined ? [] : unparen(args);
  if (!Array.isArray(list) && list.kind !== "Array")
    throw new Unsupported("its arg is not a list next to template placeholders");
  const given = Array.isArray(list) ? [] : list.elements;
  const bindings: string[] = [];
  let next = 0;
  const out = text.replace(/\{\{(.*?)\}\}|\?/gs, (whole, inner: string | undefined) => {
    if (inner === undefined) {
      const a = given[next++];
      bindings.push(a ? expr(a, ctx) : "null");
      return "?";
    }
    bindings.push(expr(templateExpr(inner), ctx));
    return "?";
  });
  return {
    sqlCode: sqlText({ kind: "String", value: out, quote: '"', span: sql.span }, ctx),
    argsCode: `[${bindings.join(", ")}]`,
  };
}

/** A `{{ expr }}` of a SQL template, read as a XanoScript expression. */
function templateExpr(code: string): Expr {
  const e = sqlTemplateExpression(code);
  if (e === undefined) throw new Unsupported(`its SQL template uses {{ ${code.trim()} }}, which xs2ts cannot read`);
  return e;
}

/** `x ?? []` unless `x` is a list written out. */
function listOrEmpty(code: string): string {
  return code.startsWith("[") ? code : `${code} ?? []`;
}
