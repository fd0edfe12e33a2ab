// Structural comparison of a job's printed JSON with a README's expected value: arrays item
// by item, objects key by key in any order, numbers by value (2.0 equals 2).

/** Undefined when equal, else a short path to the first difference. */
export function difference(expected: unknown, actual: unknown, path = "$"): string | undefined {
  if (typeof expected === "number" && typeof actual === "number") {
    return expected === actual || Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected))
      ? undefined
      : `${path}: ${expected} ≠ ${actual}`;
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

/**
 * Ways a README shows a value other than as the job prints it, each tried only when the value
 * as printed differs: a list whose order the README says is free, a linked list held as
 * `{nodes, head}` shown as its values, and a one-field object shown as its field's value (the
 * shared expectations tool reads inputs the same ways).
 */
export interface View {
  name: string;
  read(actual: unknown, expected: unknown): unknown | undefined;
}

/** The README says the order of the results does not matter. */
export function saysAnyOrder(readme: string): boolean {
  return /any order|order (of [a-z ]+)?(does not|doesn't|don't|do not) matter|order is not important|order may vary/i.test(
    readme,
  );
}

export function viewsFor(readme: string): View[] {
  const views: View[] = [];
  if (saysAnyOrder(readme)) {
    views.push({
      name: "in any order",
      read: (actual, expected) =>
        Array.isArray(actual) && Array.isArray(expected) ? inOrderOf(actual, expected) : undefined,
    });
  }
  views.push({
    name: "a linked list as its values",
    read: (actual, expected) => (Array.isArray(expected) ? linkedListValues(actual) : undefined),
  });
  views.push({
    name: "a one-field object as its value",
    read: (actual, expected) =>
      isObject(actual) && !isObject(expected) && Object.keys(actual).length === 1
        ? Object.values(actual)[0]
        : undefined,
  });
  return views;
}

/** `actual`'s items rearranged to follow `expected` where an equal item exists. */
function inOrderOf(actual: unknown[], expected: unknown[]): unknown[] {
  const left = [...actual];
  const ordered: unknown[] = [];
  for (const e of expected) {
    const i = left.findIndex((a) => difference(e, a) === undefined);
    if (i >= 0) ordered.push(left.splice(i, 1)[0]);
  }
  return [...ordered, ...left];
}

/** `{nodes: [{value, next}], head}`: the values from the head, following `next` indexes. */
function linkedListValues(v: unknown): unknown[] | undefined {
  if (!isObject(v) || !Array.isArray(v.nodes)) return undefined;
  const headKey = ["head", "head_index", "head_idx", "start"].find((k) => k in v);
  if (headKey === undefined) return undefined;
  const values: unknown[] = [];
  const seen = new Set<number>();
  for (let i = v[headKey]; typeof i === "number" && i >= 0 && i < v.nodes.length;) {
    if (seen.has(i)) return undefined;
    seen.add(i);
    const node = v.nodes[i];
    if (!isObject(node)) return undefined;
    values.push("value" in node ? node.value : node.val);
    i = node.next as number;
  }
  return values;
}
