// A family statement's named parameters (`redis.set { key = …, data = … }`): checked against
// the parameters its helper takes, with defaults and the reference's other spellings.
import type { CallStatement, Expr } from "../../ast.js";

/** A parameter: its name, and the value the helper takes when it is left out (none when required). */
export interface Param {
  name: string;
  default?: string;
  /** Other names the reference writes it with (middleware.md: `redis.set { value, expire }`). */
  aliases?: string[];
}

/** The statement's parameters by name, or why it cannot be translated. */
export function parameters(s: CallStatement, params: readonly Param[]): Map<string, Expr> | string {
  const byName = new Map<string, Param>();
  for (const p of params) for (const name of [p.name, ...(p.aliases ?? [])]) byName.set(name, p);
  const values = new Map<string, Expr>();
  for (const item of s.body ?? []) {
    if (item.kind !== "Property") return `a ${item.kind.toLowerCase()} in ${s.name}`;
    const param = byName.get(item.name);
    if (param === undefined) return `unknown parameter ${item.name}`;
    values.set(param.name, item.value);
  }
  const missing = params.filter((p) => p.default === undefined && !values.has(p.name)).map((p) => p.name);
  if (missing.length > 0) return `${s.name} without ${missing.join(", ")}`;
  return values;
}
