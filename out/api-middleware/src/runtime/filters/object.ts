// Helpers that give back values taken from untyped JSON (an item, a list of items) are typed `any`.
// Object filters (the reference's "Object Filters", "Conditional Set" and "Null Handling").
// Paths are Xano dot notation: "address.city", "items.0.name" (also "items[0].name").
// Filters return a new object; the subject is never changed.
//
// Decisions where the reference is silent:
// - A key that exists as written ("1.5", "a.b") wins over reading it as a path, so numeric
//   text keys made with to_text work as plain keys.
// - `get` returns the default for a missing path and for a null value (PHP isset);
//   `has` is true for a key that exists even when its value is null (array_key_exists).
// - `unset` on an array index removes the item and closes the gap.

import { isEmpty, isNull, isPlainObject, setOwn, toText, typeName } from "../values.js";

type Container = unknown[] | Record<string, unknown>;

/** The segments of a path: "a.b.0" and "a.b[0]" → ["a", "b", "0"]. */
export function pathSegments(path: unknown): string[] {
  if (typeof path === "number") return [String(path)];
  return toText(path)
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter((s) => s !== "");
}

function isContainer(v: unknown): v is Container {
  return Array.isArray(v) || isPlainObject(v);
}

function arrayIndex(segment: string, list: unknown[]): number | null {
  if (!/^\d+$/.test(segment)) return null;
  const i = Number(segment);
  return i < list.length ? i : null;
}

/** One step down a value; `found` is false when the key or index is absent. */
function step(v: unknown, key: string): { found: boolean; value: unknown } {
  if (Array.isArray(v)) {
    const i = arrayIndex(key, v);
    return i === null ? { found: false, value: undefined } : { found: true, value: v[i] };
  }
  if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, key)) return { found: true, value: v[key] };
  return { found: false, value: undefined };
}

/** Looks a path up: the value, or `found: false`. An exact key is tried before a dotted path. */
export function lookup(v: unknown, path: unknown): { found: boolean; value: unknown } {
  const whole = step(v, typeof path === "number" ? String(path) : toText(path));
  if (whole.found) return whole;
  let current: { found: boolean; value: unknown } = { found: true, value: v };
  for (const segment of pathSegments(path)) {
    current = step(current.value, segment);
    if (!current.found) return current;
  }
  return current;
}

/** The value at a path, or undefined; used by filters that take an optional item path. */
export function getPath(v: unknown, path: unknown): any {
  return lookup(v, path).value;
}

/** `{a:1}|get:"a"` → 1; `$obj|get:"key":"default"` gives the default when missing or null. */
export function get(v: unknown, path: unknown, defaultValue: unknown = null): any {
  const { found, value } = lookup(v, path);
  return found && !isNull(value) ? value : defaultValue;
}

/** `{a:1}|has:"a"` → true. */
export function has(v: unknown, path: unknown): boolean {
  return lookup(v, path).found;
}

function copyOf(v: unknown): Container {
  if (Array.isArray(v)) return [...v];
  if (isPlainObject(v)) return { ...v };
  if (isNull(v)) return {};
  throw new TypeError(`set: cannot set a key on ${typeName(v)}`);
}

function setIn(v: unknown, segments: string[], value: unknown): Container {
  const out = copyOf(v);
  const [key, ...rest] = segments;
  const current = step(out, key).value;
  const next = rest.length === 0 ? value : setIn(isContainer(current) ? current : null, rest, value);
  if (Array.isArray(out) && /^\d+$/.test(key)) {
    const i = Number(key);
    while (out.length < i) out.push(null);
    out[i] = next;
  } else if (Array.isArray(out)) {
    throw new TypeError(`set: "${key}" is not an index of an array`);
  } else {
    setOwn(out, key, next);
  }
  return out;
}

/** `{a:1}|set:"b":2` → {a:1,b:2}. Missing objects along the path are created. */
export function set(v: unknown, path: unknown, value: unknown): Container {
  const text = typeof path === "number" ? String(path) : toText(path);
  const exact = step(v, text).found || pathSegments(path).length <= 1;
  return setIn(v, exact ? [text] : pathSegments(path), value);
}

/** `{a:1,b:2}|unset:"b"` → {a:1}. */
export function unset(v: unknown, path: unknown): Container | null {
  if (isNull(v)) return null;
  const text = typeof path === "number" ? String(path) : toText(path);
  const segments = step(v, text).found ? [text] : pathSegments(path);
  return unsetIn(v, segments);
}

function unsetIn(v: unknown, segments: string[]): Container {
  const out = copyOf(v);
  const [key, ...rest] = segments;
  const { found, value } = step(out, key);
  if (!found) return out;
  if (rest.length > 0) {
    if (!isContainer(value)) return out;
    const inner = unsetIn(value, rest);
    if (Array.isArray(out)) out[Number(key)] = inner;
    else setOwn(out, key, inner);
  } else if (Array.isArray(out)) {
    out.splice(Number(key), 1);
  } else {
    delete out[key];
  }
  return out;
}

/** Sets only when `condition` holds: `{a:1}|set_conditional:"b":2:true` → {a:1,b:2}. */
export function setConditional(v: unknown, path: unknown, value: unknown, condition: unknown): any {
  return condition === true || (condition !== false && !isEmpty(condition)) ? set(v, path, value) : v;
}

/** Sets only when the value is not empty ("", null, 0, "0", false, [], {}). */
export function setIfnotempty(v: unknown, path: unknown, value: unknown): any {
  return isEmpty(value) ? v : set(v, path, value);
}

/** Sets only when the value is not null. */
export function setIfnotnull(v: unknown, path: unknown, value: unknown): any {
  return isNull(value) ? v : set(v, path, value);
}

/** `null|first_notnull:0` → 0. */
export function firstNotnull(v: unknown, alternative: unknown): any {
  return isNull(v) ? alternative : v;
}

/** `""|first_notempty:"default"` → "default". */
export function firstNotempty(v: unknown, alternative: unknown): any {
  return isEmpty(v) ? alternative : v;
}

function containerArg(v: unknown, filter: string): Container {
  if (isNull(v)) return {};
  if (isContainer(v)) return v;
  throw new TypeError(`${filter}: expected an object or array, got ${typeName(v)}`);
}

/** `{a:1,b:2}|keys` → ["a","b"]; an array's keys are its indexes. */
export function keys(v: unknown): Array<string | number> {
  const c = containerArg(v, "keys");
  return Array.isArray(c) ? c.map((_, i) => i) : Object.keys(c);
}

/** `{a:1,b:2}|values` → [1,2]. */
export function values(v: unknown): any[] {
  const c = containerArg(v, "values");
  return Array.isArray(c) ? [...c] : Object.values(c);
}

/** `{a:1}|entries` → [{key:"a",value:1}]. */
export function entries(v: unknown): Array<{ key: string | number; value: unknown }> {
  const c = containerArg(v, "entries");
  return Array.isArray(c)
    ? c.map((value, key) => ({ key, value }))
    : Object.entries(c).map(([key, value]) => ({ key, value }));
}

function keyList(v: unknown): Set<string> {
  return new Set((Array.isArray(v) ? v : [v]).map((k) => toText(k)));
}

/** `{a:1,b:2,c:3}|pick:["a","c"]` → {a:1,c:3} (in the subject's key order). */
export function pick(v: unknown, names: unknown): Record<string, unknown> {
  const wanted = keyList(names);
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(containerArg(v, "pick"))) if (wanted.has(k)) setOwn(out, k, item);
  return out;
}

/** `{a:1,b:2,c:3}|unpick:["b"]` → {a:1,c:3}. */
export function unpick(v: unknown, names: unknown): Record<string, unknown> {
  const unwanted = keyList(names);
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(containerArg(v, "unpick"))) if (!unwanted.has(k)) setOwn(out, k, item);
  return out;
}

/** `["a","b"]|create_object:[1,2]` → {a:1,b:2}; missing values are null. */
export function createObject(names: unknown, items: unknown): Record<string, unknown> {
  const list = Array.isArray(items) ? items : [];
  const out: Record<string, unknown> = {};
  (Array.isArray(names) ? names : []).forEach((k, i) => {
    out[toText(k)] = i < list.length ? list[i] : null;
  });
  return out;
}

/** `[{key:"a",value:1}]|create_object_from_entries` → {a:1} (the inverse of `entries`). */
export function createObjectFromEntries(v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of Array.isArray(v) ? v : []) {
    if (isPlainObject(entry)) out[toText(entry.key)] = entry.value ?? null;
    else if (Array.isArray(entry)) out[toText(entry[0])] = entry[1] ?? null;
  }
  return out;
}
