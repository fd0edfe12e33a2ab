// Object filters (templates/runtime/filters/object.ts): reference rows from syntax.md's
// "Object Filters", "Conditional Set" and "Null Handling", plus Xano docs examples.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  createObject,
  createObjectFromEntries,
  entries,
  firstNotempty,
  firstNotnull,
  get,
  has,
  keys,
  pathSegments,
  pick,
  set,
  setConditional,
  setIfnotempty,
  setIfnotnull,
  unpick,
  unset,
  values,
} from "../../templates/runtime/filters/object.js";

describe("object filters (reference table)", () => {
  test('{a:1}|get:"a" → 1', () => {
    assert.equal(get({ a: 1 }, "a"), 1);
  });

  test('{a:1}|set:"b":2 → {a:1,b:2}', () => {
    assert.deepEqual(set({ a: 1 }, "b", 2), { a: 1, b: 2 });
  });

  test('{a:1,b:2}|unset:"b" → {a:1}', () => {
    assert.deepEqual(unset({ a: 1, b: 2 }, "b"), { a: 1 });
  });

  test('{a:1}|has:"a" → true', () => {
    assert.equal(has({ a: 1 }, "a"), true);
    assert.equal(has({ a: 1 }, "b"), false);
  });

  test('{a:1,b:2}|keys → ["a","b"]; values → [1,2]', () => {
    assert.deepEqual(keys({ a: 1, b: 2 }), ["a", "b"]);
    assert.deepEqual(values({ a: 1, b: 2 }), [1, 2]);
  });

  test('{a:1}|entries → [{key:"a",value:1}]', () => {
    assert.deepEqual(entries({ a: 1 }), [{ key: "a", value: 1 }]);
    assert.deepEqual(entries({ a: 1, b: 2 }), [
      { key: "a", value: 1 },
      { key: "b", value: 2 },
    ]);
  });

  test("{a:1,b:2,c:3}|pick:[a,c] → {a:1,c:3}; unpick:[b] → {a:1,c:3}", () => {
    assert.deepEqual(pick({ a: 1, b: 2, c: 3 }, ["a", "c"]), { a: 1, c: 3 });
    assert.deepEqual(unpick({ a: 1, b: 2, c: 3 }, ["b"]), { a: 1, c: 3 });
    assert.deepEqual(unpick({ a: 1, b: 2, c: 3 }, ["a", "c"]), { b: 2 });
  });
});

describe("conditional set and null handling (reference)", () => {
  test('{a:1}|set_conditional:"b":2:true → {a:1,b:2}', () => {
    assert.deepEqual(setConditional({ a: 1 }, "b", 2, true), { a: 1, b: 2 });
    assert.deepEqual(setConditional({ a: 1 }, "b", 2, false), { a: 1 });
  });

  test('{a:1}|set_ifnotempty:"b":"val" sets only a non-empty value', () => {
    assert.deepEqual(setIfnotempty({ a: 1 }, "b", "val"), { a: 1, b: "val" });
    for (const empty of ["", null, 0, "0", false, [], {}])
      assert.deepEqual(setIfnotempty({ a: 1 }, "b", empty), { a: 1 });
  });

  test('{a:1}|set_ifnotnull:"b":$var sets only a non-null value', () => {
    assert.deepEqual(setIfnotnull({ a: 1 }, "b", 0), { a: 1, b: 0 });
    assert.deepEqual(setIfnotnull({ a: 1 }, "b", null), { a: 1 });
    assert.deepEqual(setIfnotnull({ required: "x" }, "optional", undefined), { required: "x" });
  });

  test('null|first_notnull:0 → 0; ""|first_notempty:"default" → "default"', () => {
    assert.equal(firstNotnull(null, 0), 0);
    assert.equal(firstNotnull("", "d"), "");
    assert.equal(firstNotempty("", "default"), "default");
    assert.equal(firstNotempty("x", "default"), "x");
  });

  test('$obj|get:"key":"default"', () => {
    assert.equal(get({}, "key", "default"), "default");
    assert.equal(get({ key: null }, "key", "default"), "default");
    assert.equal(get({ key: 0 }, "key", "default"), 0);
    assert.equal(get(null, "key"), null);
  });
});

describe("xano docs examples", () => {
  test("set, set_conditional, set_ifnotempty, set_ifnotnull, unset, get, has", () => {
    assert.deepEqual(set({ fizz: "buzz" }, "foo", "bar"), { fizz: "buzz", foo: "bar" });
    assert.deepEqual(setConditional({ fizz: "buzz" }, "foo", "bar", 2 === 1 + 1), { fizz: "buzz", foo: "bar" });
    assert.deepEqual(setIfnotempty({ fizz: "buzz" }, "foo", "bar"), { fizz: "buzz", foo: "bar" });
    assert.deepEqual(setIfnotnull({ fizz: "buzz" }, "foo", "bar"), { fizz: "buzz", foo: "bar" });
    assert.deepEqual(unset({ fizz: "buzz", foo: "bar" }, "foo"), { fizz: "buzz" });
    assert.equal(get({ fizz: "buzz" }, "fizz"), "buzz");
    assert.equal(has({ fizz: "buzz" }, "fizz"), true);
  });

  test("keys, values, entries, create_object, create_object_from_entries", () => {
    assert.deepEqual(keys({ a: 1, b: 2, c: 3 }), ["a", "b", "c"]);
    assert.deepEqual(values({ a: 1, b: 2, c: 3 }), [1, 2, 3]);
    const e = entries({ a: 1, b: 2, c: 3 });
    assert.deepEqual(e, [
      { key: "a", value: 1 },
      { key: "b", value: 2 },
      { key: "c", value: 3 },
    ]);
    assert.deepEqual(createObject(["a", "b", "c"], [1, 2, 3]), { a: 1, b: 2, c: 3 });
    assert.deepEqual(createObjectFromEntries(e), { a: 1, b: 2, c: 3 });
  });
});

describe("paths", () => {
  test("dot notation and indexes", () => {
    const data = { a: { b: { c: 1 } }, items: [{ name: "x" }, { name: "y" }] };
    assert.equal(get(data, "a.b.c"), 1);
    assert.equal(get(data, "items.1.name"), "y");
    assert.equal(get(data, "items[0].name"), "x");
    assert.equal(get(data, "a.x.c", "none"), "none");
    assert.equal(has(data, "a.b"), true);
    assert.equal(has(data, "items.5"), false);
    assert.deepEqual(pathSegments("a.b[2].c"), ["a", "b", "2", "c"]);
  });

  test("set creates the objects along a path and copies the ones it changes", () => {
    const data = { a: { keep: true }, other: [1] };
    const out = set(data, "a.b.c", 1);
    assert.deepEqual(out, { a: { keep: true, b: { c: 1 } }, other: [1] });
    assert.deepEqual(data, { a: { keep: true }, other: [1] });
    assert.equal((out as { other: unknown }).other, data.other);
    assert.deepEqual(set(null, "x", 1), { x: 1 });
    assert.deepEqual(set({ list: [1, 2] }, "list.1", 9), { list: [1, 9] });
    assert.deepEqual(set([1, 2], 2, 3), [1, 2, 3]);
  });

  test('an existing key with a dot is read as a key first (to_text keys like "1.5")', () => {
    const counts = { "1.5": 2, "1": { "5": "nested" } };
    assert.equal(get(counts, "1.5"), 2);
    assert.deepEqual(set({ "1.5": 2 }, "1.5", 3), { "1.5": 3 });
    assert.deepEqual(unset({ "a.b": 1, a: { b: 2 } }, "a.b"), { a: { b: 2 } });
  });

  test("numeric keys from to_text work as plain keys (exercises)", () => {
    let seen: unknown = {};
    seen = set(seen, "7", [0]);
    seen = set(seen, "12", [1]);
    assert.deepEqual(get(seen, "7"), [0]);
    assert.equal(has(seen, "12"), true);
    assert.deepEqual(keys(seen), ["7", "12"]);
  });

  test("has is true for a null value; unset on an array closes the gap", () => {
    assert.equal(has({ a: null }, "a"), true);
    assert.deepEqual(unset([1, 2, 3], 1), [1, 3]);
    assert.deepEqual(unset({ a: { b: 1, c: 2 } }, "a.b"), { a: { c: 2 } });
    assert.equal(unset(null, "a"), null);
  });

  test("arrays: keys are indexes; entries carry them", () => {
    assert.deepEqual(keys(["x", "y"]), [0, 1]);
    assert.deepEqual(values(["x", "y"]), ["x", "y"]);
    assert.deepEqual(entries(["x"]), [{ key: 0, value: "x" }]);
    assert.deepEqual(keys(null), []);
    assert.throws(() => keys("abc"), TypeError);
  });
});
