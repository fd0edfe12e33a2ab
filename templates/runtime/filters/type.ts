// Type filters (the reference's "Type Filters"): conversions, is_* checks, JSON.
//
// Decisions where the reference is silent:
// - to_int truncates toward zero and reads the number at the start of a text
//   ("133.45 kg" → 133, "abc" → 0), as PHP's (int) cast does.
// - to_bool reads text as PHP's FILTER_VALIDATE_BOOLEAN: "true", "1", "yes", "on" are true,
//   anything else false (so "false" is false, unlike PHP's (bool) cast).
// - is_int / is_decimal look at the number itself: 2.0 is an int (see values.ts).
// - json_decode of text that is not JSON gives null, as PHP's json_decode.

import { isNull, isPlainObject, leadingNumber, toJson } from "../values.js";

export { isEmpty, isNull, toText } from "../values.js";

function numberOf(v: unknown): number {
  if (isNull(v)) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return leadingNumber(v) ?? 0;
  if (Array.isArray(v)) return v.length > 0 ? 1 : 0;
  if (isPlainObject(v)) return 1;
  return 0;
}

/** `"123"|to_int` → 123; `"133.45 kg"|to_int` → 133; infinities and NaN give 0 (PHP 8). */
export function toInt(v: unknown): number {
  const n = Math.trunc(numberOf(v));
  return Number.isFinite(n) ? n || 0 : 0;
}

/** `"1.5"|to_decimal` → 1.5; `"133.45 kg"|to_decimal` → 133.45. */
export function toDecimal(v: unknown): number {
  return numberOf(v);
}

const TRUE_TEXT = new Set(["1", "true", "yes", "on"]);

/** `"true"|to_bool` → true. Numbers: anything but 0; arrays and objects: not empty. */
export function toBool(v: unknown): boolean {
  if (isNull(v)) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return TRUE_TEXT.has(v.trim().toLowerCase());
  if (Array.isArray(v)) return v.length > 0;
  return isPlainObject(v) ? Object.keys(v).length > 0 : Boolean(v);
}

/** `[1]|is_array` → true (a list; an object is not an array). */
export function isArray(v: unknown): boolean {
  return Array.isArray(v);
}

/** `{}|is_object` → true. */
export function isObject(v: unknown): boolean {
  return isPlainObject(v);
}

/** `1|is_int` → true; text holding digits is not an int. */
export function isInt(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v);
}

/** `1.5|is_decimal` → true; whole numbers are ints (JavaScript cannot tell 2.0 from 2). */
export function isDecimal(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v) && !Number.isInteger(v);
}

/** `false|is_bool` → true. */
export function isBool(v: unknown): boolean {
  return typeof v === "boolean";
}

/** `"a"|is_text` → true. */
export function isText(v: unknown): boolean {
  return typeof v === "string";
}

/** `{a:1}|json_encode` → '{"a":1}' (compact; slashes and Unicode not escaped). */
export function jsonEncode(v: unknown): string {
  return toJson(v);
}

/** `'{"a":1}'|json_decode` → {a:1}; invalid JSON gives null; a non-text value is returned as is. */
export function jsonDecode(v: unknown): any {
  if (typeof v !== "string") return isNull(v) ? null : v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return null;
  }
}
