// array.* statements: in-place changes of a list variable (push, pop, shift, unshift, merge)
// and the expression-based ones whose result is bound with `as` (find, filter, map, …).
import type { CallStatement, Expr } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { emit, expr, lambda } from "../expr/expressions.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind, copyOf, writeTarget } from "../stack/bind.js";

/** Statement → the filter that computes its result from the list and a per-item condition. */
const CONDITION_FILTERS: Record<string, string> = {
  "array.find": "find",
  "array.find_index": "findIndex",
  "array.has": "some",
  "array.every": "every",
  "array.filter": "filter",
};

const SET_HELPERS: Record<string, string> = {
  "array.union": "unionBy",
  "array.difference": "differenceBy",
  "array.intersection": "intersectionBy",
};

/** The statements this family handles. */
export const ARRAY_STATEMENTS = [
  ...Object.keys(CONDITION_FILTERS),
  ...Object.keys(SET_HELPERS),
  "array.push",
  "array.unshift",
  "array.pop",
  "array.shift",
  "array.merge",
  "array.filter_count",
  "array.partition",
  "array.map",
  "array.group_by",
] as const;

export function emitArrayStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (!s.name.startsWith("array.")) return undefined;
  const target = s.args[0];
  if (target === undefined || target.kind === "Attribute")
    return (ARRAY_STATEMENTS as readonly string[]).includes(s.name)
      ? notMigrated(s, ctx, `${s.name} without a list`)
      : undefined;
  const list = unparen(target);
  const value = prop(s, "value");
  const filter = (name: string, args: Expr[]): Expr => ({ kind: "Filter", subject: list, name, args, span: s.span });
  switch (s.name) {
    case "array.push":
    case "array.unshift": {
      if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
      const method = s.name === "array.push" ? "push" : "unshift";
      const current = emit(list, ctx);
      const item = copyOf(value, ctx);
      if (list.kind === "Var" && current.type === "list") return [`${current.code}.${method}(${item});`];
      if (list.kind === "Var")
        return [
          `${current.code} = ${ctx.rt("values", "listArg")}(${current.code}, ${JSON.stringify(s.name)});`,
          `${current.code}.${method}(${item});`,
        ];
      const fn = ctx.rt("filters/array", method);
      return writeTarget(list, `${fn}(${current.code}, ${item})`, ctx);
    }
    case "array.pop":
    case "array.shift": {
      const method = s.name === "array.pop" ? "pop" : "shift";
      const current = emit(list, ctx);
      if (list.kind === "Var") {
        const prefix =
          current.type === "list"
            ? []
            : [`${current.code} = ${ctx.rt("values", "listArg")}(${current.code}, ${JSON.stringify(s.name)});`];
        return [...prefix, ...bind(s, `${current.code}.${method}() ?? null`, ctx)];
      }
      const taken = s.as ? bind(s, `${ctx.rt("filters/array", method)}(${current.code})`, ctx) : [];
      const rest = `${ctx.rt("filters/array", "slice")}(${current.code}, ${method === "pop" ? "0, -1" : "1"})`;
      return [...taken, ...writeTarget(list, rest, ctx)];
    }
    case "array.merge": {
      if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
      return writeTarget(list, expr(filter("merge", [value]), ctx), ctx);
    }
    case "array.find":
    case "array.find_index":
    case "array.has":
    case "array.every":
    case "array.filter":
    case "array.filter_count": {
      const test = conditionOf(s);
      if (test === undefined) return notMigrated(s, ctx, `${s.name} without an if (…) condition`);
      if (s.name === "array.filter_count") {
        const filtered: Expr = filter("filter", [test]);
        return bind(s, expr({ kind: "Filter", subject: filtered, name: "count", args: [], span: s.span }, ctx), ctx);
      }
      return bind(s, expr(filter(CONDITION_FILTERS[s.name]!, [test]), ctx), ctx);
    }
    case "array.partition": {
      const test = conditionOf(s);
      if (test === undefined) return notMigrated(s, ctx, "array.partition without an if (…) condition");
      return bind(s, `${ctx.rt("filters/array", "partition")}(${expr(list, ctx)}, ${lambda(test, ctx, "item")})`, ctx);
    }
    case "array.map": {
      const by = prop(s, "by");
      if (by === undefined) return notMigrated(s, ctx, "array.map without by =");
      return bind(s, expr(filter("map", [by]), ctx), ctx);
    }
    case "array.group_by": {
      const by = prop(s, "by");
      if (by === undefined) return notMigrated(s, ctx, "array.group_by without by =");
      return bind(s, `${ctx.rt("filters/array", "indexBy")}(${expr(list, ctx)}, ${lambda(by, ctx, "item")})`, ctx);
    }
    case "array.union":
    case "array.difference":
    case "array.intersection": {
      if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
      const by = prop(s, "by") ?? ({ kind: "Var", name: "this", span: s.span } as Expr);
      return bind(
        s,
        `${ctx.rt("filters/array", SET_HELPERS[s.name]!)}(${expr(list, ctx)}, ${expr(value, ctx)}, ${lambda(by, ctx, "item")})`,
        ctx,
      );
    }
    default:
      return undefined;
  }
}

/** `array.filter $xs if (…)`: the condition after the `if` word (or an `if =` property). */
function conditionOf(s: CallStatement): Expr | undefined {
  const i = s.args.findIndex((a) => a.kind === "Ident" && a.name === "if");
  const after = i >= 0 ? s.args[i + 1] : undefined;
  if (after !== undefined && after.kind !== "Attribute") return after;
  return prop(s, "if") ?? prop(s, "value");
}
