// object.keys / values / entries statements: a value in, a result bound with `as`.
import type { CallStatement } from "../ast.js";
import type { ModuleContext } from "./context.js";
import { expr } from "./expressions.js";
import { bind, notMigrated, prop, type Lines } from "./statements.js";

export function emitObjectStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (s.name !== "object.keys" && s.name !== "object.values" && s.name !== "object.entries") return undefined;
  const arg = s.args[0];
  const value = prop(s, "value") ?? (arg !== undefined && arg.kind !== "Attribute" ? arg : undefined);
  if (value === undefined) return notMigrated(s, ctx, `${s.name} without a value`);
  return bind(s, expr({ kind: "Filter", subject: value, name: s.name.slice(7), args: [], span: s.span }, ctx), ctx);
}
