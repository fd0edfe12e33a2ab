// `filters=` of an input field or a table column: Xano's input filters (trim, lower, upper
// change the value) and rules (min, max, ok, pattern, … reject it), applied in the order
// written. Function inputs (runtime/input.ts) and table writes (db.ts) both go through here,
// so a field and a column with the same filters accept the same values.
import { notMigrated, XanoError } from "./errors.js";

/** One filter as [name, ...args], e.g. ["min", 8] or ["ok", "abcdef0123456789"]. */
export type FieldFilter = readonly (string | number | boolean)[];

export function inputError(message: string, param: string): XanoError {
  return new XanoError("inputerror", message, { param });
}

/** Characters that `minAlpha` … `minSymbol` count: [what matches, what the error calls them]. */
const CHARACTER_MINIMUMS: Record<string, [RegExp, string]> = {
  minAlpha: [/[a-zA-Z]/g, "letters"],
  minLowerAlpha: [/[a-z]/g, "lowercase letters"],
  minUpperAlpha: [/[A-Z]/g, "uppercase letters"],
  minDigit: [/[0-9]/g, "digits"],
  minSymbol: [/[^a-zA-Z0-9\s]/g, "symbols"],
};

/** `alphaOk`, `digitOk` and `ok:<chars>` each allow characters; together, the union of them. */
const ALLOWING = new Set(["alphaOk", "digitOk", "ok"]);
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";

/** Every filter name this module applies: the build reports any other as not migrated. */
export const FIELD_FILTER_NAMES: ReadonlySet<string> = new Set([
  "trim",
  "lower",
  "upper",
  "min",
  "max",
  "startsWith",
  "prevent",
  "pattern",
  ...ALLOWING,
  ...Object.keys(CHARACTER_MINIMUMS),
]);

function allowedCharacters(filters: readonly FieldFilter[]): Set<string> {
  const allowed = new Set<string>();
  for (const [name, ...args] of filters) {
    const chars =
      name === "alphaOk" ? LETTERS : name === "digitOk" ? DIGITS : name === "ok" ? String(args[0] ?? "") : "";
    for (const ch of chars) allowed.add(ch);
  }
  return allowed;
}

/** What `min`/`max` measure: characters of a text, items of a list, a number itself. */
function sizeOf(value: unknown): number | undefined {
  if (typeof value === "string") return [...value].length;
  if (Array.isArray(value)) return value.length;
  return typeof value === "number" ? value : undefined;
}

/**
 * `value` through `filters`, in order: the changed value, or an `inputerror` naming `param`
 * (the field's path, `address.city`) when a rule rejects it. Text rules apply to text only.
 * A filter this module does not know is an error, never skipped (the build reported it).
 */
export function applyFieldFilters(value: unknown, filters: readonly FieldFilter[] | undefined, param: string): unknown {
  for (const [name, ...args] of filters ?? []) {
    if (!FIELD_FILTER_NAMES.has(String(name))) notMigrated(`the input filter ${String(name)} on ${param}`);
    const arg = args[0];
    if (name === "min" || name === "max") {
      const size = sizeOf(value);
      const limit = Number(arg);
      if (size !== undefined && (name === "min" ? size < limit : size > limit)) {
        throw inputError(`${param} must be at ${name === "min" ? "least" : "most"} ${limit}`, param);
      }
      continue;
    }
    if (typeof value !== "string") continue;
    const text: string = value;
    if (name === "trim") value = text.trim();
    else if (name === "lower") value = text.toLowerCase();
    else if (name === "upper") value = text.toUpperCase();
    else if (name === "startsWith" && !text.startsWith(String(arg)))
      throw inputError(`${param} must start with ${String(arg)}`, param);
    else if (name === "prevent" && text.includes(String(arg)))
      throw inputError(`${param} must not contain ${String(arg)}`, param);
    else if (name === "pattern" && !new RegExp(String(arg), "u").test(text))
      throw inputError(`${param} does not match the pattern ${String(arg)}`, param);
    else if (ALLOWING.has(String(name))) {
      const allowed = allowedCharacters(filters ?? []);
      const bad = [...text].find((ch) => !allowed.has(ch));
      if (bad !== undefined) throw inputError(`${param} contains a character that is not allowed: ${bad}`, param);
    } else if (String(name) in CHARACTER_MINIMUMS) {
      const [chars, what] = CHARACTER_MINIMUMS[String(name)]!;
      const n = Number(arg);
      if ((text.match(chars)?.length ?? 0) < n) throw inputError(`${param} needs at least ${n} ${what}`, param);
    }
  }
  return value;
}
