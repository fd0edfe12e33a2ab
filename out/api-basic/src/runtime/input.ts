// A function's input, checked and defaulted as Xano does before the stack runs: each field's
// type (with the conversions Xano makes: "5" → 5, ISO text → epoch ms), `?` rules, default,
// `filters=` (runtime/field-filters.ts, shared with table writes), enum values and nested
// `schema { … }` of objects. A failure is an `inputerror` whose payload names the field.
import { applyFieldFilters, inputError, type FieldFilter } from "./field-filters.js";
import { toMs } from "./time.js";
import { setOwn } from "./values.js";

export interface InputField {
  name: string;
  type: string;
  list?: boolean;
  /** `int[1:10]`: the least and most items of the list. */
  listSize?: readonly [min: number, max: number];
  /** `name?`: may be left out. */
  optional?: boolean;
  /** `type?`: may be null. */
  nullable?: boolean;
  default?: unknown;
  /** `filters=trim|min:1` as [name, ...args]. */
  filters?: readonly FieldFilter[];
  /** An enum's values. */
  values?: readonly string[];
  /** An object's `schema { … }`: its fields, checked the same way. */
  schema?: readonly InputField[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Types whose value is text: a required one rejects "" as missing. */
const TEXT_TYPES = new Set(["text", "email", "password", "uuid", "enum"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as the field's type, or an input error: the conversion Xano makes before filters. */
function convert(field: InputField, value: unknown, param: string): unknown {
  switch (field.type) {
    case "int":
    case "decimal": {
      const n =
        typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw inputError(`Value is not a valid number: ${param}`, param);
      return field.type === "int" ? Math.trunc(n) : n;
    }
    case "bool":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === 1 || value === "1") return true;
      if (value === "false" || value === 0 || value === "0") return false;
      throw inputError(`Value is not a valid boolean: ${param}`, param);
    case "text":
    case "email":
    case "password":
    case "uuid":
    case "enum":
      if (typeof value === "object") throw inputError(`Value is not text: ${param}`, param);
      return String(value);
    case "timestamp":
      try {
        return toMs(value as number | string);
      } catch {
        throw inputError(`Value is not a valid timestamp: ${param}`, param);
      }
    case "date":
      if (typeof value === "string" && DATE.test(value) && !Number.isNaN(Date.parse(value))) return value;
      try {
        return new Date(toMs(value as number | string)).toISOString().slice(0, 10);
      } catch {
        throw inputError(`Value is not a valid date: ${param}`, param);
      }
    case "vector":
      if (!Array.isArray(value) || !value.every((x) => typeof x === "number" && Number.isFinite(x)))
        throw inputError(`Value is not a valid vector: ${param}`, param);
      return value;
    case "object":
      if (field.schema === undefined) return value;
      if (!isRecord(value)) throw inputError(`Value is not an object: ${param}`, param);
      // Keys the schema does not declare are kept: the stack may still read them.
      return { ...value, ...validateFields(value, field.schema, `${param}.`) };
    default:
      // json, file, image, video, audio, attachment, geo_*: taken as sent.
      return value;
  }
}

/** Checks that only the final text can fail: formats and enum values (after trim/lower). */
function checkText(field: InputField, text: string, param: string): void {
  if (field.type === "email" && !EMAIL.test(text)) throw inputError(`Value is not a valid email: ${param}`, param);
  if (field.type === "uuid" && !UUID.test(text)) throw inputError(`Value is not a valid uuid: ${param}`, param);
  if (field.type === "enum") checkEnum(field.values, text, param);
}

/** An enum value must be one of the declared ones (function inputs and table columns alike). */
export function checkEnum(values: readonly string[] | undefined, value: string, param: string): void {
  if (values !== undefined && !values.includes(value))
    throw inputError(`${param} must be one of ${values.join(", ")}`, param);
}

/**
 * One value (a list's item, or the field's value) that is not null. A required text field
 * rejects "" as missing; an optional one, or a list's item, takes it as it is.
 */
function validateValue(field: InputField, value: unknown, param: string, emptyAllowed: boolean): unknown {
  const v = applyFieldFilters(convert(field, value, param), field.filters, param);
  if (typeof v !== "string" || !TEXT_TYPES.has(field.type)) return v;
  if (v === "") {
    if (!emptyAllowed) throw inputError(`Missing param: ${param}`, param);
    return v;
  }
  checkText(field, v, param);
  return v;
}

function validateList(field: InputField, value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) throw inputError(`Value is not a list: ${param}`, param);
  if (field.listSize !== undefined) {
    const [min, max] = field.listSize;
    if (value.length < min) throw inputError(`${param} must have at least ${min} items`, param);
    if (value.length > max) throw inputError(`${param} must have at most ${max} items`, param);
  }
  // `int[]? xs`: with a nullable type, items may be null too.
  return value.map((item, i) =>
    item === null && field.nullable ? null : validateValue(field, item, `${param}.${i}`, true),
  );
}

function validateField(field: InputField, value: unknown, param: string): unknown {
  if (value === undefined) {
    if (field.default !== undefined) value = field.default;
    // `int? x`: a nullable field may also be left out; it is then null.
    else if (field.optional || field.nullable) return null;
    else throw inputError(`Missing param: ${param}`, param);
  }
  if (value === null) {
    if (!field.nullable && !field.optional) throw inputError(`Missing param: ${param}`, param);
    return null;
  }
  return field.list ? validateList(field, value, param) : validateValue(field, value, param, field.optional === true);
}

/** The declared fields of `raw`, each checked; `prefix` names the object they are in (`address.`). */
function validateFields(
  raw: Record<string, unknown>,
  fields: readonly InputField[],
  prefix: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Own keys only: an input named `constructor` or `toString` left out is missing, not Object's member.
  for (const field of fields)
    setOwn(
      out,
      field.name,
      validateField(field, Object.hasOwn(raw, field.name) ? raw[field.name] : undefined, `${prefix}${field.name}`),
    );
  return out;
}

/** `fn`'s input: the declared fields of `raw`, checked, converted and defaulted. */
/** Checks and converts a function's input; `T` is the type the generated code declares for it. */
export function validateInput<T = Record<string, unknown>>(
  fn: string,
  raw: Record<string, unknown>,
  fields: readonly InputField[],
): T {
  void fn;
  return validateFields(raw, fields, "") as T;
}
