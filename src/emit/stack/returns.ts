// A function's return type: what its response and every `return` give, where that is known
// (rows of a table read with its row type, literals, variables of a known scalar type);
// `any` otherwise.
import { prop, unparen, type BlockItem, type Expr } from "../../ast.js";
import { nestedBlocks } from "../../analyze/blocks.js";
import type { ModuleContext } from "../core/context.js";
import { objectKey } from "../core/escape.js";
import { declaredType } from "../core/types.js";
import { rowVariables } from "../expr/rows.js";

/** The TypeScript type of what a stack returns (its `return` values and the response). Read after the stack is written. */
export function returnedType(items: readonly BlockItem[], response: Expr | undefined, ctx: ModuleContext): string {
  const types = [response, ...returnValues(items)].map((value) => valueType(value, ctx));
  if (types.some((t) => t === undefined)) return "any";
  return [...new Set(types.flatMap((t) => t!.split(" | ")))].join(" | ");
}

function returnValues(items: readonly BlockItem[]): (Expr | undefined)[] {
  const out: (Expr | undefined)[] = [];
  for (const item of items) {
    if (item.kind === "CallStatement" && item.name === "return") out.push(prop(item, "value"));
    for (const body of nestedBlocks(item)) out.push(...returnValues(body));
  }
  return out;
}

function valueType(value: Expr | undefined, ctx: ModuleContext): string | undefined {
  if (value === undefined) return "null";
  const v = unparen(value);
  switch (v.kind) {
    case "Null":
      return "null";
    case "Number":
      return "number";
    case "String":
      return "string";
    case "Bool":
      return "boolean";
    case "Var": {
      const rows = rowVariables(ctx).get(v.name);
      if (rows !== undefined)
        return rows.shape === "list"
          ? `${rows.typeName}[]`
          : rows.shape === "row"
            ? rows.typeName
            : `${rows.typeName} | null`;
      // A variable declared where it is first assigned, at the top level, with a known type.
      const id = ctx.variables.get(v.name);
      const type = ctx.variableTypes.get(v.name);
      if (id === undefined || type === undefined || !ctx.constants.has(id)) return undefined;
      const ts = declaredType(type);
      return ts === "any" || ts.startsWith("Promise") ? undefined : ts;
    }
    case "Object": {
      // An object of known values (no computed key): its shape.
      if (v.entries.length === 0 || v.entries.some((e) => e.computedKey !== undefined)) return undefined;
      const fields = v.entries.map((e) => [e.key, valueType(e.value, ctx)] as const);
      if (fields.some(([, t]) => t === undefined) || new Set(fields.map(([k]) => k)).size !== fields.length)
        return undefined;
      return `{ ${fields.map(([k, t]) => `${objectKey(k)}: ${t}`).join("; ")} }`;
    }
    default:
      return undefined;
  }
}
