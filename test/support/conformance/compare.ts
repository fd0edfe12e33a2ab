// Structural comparison of a job's printed JSON with a README's expected value: arrays item
// by item, objects key by key in any order, numbers by value (2.0 equals 2).

/** Undefined when equal, else a short path to the first difference. */
export function difference(expected: unknown, actual: unknown, path = "$"): string | undefined {
  if (typeof expected === "number" && typeof actual === "number") {
    return expected === actual || Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)) ? undefined : `${path}: ${expected} ≠ ${actual}`;
  }
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path}: ${kind(expected)} ≠ ${kind(actual)}`;
    if (expected.length !== actual.length) return `${path}: length ${expected.length} ≠ ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = difference(expected[i], actual[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObject(expected) || isObject(actual)) {
    if (!isObject(expected) || !isObject(actual)) return `${path}: ${kind(expected)} ≠ ${kind(actual)}`;
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (ek.join("\u0000") !== ak.join("\u0000")) return `${path}: keys [${ek.join(", ")}] ≠ [${ak.join(", ")}]`;
    for (const k of ek) {
      const d = difference(expected[k], actual[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return expected === actual ? undefined : `${path}: ${JSON.stringify(expected)} ≠ ${JSON.stringify(actual)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}
