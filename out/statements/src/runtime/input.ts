// A function's input, checked and defaulted as Xano does before the stack runs.
import { XanoError } from "./errors.js";

export interface InputField {
  name: string;
  type: string;
  list?: boolean;
  optional?: boolean;
  nullable?: boolean;
  default?: unknown;
  /** `filters=trim|min:1` as [name, ...args]. */
  filters?: readonly (readonly unknown[])[];
}

function inputError(message: string, param: string): XanoError {
  return new XanoError("inputerror", message, { param });
}

function coerce(field: InputField, value: unknown): unknown {
  switch (field.type) {
    case "int":
    case "decimal": {
      const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw inputError(`Value is not a valid number: ${field.name}`, field.name);
      return field.type === "int" ? Math.trunc(n) : n;
    }
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === 1 || value === "1") return true;
      if (value === "false" || value === 0 || value === "0") return false;
      throw inputError(`Value is not a valid boolean: ${field.name}`, field.name);
    case "text":
    case "email":
    case "password":
    case "uuid":
    case "enum":
      if (typeof value === "object" && value !== null) throw inputError(`Value is not text: ${field.name}`, field.name);
      return String(value);
    default:
      return value;
  }
}

function applyFilters(field: InputField, value: unknown): unknown {
  for (const [name, ...args] of field.filters ?? []) {
    if (typeof value === "string") {
      if (name === "trim") value = (value as string).trim();
      else if (name === "lower") value = (value as string).toLowerCase();
      else if (name === "upper") value = (value as string).toUpperCase();
    }
    const size = typeof value === "string" ? value.length : Array.isArray(value) ? value.length : typeof value === "number" ? value : undefined;
    if (name === "min" && size !== undefined && size < Number(args[0])) throw inputError(`${field.name} must be at least ${args[0]}`, field.name);
    if (name === "max" && size !== undefined && size > Number(args[0])) throw inputError(`${field.name} must be at most ${args[0]}`, field.name);
  }
  return value;
}

export function validateInput(fn: string, raw: Record<string, unknown>, fields: readonly InputField[]): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    let value = raw[field.name];
    if (value === undefined) {
      if (field.default !== undefined) value = field.default;
      // `int? x`: a nullable field may also be left out; it is then null.
      else if (field.optional || field.nullable) {
        input[field.name] = null;
        continue;
      } else throw inputError(`Missing param: ${field.name}`, field.name);
    }
    if (value === null) {
      if (!field.nullable && !field.optional) throw inputError(`Missing param: ${field.name}`, field.name);
      input[field.name] = null;
      continue;
    }
    if (field.list) {
      if (!Array.isArray(value)) throw inputError(`Value is not a list: ${field.name}`, field.name);
      // `int[]? xs`: with a nullable type, items may be null too.
      input[field.name] = value.map((v) => (v === null && field.nullable ? null : applyFilters(field, coerce(field, v))));
    } else {
      const v = applyFilters(field, coerce(field, value));
      if (v === "" && field.type === "text" && !field.optional) throw inputError(`Missing param: ${field.name}`, field.name);
      input[field.name] = v;
    }
  }
  void fn;
  return input;
}
