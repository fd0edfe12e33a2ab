// The emitter's XanoScript → TypeScript type table (SCALAR_TS_TYPES, emit/core/types.ts) against
// what the runtime really leaves in a validated input (templates/runtime/input.ts): the declared
// interface of a function's input says `number` exactly where validateInput gives a number.
// The test fails when either side changes alone.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { SCALAR_TS_TYPES, scalarStaticType } from "../../src/emit/core/types.ts";
import { validateInput } from "../../templates/runtime/input.ts";

/** Every field type XanoScript declares (reference: functions' input blocks and table schemas). */
const FIELD_TYPES = [
  "int",
  "decimal",
  "bool",
  "text",
  "email",
  "password",
  "uuid",
  "enum",
  "timestamp",
  "date",
  "json",
  "object",
  "vector",
  "file",
  "image",
  "video",
  "audio",
  "attachment",
  "geo_point",
];

/** Values a client may send: whatever the runtime accepts of them shows the type it keeps. */
const SENT: unknown[] = [
  5,
  2.5,
  "7",
  "2024-01-02",
  "2024-01-02T03:04:05Z",
  "a@b.co",
  "550e8400-e29b-41d4-a716-446655440000",
  "true",
  true,
  "x",
  [1, 2],
  { a: 1 },
];

/** The `typeof`s of the values validateInput leaves for a required field of this type. */
function runtimeTypes(type: string): Set<string> {
  const kinds = new Set<string>();
  for (const value of SENT) {
    try {
      const out = validateInput("f", { v: value }, [{ name: "v", type, values: ["x"] }]) as { v: unknown };
      kinds.add(Array.isArray(out.v) ? "array" : out.v === null ? "null" : typeof out.v);
    } catch {
      // Not a value of this type: rejected.
    }
  }
  return kinds;
}

test("each XanoScript type's TypeScript type is the one validateInput leaves, and only those", () => {
  const found: Record<string, string> = {};
  for (const type of FIELD_TYPES) {
    const kinds = runtimeTypes(type);
    assert.ok(kinds.size > 0, `validateInput accepts no sample of ${type}`);
    const only = kinds.size === 1 ? [...kinds][0]! : undefined;
    // One primitive kind whatever was sent: a scalar type, which the emit table must name.
    if (type !== "enum" && (only === "number" || only === "string" || only === "boolean")) found[type] = only;
  }
  assert.deepEqual(found, { ...SCALAR_TS_TYPES });
  // An enum is text to the expression emitter, and the runtime keeps a string.
  assert.deepEqual([...runtimeTypes("enum")], ["string"]);
  assert.equal(scalarStaticType("enum"), "text");
});
