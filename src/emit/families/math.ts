// math.add / sub / mul / div / mod and math.bitwise.and / or / xor: statements that change
// a number variable in place (`math.add $total { value = $price }` → `total += price`).
import type { CallStatement, Expr, BinaryOp } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { emit } from "../expr/expressions.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { writeTarget } from "../stack/bind.js";

const OPERATORS: Record<string, BinaryOp> = {
  "math.add": "+",
  "math.sub": "-",
  "math.mul": "*",
  "math.div": "/",
  "math.mod": "%",
};
const BITWISE: Record<string, string> = {
  "math.bitwise.and": "bitwise_and",
  "math.bitwise.or": "bitwise_or",
  "math.bitwise.xor": "bitwise_xor",
};

/** The statements this family handles. */
export const MATH_STATEMENTS = [...Object.keys(OPERATORS), ...Object.keys(BITWISE)];

export function emitMathStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  const op = OPERATORS[s.name];
  const bitwise = BITWISE[s.name];
  if (op === undefined && bitwise === undefined) return undefined;
  const target = s.args[0];
  const value = prop(s, "value");
  if (target === undefined || target.kind === "Attribute" || value === undefined)
    return notMigrated(s, ctx, `${s.name} without a target or a value`);
  const combined: Expr =
    op !== undefined
      ? { kind: "Binary", op, left: target, right: value, span: s.span }
      : { kind: "Filter", subject: target, name: bitwise!, args: [value], span: s.span };
  const result = emit(combined, ctx);
  const t = unparen(target);
  // `x += v` where both are numbers and the operator is JavaScript's own.
  if (t.kind === "Var" && op !== undefined && op !== "/" && op !== "%") {
    const left = emit(t, ctx);
    const right = emit(value, ctx);
    if (left.type === "number" && right.type === "number") return [`${left.code} ${op}= ${right.code};`];
  }
  return writeTarget(t, result.code, ctx);
}
