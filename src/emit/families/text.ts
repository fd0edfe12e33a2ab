// text.* statements: tests bound with `as` (text.contains …) and in-place changes of a text
// variable (text.trim, text.append, …).
import type { CallStatement, Expr } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind, writeTarget } from "../stack/bind.js";

const TESTS = new Set(["contains", "icontains", "starts_with", "istarts_with", "ends_with", "iends_with"]);
const CHANGES = new Set(["trim", "ltrim", "rtrim", "append", "prepend"]);

/** The statements this family handles. */
export const TEXT_STATEMENTS = [...TESTS, ...CHANGES].map((op) => `text.${op}`);

export function emitTextStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (!s.name.startsWith("text.")) return undefined;
  const op = s.name.slice(5);
  if (!TESTS.has(op) && !CHANGES.has(op)) return undefined;
  const target = s.args[0];
  const value = prop(s, "value");
  if (target === undefined || target.kind === "Attribute") return notMigrated(s, ctx, `${s.name} without a target`);
  if (TESTS.has(op)) {
    if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
    return bind(s, expr({ kind: "Filter", subject: target, name: op, args: [value], span: s.span }, ctx), ctx);
  }
  let changed: Expr;
  if (op === "append" || op === "prepend") {
    if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
    changed =
      op === "append"
        ? { kind: "Binary", op: "~", left: target, right: value, span: s.span }
        : { kind: "Binary", op: "~", left: value, right: target, span: s.span };
  } else changed = { kind: "Filter", subject: target, name: op, args: value ? [value] : [], span: s.span };
  return writeTarget(unparen(target), expr(changed, ctx), ctx);
}
