// object.keys / values / entries statements: a value in, a result bound with `as`.
import type { CallStatement } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** The statements this family handles. */
export const OBJECT_STATEMENTS = ["object.keys", "object.values", "object.entries"];

export function emitObjectStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (!OBJECT_STATEMENTS.includes(s.name)) return undefined;
  const arg = s.args[0];
  const value = prop(s, "value") ?? (arg !== undefined && arg.kind !== "Attribute" ? arg : undefined);
  if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
  return bind(s, expr({ kind: "Filter", subject: value, name: s.name.slice(7), args: [], span: s.span }, ctx), ctx);
}
