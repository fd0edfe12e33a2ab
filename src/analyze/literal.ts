// The value of an expression written as a literal (`"a"`, `-1`, `[1, {x: true}]`), for the
// settings xs2ts reads at build time.
import { unparen, type Expr } from "../ast.js";

/** A literal expression's value, or undefined when it is not a literal. */
export function literal(e: Expr): unknown {
  e = unparen(e);
  switch (e.kind) {
    case "String":
      return e.value;
    case "Number":
      return e.value;
    case "Bool":
      return e.value;
    case "Null":
      return null;
    case "Unary":
      if (e.op === "-" && unparen(e.operand).kind === "Number") return -(unparen(e.operand) as { value: number }).value;
      return undefined;
    case "Array": {
      const out = e.elements.map(literal);
      return out.includes(undefined) ? undefined : out;
    }
    case "Object": {
      const out: Record<string, unknown> = {};
      for (const entry of e.entries) {
        if (entry.computedKey) return undefined;
        const v = literal(entry.value);
        if (v === undefined) return undefined;
        out[entry.key] = v;
      }
      return out;
    }
    default:
      return undefined;
  }
}
