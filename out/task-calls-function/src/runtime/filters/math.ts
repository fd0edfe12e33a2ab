// Math filters (the reference's "Math Filters", "Trigonometry", "Bitwise Filters"), number
// base conversions, and the vector / range meanings of db-query filters outside a query.
//
// Decisions where the reference is silent:
// - Operands convert as the arithmetic operators do (values.ts toNumber): null is 0,
//   numeric text is its number, other text is an error; division by zero is an error.
// - round rounds half away from zero, like PHP (2.5 → 3, -2.5 → -3, 1.005 → 1.01 at 2 places).
// - Bitwise filters work on 64-bit integers, as PHP does, not JavaScript's 32 bits.

import { compare, isNull, listArg, toNumber, toText } from "../values.js";

export { add, divide, multiply, subtract } from "../values.js";
export { modulo as modulus } from "../values.js";

function num(v: unknown, filter: string): number {
  return toNumber(v, filter);
}

/** `2.7|floor` → 2. */
export function floor(v: unknown): number {
  return Math.floor(num(v, "floor"));
}

/** `2.3|ceil` → 3. */
export function ceil(v: unknown): number {
  return Math.ceil(num(v, "ceil"));
}

/**
 * `2.567|round:2` → 2.57. Half away from zero; the decimal digits as written count, so
 * 1.005 rounds to 1.01 (PHP's pre-rounding), not 1.00 as a binary float would.
 */
export function round(v: unknown, precision?: unknown): number {
  const n = num(v, "round");
  const p = isNull(precision) ? 0 : Math.trunc(num(precision, "round"));
  if (!Number.isFinite(n)) return n;
  const a = Math.abs(n);
  // Shift the decimal point in the text, not by multiplying, so 1.005 stays 1.005 (not 1.00499…).
  let r = String(a).includes("e") ? NaN : Number(`${Math.round(Number(`${a}e${p}`))}e${-p}`);
  if (!Number.isFinite(r)) r = Math.round(a * 10 ** p) / 10 ** p;
  return Math.sign(n) * r || 0;
}

/** `-5|abs` → 5. */
export function abs(v: unknown): number {
  return Math.abs(num(v, "abs"));
}

/** `9|sqrt` → 3. */
export function sqrt(v: unknown): number {
  return Math.sqrt(num(v, "sqrt"));
}

/** `2|pow:3` → 8. */
export function pow(v: unknown, exponent: unknown): number {
  return num(v, "pow") ** num(exponent, "pow");
}

/** `0|exp` → 1 (e to the power of the value). */
export function exp(v: unknown): number {
  return Math.exp(num(v, "exp"));
}

/** `8|log:2` → 3; without a base, the natural logarithm. */
export function log(v: unknown, base?: unknown): number {
  const n = Math.log(num(v, "log"));
  return isNull(base) ? n : n / Math.log(num(base, "log"));
}

/** `100|log10` → 2. */
export function log10(v: unknown): number {
  return Math.log10(num(v, "log10"));
}

/** `10|ln` → 2.302585… */
export function ln(v: unknown): number {
  return Math.log(num(v, "ln"));
}

/**
 * `5|min:3` → 3: the smaller of the two (compared as `<` does). On an array with no
 * argument, its smallest item.
 */
export function min(v: unknown, other?: unknown): any {
  if (Array.isArray(v) && other === undefined)
    return v.reduce<unknown>((m, x) => (m === undefined || compare(x, m) < 0 ? x : m), undefined) ?? null;
  return compare(other, v) < 0 ? other : v;
}

/** `5|max:10` → 10; on an array with no argument, its largest item. */
export function max(v: unknown, other?: unknown): any {
  if (Array.isArray(v) && other === undefined)
    return v.reduce<unknown>((m, x) => (m === undefined || compare(x, m) > 0 ? x : m), undefined) ?? null;
  return compare(other, v) > 0 ? other : v;
}

/** `4|even` → true. */
export function even(v: unknown): boolean {
  return Math.trunc(num(v, "even")) % 2 === 0;
}

/** `5|odd` → true. */
export function odd(v: unknown): boolean {
  return Math.abs(Math.trunc(num(v, "odd")) % 2) === 1;
}

/** `5|between:1:10` → true: min ≤ value ≤ max (the db filter's meaning, outside a query). */
export function between(v: unknown, low: unknown, high: unknown): boolean {
  return compare(v, low) >= 0 && compare(v, high) <= 0;
}

// ---------------------------------------------------------------------------------------
// Trigonometry

/** `90|deg2rad` → 1.5707963… */
export function deg2rad(v: unknown): number {
  return (num(v, "deg2rad") * Math.PI) / 180;
}

/** `3.14159…|rad2deg` → 180. */
export function rad2deg(v: unknown): number {
  return (num(v, "rad2deg") * 180) / Math.PI;
}

/** `0|sin` → 0 (radians). */
export function sin(v: unknown): number {
  return Math.sin(num(v, "sin"));
}

/** `0|cos` → 1. */
export function cos(v: unknown): number {
  return Math.cos(num(v, "cos"));
}

/** `0.785398|tan` → ~1. */
export function tan(v: unknown): number {
  return Math.tan(num(v, "tan"));
}

/** `0|asin` → 0. */
export function asin(v: unknown): number {
  return Math.asin(num(v, "asin"));
}

/** `1|acos` → 0. */
export function acos(v: unknown): number {
  return Math.acos(num(v, "acos"));
}

/** `1|atan` → 0.785398… */
export function atan(v: unknown): number {
  return Math.atan(num(v, "atan"));
}

/** `0|sinh` → 0. */
export function sinh(v: unknown): number {
  return Math.sinh(num(v, "sinh"));
}

/** `0|cosh` → 1. */
export function cosh(v: unknown): number {
  return Math.cosh(num(v, "cosh"));
}

/** `0|tanh` → 0. */
export function tanh(v: unknown): number {
  return Math.tanh(num(v, "tanh"));
}

/** `1|asinh` → 0.88137… */
export function asinh(v: unknown): number {
  return Math.asinh(num(v, "asinh"));
}

/** `1|acosh` → 0. */
export function acosh(v: unknown): number {
  return Math.acosh(num(v, "acosh"));
}

/** `0.5|atanh` → 0.5493… */
export function atanh(v: unknown): number {
  return Math.atanh(num(v, "atanh"));
}

// ---------------------------------------------------------------------------------------
// Formatting and bases

/**
 * PHP's number_format: `31253212.141592|number_format:2:".":","` → "31,253,212.14".
 * Defaults: 0 decimals, "." and ",".
 */
export function numberFormat(
  v: unknown,
  decimals?: unknown,
  decimalPoint?: unknown,
  thousandsSeparator?: unknown,
): string {
  const places = Math.max(0, isNull(decimals) ? 0 : Math.trunc(num(decimals, "number_format")));
  const fixed = Math.abs(round(v, places)).toFixed(places);
  const [whole, fraction] = fixed.split(".");
  const sep = isNull(thousandsSeparator) ? "," : toText(thousandsSeparator);
  const point = isNull(decimalPoint) ? "." : toText(decimalPoint);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const negative = round(v, places) < 0;
  return (negative ? "-" : "") + grouped + (fraction ? point + fraction : "");
}

function int64(v: unknown, filter: string): bigint {
  const n = Math.trunc(num(v, filter));
  return BigInt(Number.isFinite(n) ? n : 0);
}

function fromInt64(b: bigint): number {
  return Number(BigInt.asIntN(64, b));
}

/** `5|bitwise_and:3` → 1. */
export function bitwiseAnd(v: unknown, other: unknown): number {
  return fromInt64(int64(v, "bitwise_and") & int64(other, "bitwise_and"));
}

/** `5|bitwise_or:3` → 7. */
export function bitwiseOr(v: unknown, other: unknown): number {
  return fromInt64(int64(v, "bitwise_or") | int64(other, "bitwise_or"));
}

/** `5|bitwise_xor:3` → 6. */
export function bitwiseXor(v: unknown, other: unknown): number {
  return fromInt64(int64(v, "bitwise_xor") ^ int64(other, "bitwise_xor"));
}

/** `5|bitwise_not` → -6. */
export function bitwiseNot(v: unknown): number {
  return fromInt64(~int64(v, "bitwise_not"));
}

function toBase(v: unknown, base: number, filter: string): string {
  return BigInt.asUintN(64, int64(v, filter)).toString(base);
}

function fromBase(v: unknown, base: number): number {
  const digits = toText(v)
    .toLowerCase()
    .replace(new RegExp(`[^${"0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base)}]`, "g"), "");
  return digits === "" ? 0 : [...digits].reduce((acc, d) => acc * base + parseInt(d, 36), 0);
}

/** `255|dechex` → "ff" (negative numbers as 64-bit two's complement, like PHP). */
export function dechex(v: unknown): string {
  return toBase(v, 16, "dechex");
}

/** `"ff"|hexdec` → 255 (characters that are not hex digits are ignored, like PHP). */
export function hexdec(v: unknown): number {
  return fromBase(v, 16);
}

/** `10|decbin` → "1010". */
export function decbin(v: unknown): string {
  return toBase(v, 2, "decbin");
}

/** `"1010"|bindec` → 10. */
export function bindec(v: unknown): number {
  return fromBase(v, 2);
}

/** `10|decoct` → "12". */
export function decoct(v: unknown): string {
  return toBase(v, 8, "decoct");
}

/** `"12"|octdec` → 10. */
export function octdec(v: unknown): number {
  return fromBase(v, 8);
}

/** `"ff"|base_convert:16:10` → "255" (bases 2 to 36, text in and out, like PHP). */
export function baseConvert(v: unknown, fromBaseArg: unknown, toBaseArg: unknown): string {
  const from = Math.trunc(num(fromBaseArg, "base_convert"));
  const to = Math.trunc(num(toBaseArg, "base_convert"));
  if (from < 2 || from > 36 || to < 2 || to > 36) throw new RangeError("base_convert: bases must be between 2 and 36");
  return fromBase(v, from).toString(to);
}

// ---------------------------------------------------------------------------------------
// Vectors (db-query filters; outside a query they compute the same measure in memory)

function vectors(a: unknown, b: unknown, filter: string): [number[], number[]] {
  const x = listArg(a, filter).map((n) => num(n, filter));
  const y = listArg(b, filter).map((n) => num(n, filter));
  if (x.length !== y.length)
    throw new RangeError(`${filter}: vectors have different lengths (${x.length} and ${y.length})`);
  return [x, y];
}

/** The dot product of two vectors. */
export function innerProduct(v: unknown, other: unknown): number {
  const [x, y] = vectors(v, other, "inner_product");
  return x.reduce((s, xi, i) => s + xi * y[i], 0);
}

/** Minus the dot product (pgvector's `<#>`). */
export function negativeInnerProduct(v: unknown, other: unknown): number {
  return -innerProduct(v, other);
}

/** Cosine similarity, from -1 to 1. */
export function cosineSimilarity(v: unknown, other: unknown): number {
  const [x, y] = vectors(v, other, "cosine_similarity");
  const dot = x.reduce((s, xi, i) => s + xi * y[i], 0);
  const norms = Math.hypot(...x) * Math.hypot(...y);
  return norms === 0 ? 0 : dot / norms;
}

/** 1 minus the cosine similarity (pgvector's `<=>`). */
export function cosineDistance(v: unknown, other: unknown): number {
  return 1 - cosineSimilarity(v, other);
}

/** Euclidean (L2) distance. */
export function l2DistanceEuclidean(v: unknown, other: unknown): number {
  const [x, y] = vectors(v, other, "l2_distance_euclidean");
  return Math.hypot(...x.map((xi, i) => xi - y[i]));
}

/** Manhattan (L1) distance. */
export function l1DistanceManhattan(v: unknown, other: unknown): number {
  const [x, y] = vectors(v, other, "l1_distance_manhattan");
  return x.reduce((s, xi, i) => s + Math.abs(xi - y[i]), 0);
}
