// A function's return type: what its response and every `return` give, where that is known
// (rows of a table read with its row type, literals, variables of a known scalar type);
// `any` otherwise.
import { prop, unparen, type BlockItem, type Expr } from "../../ast.js";
import { nestedBlocks } from "../../analyze/blocks.js";
import type { ModuleContext } from "../core/context.js";
import { declaredType, namedType, typeText, unionType, type TypeNode } from "../core/types.js";

/** The TypeScript type of what a stack returns (its `return` values and the response). Read after the stack is written. */
export function returnedType(items: readonly BlockItem[], response: Expr | undefined, ctx: ModuleContext): string {
  const values = [response, ...returnValues(items)];
  const types = values.map((value) => valueType(value, ctx)).filter((t) => t !== undefined);
  return types.length < values.length ? "any" : typeText(unionType(types));
}

function returnValues(items: readonly BlockItem[]): (Expr | undefined)[] {
  const out: (Expr | undefined)[] = [];
  for (const item of items) {
    if (item.kind === "CallStatement" && item.name === "return") out.push(prop(item, "value"));
    for (const body of nestedBlocks(item)) out.push(...returnValues(body));
  }
  return out;
}

function valueType(value: Expr | undefined, ctx: ModuleContext): TypeNode | undefined {
  if (value === undefined) return namedType("null");
  const v = unparen(value);
  switch (v.kind) {
    case "Null":
      return namedType("null");
    case "Number":
      return namedType("number");
    case "String":
      return namedType("string");
    case "Bool":
      return namedType("boolean");
    case "Var": {
      const rows = ctx.rowVariables.get(v.name);
      if (rows !== undefined) {
        const row = namedType(rows.typeName);
        return rows.shape === "list"
          ? { kind: "array", of: row }
          : rows.shape === "row"
            ? row
            : unionType([row, namedType("null")]);
      }
      // A variable declared where it is first assigned, at the top level, with a known type.
      const id = ctx.variables.get(v.name);
      const type = ctx.variableTypes.get(v.name);
      if (id === undefined || type === undefined || !ctx.constants.has(id)) return undefined;
      const ts = declaredType(type);
      return ts === "any" || ts.startsWith("Promise") ? undefined : namedType(ts);
    }
    case "Object": {
      // An object of known values (no computed key): its shape.
      if (v.entries.length === 0 || v.entries.some((e) => e.computedKey !== undefined)) return undefined;
      const fields = v.entries.flatMap((e) => {
        const type = valueType(e.value, ctx);
        return type === undefined ? [] : [{ key: e.key, type }];
      });
      if (fields.length < v.entries.length || new Set(fields.map((f) => f.key)).size !== fields.length)
        return undefined;
      return { kind: "object", fields };
    }
    default:
      return undefined;
  }
}
