// Xano's value semantics: how XanoScript values compare, combine, print and count as true.
// Every filter helper and every generated expression that TypeScript cannot say natively
// goes through these functions.
//
// Values are JSON-like: null, boolean, number, text, arrays and objects; timestamps are
// epoch milliseconds. Xano tells `int` from `decimal`; JavaScript has one number type, so:
//   - a number is an "int" when Number.isInteger(n), otherwise a "decimal" (5/2 is 2.5,
//     10/2 is 5, and 2.0 reads as the int 2);
//   - to_int truncates toward zero, round rounds half away from zero (both as PHP does).
// Where the reference and the exercises are silent we follow PHP 8, Xano's engine, and say so.
// Helpers accept `undefined` (a missing key in generated code) and treat it as null.
// They never mutate their arguments: a filter returns a new array or object (copy on write).

/** A XanoScript value. */
export type XsValue = null | boolean | number | string | XsValue[] | XsObject;
/** A XanoScript object: its keys are the data's own keys, in insertion order. */
export interface XsObject {
  [key: string]: XsValue;
}

/** Raw bytes that are not valid UTF-8 (e.g. `encrypt` output); PHP keeps these in a string. */
export type Bytes = Uint8Array;

/** True for null and undefined (a missing key). */
export function isNull(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/**
 * A key's own value, or undefined: `constructor`, `__proto__` and `toString` are keys like
 * any other, never an inherited member.
 */
export function ownValue(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** Sets an own data property, `__proto__` included (an assignment would change the prototype instead). */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/** True for a plain object (not null, not an array, not bytes). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Xano's type name of a value: "null", "bool", "int", "decimal", "text", "array" or "object". */
export function typeName(v: unknown): string {
  if (isNull(v)) return "null";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "decimal";
  if (typeof v === "string" || v instanceof Uint8Array) return "text";
  if (Array.isArray(v)) return "array";
  if (typeof v === "object") return "object";
  return typeof v;
}

// ---------------------------------------------------------------------------------------
// Text

/**
 * A number as PHP 8 prints it: ints in full, decimals with 14 significant digits
 * (so 0.1 + 0.2 prints "0.3") and PHP's exponent style ("1.0E+25", "1.0E-5").
 */
export function numberToText(n: number): string {
  if (Number.isNaN(n)) return "NAN";
  if (!Number.isFinite(n)) return n > 0 ? "INF" : "-INF";
  if (Number.isSafeInteger(n)) return String(n); // -0 prints "0": in Xano it is the int 0 (0 * -5)
  const [mantissa, expText] = n.toExponential(13).split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 14) {
    let m = mantissa.replace(/0+$/, "");
    m = m.endsWith(".") ? `${m}0` : m;
    return `${m}E${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
  }
  return String(Number(n.toPrecision(14)));
}

/**
 * A value as text, as `~` and `to_text` see it: null is "", booleans are "true"/"false"
 * (Xano's to_text, not PHP's "1"/""), numbers as `numberToText`, arrays and objects as JSON.
 */
export function toText(v: unknown): string {
  if (isNull(v)) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return numberToText(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof Uint8Array) return Buffer.from(v).toString("latin1");
  return toJson(v);
}

/**
 * The `~` operator: both sides as text, joined. Two arrays are joined into one array
 * (`$stream ~ [$x]`, as the exercises use it); text is the result in every other case.
 */
export function concat(a: unknown, b: unknown): any {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  return toText(a) + toText(b);
}

/**
 * JSON text of a value, as `json_encode` writes it: compact, slashes and Unicode unescaped.
 * (JavaScript cannot tell 2.0 from 2, so a whole decimal is written as 2, not PHP's 2.0.)
 */
export function toJson(v: unknown): string {
  return JSON.stringify(v === undefined ? null : v, (_key, value: unknown) => {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TypeError("json_encode: Inf and NaN cannot be JSON encoded");
    }
    if (value instanceof Uint8Array) return Buffer.from(value).toString("latin1");
    return value === undefined ? null : value;
  });
}

// ---------------------------------------------------------------------------------------
// Truth

/**
 * Xano's "empty": null, false, 0, "", "0", [] and {} (the list the reference gives for
 * is_empty, filter_empty and first_notempty).
 */
export function isEmpty(v: unknown): boolean {
  if (isNull(v) || v === false || v === 0 || v === "" || v === "0") return true;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

/**
 * Truthiness for `if`, `&&`, `||`, `!` and filter/find/some conditions: a value is true
 * unless it is empty (see isEmpty). The reference: `$v || "d"` gives "d" for null, 0, "", false.
 */
export function isTruthy(v: unknown): boolean {
  return !isEmpty(v);
}

/** The `!` operator and the `not` filter. */
export function not(v: unknown): boolean {
  return !isTruthy(v);
}

/**
 * The `||` operator. Like the reference's `$count || 10` (gives 10 when $count is 0) it
 * returns an operand, not a boolean. The right side is a thunk so it is only evaluated
 * when needed: `or(a, () => b)`.
 */
export function or<A, B>(left: A, right: () => B): A | B {
  return isTruthy(left) ? left : right();
}

/** The `&&` operator: returns `left` when it is falsy, otherwise the right side (lazily). */
export function and<A, B>(left: A, right: () => B): A | B {
  return isTruthy(left) ? right() : left;
}

/** The `??` operator (and the db `coalesce` filter): `right` only when `left` is null. */
export function coalesce<A, B>(left: A, right: B): NonNullable<A> | B {
  return isNull(left) ? right : (left as NonNullable<A>);
}

// ---------------------------------------------------------------------------------------
// Numbers

const NUMERIC_TEXT = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;
const LEADING_NUMBER = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/;

/** The number a text means when the whole text is numeric (PHP's "numeric string"), else null. */
export function numericText(s: string): number | null {
  return NUMERIC_TEXT.test(s) ? Number(s.trim()) : null;
}

/** The number at the start of a text ("133.45 kg" → 133.45), else null. */
export function leadingNumber(s: string): number | null {
  const m = LEADING_NUMBER.exec(s);
  return m ? Number(m[0].trim()) : null;
}

/**
 * A value as an arithmetic operand (PHP 8): null is 0, booleans 0/1, numeric text its
 * number ("5 apples" is 5). Non-numeric text, arrays and objects are errors, as in PHP 8,
 * except "" which counts as 0: empty optional inputs are common and PHP 7 allowed it.
 */
export function toNumber(v: unknown, operation = "arithmetic"): number {
  if (isNull(v) || v === "") return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n = leadingNumber(v);
    if (n !== null) return n;
    throw new TypeError(`${operation}: the text ${JSON.stringify(v)} is not a number`);
  }
  throw new TypeError(`${operation}: cannot use ${typeName(v)} as a number`);
}

/** The `+` operator. Both sides are numbers (text is joined with `~`, not `+`). */
export function add(a: unknown, b: unknown): number {
  return toNumber(a, "+") + toNumber(b, "+");
}

/** The `-` operator. */
export function subtract(a: unknown, b: unknown): number {
  return toNumber(a, "-") - toNumber(b, "-");
}

/** The `*` operator. */
export function multiply(a: unknown, b: unknown): number {
  return toNumber(a, "*") * toNumber(b, "*");
}

/** The `/` operator: 5/2 is 2.5. Dividing by zero is an error (PHP 8), not Infinity. */
export function divide(a: unknown, b: unknown): number {
  const divisor = toNumber(b, "/");
  if (divisor === 0) throw new RangeError("Division by zero");
  return toNumber(a, "/") / divisor;
}

/**
 * The `%` operator as PHP has it: both sides truncated to integers, the result takes the
 * dividend's sign (5.5 % 2 is 1, -7 % 3 is -1). Modulo by zero is an error.
 */
export function modulo(a: unknown, b: unknown): number {
  const divisor = Math.trunc(toNumber(b, "%"));
  if (divisor === 0) throw new RangeError("Modulo by zero");
  const r = Math.trunc(toNumber(a, "%")) % divisor;
  return r === 0 ? 0 : r;
}

/** Unary minus. */
export function negate(v: unknown): number {
  return -toNumber(v, "-");
}

// ---------------------------------------------------------------------------------------
// Equality and order

/**
 * `==`. Decisions, from the exercises where they exist:
 * - null equals only null (add-two-numbers needs `0 != null`), booleans only booleans;
 * - a number equals numeric text with the same value (5 == "5"), as in PHP 8;
 * - two texts are equal only when identical ("01" != "1");
 * - arrays compare item by item, objects key by key in any order, recursively.
 */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (isNull(a) || isNull(b)) return isNull(a) && isNull(b);
  if (typeof a === "boolean" || typeof b === "boolean") return a === b;
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (typeof a === "number" && typeof b === "string") return numericText(b) === a;
  if (typeof a === "string" && typeof b === "number") return numericText(a) === b;
  if (typeof a === "string" && typeof b === "string") return a === b;
  if (a instanceof Uint8Array || b instanceof Uint8Array) return toText(a) === toText(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => looseEquals(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && looseEquals(a[k], b[k]))
    );
  }
  return false;
}

/** `!=`. */
export function notEquals(a: unknown, b: unknown): boolean {
  return !looseEquals(a, b);
}

/** Compares two texts by Unicode code point (PHP's byte order on UTF-8). */
export function compareText(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const cx = x.value.codePointAt(0) as number;
    const cy = y.value.codePointAt(0) as number;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/**
 * Order of two values for `<`, `<=`, `>`, `>=`, sort, min and max: -1, 0 or 1.
 * null sorts before everything else; a boolean against anything compares truthiness
 * (false < true, as PHP); numbers against numeric text compare as numbers, against other
 * text as text (PHP 8); two texts compare by code point; arrays by length, then item by item;
 * an array or object is greater than any scalar.
 */
export function compare(a: unknown, b: unknown): -1 | 0 | 1 {
  if (isNull(a) || isNull(b)) return isNull(a) ? (isNull(b) ? 0 : -1) : 1;
  if (typeof a === "boolean" || typeof b === "boolean") {
    return sign(Number(isTruthy(a)) - Number(isTruthy(b)));
  }
  if (typeof a === "number" && typeof b === "number") return sign(a - b);
  if (typeof a === "number" && typeof b === "string") {
    const nb = numericText(b);
    return nb === null ? compareText(numberToText(a), b) : sign(a - nb);
  }
  if (typeof a === "string" && typeof b === "number") return (0 - compare(b, a)) as -1 | 0 | 1;
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  const ca = typeof a === "object";
  const cb = typeof b === "object";
  if (!ca || !cb) return ca ? 1 : -1;
  return compareContainers(a as object, b as object);
}

function compareContainers(a: object, b: object): -1 | 0 | 1 {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return ka.length < kb.length ? -1 : 1;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(rb, k)) return 1;
    const c = compare(ra[k], rb[k]);
    if (c !== 0) return c;
  }
  return 0;
}

/** `<` */
export function lessThan(a: unknown, b: unknown): boolean {
  return compare(a, b) < 0;
}

/** `<=` */
export function lessThanOrEqual(a: unknown, b: unknown): boolean {
  return compare(a, b) <= 0;
}

/** `>` */
export function greaterThan(a: unknown, b: unknown): boolean {
  return compare(a, b) > 0;
}

/** `>=` */
export function greaterThanOrEqual(a: unknown, b: unknown): boolean {
  return compare(a, b) >= 0;
}

/** The `equals` / `eq` filter: same as `==`. */
export const equals = looseEquals;

// ---------------------------------------------------------------------------------------
// Copies

/**
 * A deep copy. XanoScript variables hold values, not references (PHP arrays are copied on
 * assignment): after `var $b { value = $a }`, `array.push $b` must not change `$a`. Filters
 * never mutate, so only code that mutates in place (e.g. `b.push(x)`) needs `clone` at the
 * binding.
 */
export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Uint8Array) return Uint8Array.from(v) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) setOwn(out, k, clone(item));
    return out as T;
  }
  return v;
}

// ---------------------------------------------------------------------------------------
// Filter subjects

/**
 * A filter's text operand: null is "", numbers and booleans print as `toText` does.
 * Arrays and objects are an error: text filters do not apply to them in Xano either.
 */
export function textArg(v: unknown, filter: string): string {
  if (Array.isArray(v) || isPlainObject(v)) {
    throw new TypeError(`${filter}: expected text, got ${typeName(v)}`);
  }
  return toText(v);
}

/**
 * A filter's array operand: null is [], and so is {}: Xano's PHP runtime holds both as one
 * empty array and cannot tell them apart. Anything else but an array is an error (an object
 * with keys too: whether PHP would keep its keys or renumber them differs filter by filter).
 */
export function listArg<T = unknown>(v: unknown, filter: string): T[] {
  if (isNull(v)) return [];
  if (Array.isArray(v)) return v as T[];
  if (isPlainObject(v) && Object.keys(v).length === 0) return [];
  throw new TypeError(`${filter}: expected an array, got ${typeName(v)}`);
}

/**
 * What `foreach` walks: a list's items, or an object's values in key order (PHP's foreach
 * over an associative array); null and {} walk nothing.
 */
export function loopItems<T = unknown>(v: unknown): T[] {
  if (isPlainObject(v)) return Object.values(v) as T[];
  return listArg<T>(v, "foreach");
}

// ---------------------------------------------------------------------------------------
// Membership and updates

/**
 * The `in` operator: `$x in $list` is true when an item of the list equals `$x` (as `==`
 * does); on text it tests for a substring. Null and other values contain nothing.
 */
export function isIn(item: unknown, container: unknown): boolean {
  if (Array.isArray(container)) return container.some((x) => looseEquals(x, item));
  if (typeof container === "string") return container.includes(toText(item));
  return false;
}

/** An array index or object key as a path step. */
type PathKey = string | number;

/**
 * `var.update $x.a[0].b { value = … }`: sets the value at a path inside `root` and returns
 * the root. Containers are updated in place (the generated code clones a value where another
 * variable could see the change, so this matches Xano's copy semantics); a missing or null
 * step becomes an object (or an array when its key is a number), as in Xano. An array index
 * past the end pads with null.
 */
export function setPath<T>(root: T, keys: readonly unknown[], value: unknown): T {
  if (keys.length === 0) return value as T;
  const [key, ...rest] = keys;
  const container: unknown = isNull(root) || typeof root !== "object" ? (typeof key === "number" ? [] : {}) : root;
  if (Array.isArray(container)) {
    const i = typeof key === "number" ? key : numericText(toText(key));
    if (i !== null && Number.isInteger(i) && i >= 0) {
      while (container.length < i) container.push(null);
      container[i] = setPath(container[i], rest, value);
      return container as T;
    }
    // A text key on an array: Xano turns it into an object (PHP arrays are maps).
    const object: Record<string, unknown> = { ...container };
    setOwn(object, toText(key), setPath(undefined, rest, value));
    return object as T;
  }
  const object = container as Record<string, unknown>;
  const k = toText(key as PathKey);
  setOwn(object, k, setPath(ownValue(object, k), rest, value));
  return object as T;
}

/** `$x[$i]` and `$x.key` outside a filter: null for a missing key or index, as in Xano. */
export function getPath(root: unknown, ...keys: unknown[]): any {
  let v: unknown = root;
  for (const key of keys) {
    if (isNull(v) || typeof v !== "object") return null;
    if (Array.isArray(v)) {
      const i = typeof key === "number" ? key : numericText(toText(key));
      v = i === null || !Object.hasOwn(v, i) ? undefined : v[i];
    } else v = ownValue(v, toText(key));
  }
  return v === undefined ? null : v;
}
