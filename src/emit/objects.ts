// object.keys / values / entries and security.* statements: a value in, a result bound with `as`.
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

export function emitSecurityStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  switch (s.name) {
    case "security.random_number": {
      const min = prop(s, "min");
      const max = prop(s, "max");
      const fn = ctx.rt("filters/security", "randomNumber");
      return bind(s, `${fn}(${min ? expr(min, ctx) : "0"}, ${max ? expr(max, ctx) : "Number.MAX_SAFE_INTEGER"})`, ctx);
    }
    case "security.create_uuid":
      return bind(s, `${ctx.rt("filters/security", "uuid")}()`, ctx);
    case "security.random_bytes": {
      const length = prop(s, "length");
      if (length === undefined) return notMigrated(s, ctx, "security.random_bytes without a length");
      return bind(s, `${ctx.rt("filters/security", "randomBytes")}(${expr(length, ctx)})`, ctx);
    }
    default:
      return undefined;
  }
}
