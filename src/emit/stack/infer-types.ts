// Each stack variable's static type over all of its assignments, so `$i + 1` is `i + 1` when
// `$i` only ever holds numbers. The types come from the expression emitter itself (run on a
// scratch context), so they agree with what it writes.
import { prop, unparen, type BlockItem, type Expr } from "../../ast.js";
import { asyncFlag, nestedBlocks, removesItems } from "../../analyze/blocks.js";
import { IN_PLACE } from "../../analyze/stack-model.js";
import { rootVariable } from "../../analyze/variables.js";
import { ModuleContext } from "../core/context.js";
import type { StaticType } from "../core/types.js";
import { emit } from "../expr/expressions.js";

/** An assignment's value, its known type, or `keep`: a change of a part (`var.update $x[0]`), which keeps a list a list and an object an object. */
type Assignment = { kind: "expr"; expr: Expr } | { kind: "type"; type: StaticType } | { kind: "keep" };

const KEEP: Assignment = { kind: "keep" };

const STATEMENT_RESULT: Record<string, StaticType> = {
  "array.filter": "list",
  "array.map": "list",
  "array.filter_count": "number",
  "array.find_index": "number",
  "array.has": "bool",
  "array.every": "bool",
  "array.union": "list",
  "array.difference": "list",
  "array.intersection": "list",
  "array.partition": "object",
  "object.keys": "list",
  "object.values": "list",
  "object.entries": "list",
  "text.contains": "bool",
  "text.icontains": "bool",
  "text.starts_with": "bool",
  "text.istarts_with": "bool",
  "text.ends_with": "bool",
  "text.iends_with": "bool",
  "security.random_number": "number",
  "security.create_uuid": "text",
  "redis.has": "bool",
  "redis.incr": "number",
  "redis.decr": "number",
  "redis.push": "number",
  "redis.unshift": "number",
  "redis.count": "number",
  "redis.remove": "number",
  "redis.range": "list",
  "redis.keys": "list",
  "redis.ratelimit": "bool",
};

const TARGET_TYPE: Record<string, StaticType> = {
  "math.add": "number",
  "math.sub": "number",
  "math.mul": "number",
  "math.div": "number",
  "math.mod": "number",
  "math.bitwise.and": "number",
  "math.bitwise.or": "number",
  "math.bitwise.xor": "number",
  "text.append": "text",
  "text.prepend": "text",
  "text.trim": "text",
  "text.ltrim": "text",
  "text.rtrim": "text",
};

function collectAssignments(items: readonly BlockItem[], out: Map<string, Assignment[]>): void {
  const add = (name: string, a: Assignment) => {
    if (!out.has(name)) out.set(name, []);
    out.get(name)!.push(a);
  };
  for (const item of items) {
    if (item.kind === "CallStatement") {
      const target = item.args[0];
      const t = target && target.kind !== "Attribute" ? unparen(target) : undefined;
      const value = prop(item, "value");
      if (item.name === "var" || item.name === "var.update") {
        if (t?.kind === "Var" && value !== undefined) add(t.name, { kind: "expr", expr: value });
        else if (t && rootVariable(t)) add(rootVariable(t)!, KEEP);
      } else if (t?.kind === "Var" && TARGET_TYPE[item.name])
        add(t.name, { kind: "type", type: TARGET_TYPE[item.name]! });
      else if (t && /^array\.(push|unshift|merge|pop|shift)$/.test(item.name) && rootVariable(t)) {
        add(rootVariable(t)!, t.kind === "Var" ? { kind: "type", type: "list" } : KEEP);
      } else if (t && rootVariable(t) && IN_PLACE.test(item.name)) add(rootVariable(t)!, KEEP);
      // An async statement's variable holds the promise of its result, not the result.
      const result = asyncFlag(item) === true ? "promise" : (STATEMENT_RESULT[item.name] ?? "unknown");
      if (item.as) add(item.as.name, { kind: "type", type: item.asFilters?.length ? "unknown" : result });
    }
    if (item.kind === "For" && item.item) add(item.item.name, { kind: "type", type: "number" });
    if (item.kind === "Foreach" && item.item) add(item.item.name, { kind: "type", type: "unknown" });
    const removedFrom = item.kind === "Foreach" && removesItems(item.body) ? rootVariable(item.list) : undefined;
    if (removedFrom !== undefined && removedFrom !== "input" && item.kind === "Foreach") {
      add(removedFrom, item.list.kind === "Var" ? { kind: "type", type: "list" } : KEEP);
    }
    for (const body of nestedBlocks(item)) collectAssignments(body, out);
  }
}

/** What inferTypes finds: each variable's type where known, and where it is known but for nulls. */
export interface InferredTypes {
  /** Every assignment gives this type: native operators apply to the variable. */
  exact: Map<string, StaticType>;
  /**
   * Every assignment gives this scalar type or null: declared `T | null`, but read as untyped
   * (a null must still go through the runtime's operators).
   */
  orNull: Map<string, StaticType>;
}

/**
 * Each variable's type when every assignment gives the same type, found by iterating to a
 * fixed point (a variable's own type feeds its next assignment, as in `$i = $i + 1`).
 * `keep` (a change of a part, e.g. `var.update $x[0]`) keeps a list a list and an object an object.
 */
export function inferTypes(items: readonly BlockItem[], ctx: ModuleContext): InferredTypes {
  const assignments = new Map<string, Assignment[]>();
  collectAssignments(items, assignments);
  const scratch = new ModuleContext(ctx.workspace, ctx.modulePath, ctx.sourcePath, []);
  for (const [k, v] of ctx.variables) scratch.variables.set(k, v);
  for (const [k, v] of ctx.inputTypes) scratch.inputTypes.set(k, v);
  let types = new Map<string, StaticType>();
  for (let pass = 0; pass < 6; pass++) {
    scratch.variableTypes.clear();
    for (const [k, v] of types) scratch.variableTypes.set(k, v);
    const next = new Map<string, StaticType>();
    const orNull = new Map<string, StaticType>();
    for (const [name, list] of assignments) {
      const given = list.map((a): StaticType | "keep" =>
        a.kind === "keep" ? "keep" : a.kind === "type" ? a.type : safeType(a.expr, scratch),
      );
      const joined = join(given.filter((t): t is StaticType => t !== "keep"));
      if (joined !== undefined && joined !== "unknown" && joined !== "null") {
        const keepsShape = given.every((t) => t !== "keep" || joined === "list" || joined === "object");
        if (keepsShape) next.set(name, joined);
      }
      const nonNull = given.includes("null") ? join(given.filter((t) => t !== "null")) : undefined;
      if (nonNull === "number" || nonNull === "text" || nonNull === "bool") orNull.set(name, nonNull);
    }
    const same = next.size === types.size && [...next].every(([k, v]) => types.get(k) === v);
    types = next;
    if (same) return { exact: types, orNull };
  }
  return { exact: new Map(), orNull: new Map() };
}

/** The one type all of `given` share, "unknown" when they differ, undefined for none. */
function join<T extends StaticType | "keep">(given: readonly T[]): T | "unknown" | undefined {
  let joined: T | "unknown" | undefined;
  for (const t of given) joined = joined === undefined || joined === t ? t : "unknown";
  return joined;
}

function safeType(e: Expr, ctx: ModuleContext): StaticType {
  try {
    return emit(e, ctx).type;
  } catch {
    return "unknown";
  }
}
