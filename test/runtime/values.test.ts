// Xano's value semantics (templates/runtime/values.ts): text, truth, equality, order,
// arithmetic and copies. Examples come from the xanoscript reference and the exercises.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  add,
  and,
  clone,
  coalesce,
  compare,
  concat,
  divide,
  greaterThan,
  greaterThanOrEqual,
  isEmpty,
  isTruthy,
  lessThan,
  lessThanOrEqual,
  listArg,
  loopItems,
  looseEquals,
  modulo,
  multiply,
  negate,
  not,
  notEquals,
  numberToText,
  or,
  subtract,
  textArg,
  toJson,
  toNumber,
  toText,
  typeName,
} from "../../templates/runtime/values.js";
import { count, filterEmpty, join, push, reverse } from "../../templates/runtime/filters/array.js";

describe("toText (`~` and to_text)", () => {
  test("scalars", () => {
    assert.equal(toText(null), "");
    assert.equal(toText(undefined), "");
    assert.equal(toText("x"), "x");
    assert.equal(toText(123), "123");
    assert.equal(toText(-7), "-7");
    assert.equal(toText(true), "true");
    assert.equal(toText(false), "false");
  });

  test("decimals print as PHP does, with 14 significant digits", () => {
    assert.equal(toText(1.344), "1.344"); // Xano's to_text example
    assert.equal(toText(2.5), "2.5");
    assert.equal(toText(0.1 + 0.2), "0.3");
    assert.equal(toText(1 / 3), "0.33333333333333");
    assert.equal(toText(-1.5), "-1.5");
    assert.equal(toText(1e25), "1.0E+25");
    assert.equal(toText(1.5e-7), "1.5E-7");
    assert.equal(toText(0.00001), "1.0E-5");
    assert.equal(toText(0.0001), "0.0001");
    assert.equal(toText(123456789012.5), "123456789012.5");
  });

  test("whole numbers print in full while they are exact, timestamps included", () => {
    assert.equal(toText(1758265200000), "1758265200000");
    assert.equal(toText(Number.MAX_SAFE_INTEGER), "9007199254740991");
    assert.equal(numberToText(2 ** 60), "1.1529215046068E+18");
    assert.equal(numberToText(Number.NaN), "NAN");
    assert.equal(numberToText(Number.NEGATIVE_INFINITY), "-INF");
  });

  test("arrays and objects print as JSON", () => {
    assert.equal(toText([1, "a", null]), '[1,"a",null]');
    assert.equal(toText({ a: 1, b: [true] }), '{"a":1,"b":[true]}');
    assert.equal(toText({}), "{}");
  });

  test("concat (`~`)", () => {
    assert.equal(concat("Hello, ", "Ann"), "Hello, Ann");
    assert.equal(concat("n=", 5), "n=5");
    assert.equal(concat("a", null), "a");
    assert.equal(concat(null, null), "");
    assert.equal(concat("ok: ", true), "ok: true");
    assert.equal(concat("é", "🙂"), "é🙂");
  });

  test("toJson leaves Unicode and slashes as they are, and refuses NaN", () => {
    assert.equal(toJson({ s: "é/ü" }), '{"s":"é/ü"}');
    assert.equal(toJson(undefined), "null");
    assert.equal(toJson({ a: undefined }), '{"a":null}');
    assert.throws(() => toJson(Number.NaN), TypeError);
  });
});

describe("truth", () => {
  test('empty values are false: null, false, 0, "", "0", [], {}', () => {
    for (const v of [null, undefined, false, 0, -0, "", "0", [], {}]) {
      assert.equal(isTruthy(v), false, `${JSON.stringify(v)} should be false`);
      assert.equal(isEmpty(v), true);
    }
  });

  test("everything else is true", () => {
    for (const v of [true, 1, -1, 0.5, "a", " ", "false", "00", [0], [null], { a: null }]) {
      assert.equal(isTruthy(v), true, `${JSON.stringify(v)} should be true`);
    }
  });

  test("not", () => {
    assert.equal(not(true), false);
    assert.equal(not(false), true);
    assert.equal(not([]), true);
  });

  test("`||` returns an operand: `$count || 10` is 10 when $count is 0 (reference)", () => {
    assert.equal(
      or(0, () => 10),
      10,
    );
    assert.equal(
      or(null, () => "default"),
      "default",
    );
    assert.equal(
      or("", () => "default"),
      "default",
    );
    assert.equal(
      or(false, () => "default"),
      "default",
    );
    assert.equal(
      or("x", () => "default"),
      "x",
    );
  });

  test("`&&` is lazy and returns an operand", () => {
    assert.equal(
      and(null, () => {
        throw new Error("must not run");
      }),
      null,
    );
    assert.equal(
      and(1, () => "b"),
      "b",
    );
    assert.equal(
      and(0, () => "b"),
      0,
    );
  });

  test("`??` only replaces null: `$count ?? 10` is 0 when $count is 0 (reference)", () => {
    assert.equal(coalesce(0, 10), 0);
    assert.equal(coalesce("", "default"), "");
    assert.equal(coalesce(null, "default"), "default");
    assert.equal(coalesce(undefined, "default"), "default");
  });
});

describe("equality (`==`, `!=`)", () => {
  test("null equals only null (exercise add-two-numbers needs `0 != null`)", () => {
    assert.equal(looseEquals(null, null), true);
    assert.equal(looseEquals(undefined, null), true);
    assert.equal(looseEquals(0, null), false);
    assert.equal(looseEquals("", null), false);
    assert.equal(looseEquals(false, null), false);
    assert.equal(notEquals(0, null), true);
  });

  test("numbers and numeric text", () => {
    assert.equal(looseEquals(5, "5"), true);
    assert.equal(looseEquals("5", 5), true);
    assert.equal(looseEquals(1.5, "1.50"), true);
    assert.equal(looseEquals(0, "abc"), false);
    assert.equal(looseEquals(5, "5 apples"), false);
    assert.equal(looseEquals(1, 1.0), true);
  });

  test("texts compare exactly", () => {
    assert.equal(looseEquals("a", "a"), true);
    assert.equal(looseEquals("01", "1"), false);
    assert.equal(looseEquals("A", "a"), false);
  });

  test("booleans equal only booleans", () => {
    assert.equal(looseEquals(true, true), true);
    assert.equal(looseEquals(true, 1), false);
    assert.equal(looseEquals(false, 0), false);
  });

  test("arrays and objects compare deeply; object key order does not matter", () => {
    assert.equal(looseEquals([1, [2, "3"]], [1, [2, 3]]), true);
    assert.equal(looseEquals([1, 2], [2, 1]), false);
    assert.equal(looseEquals({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
    assert.equal(looseEquals({ a: 1 }, { a: 1, b: null }), false);
    assert.equal(looseEquals([], {}), false);
  });
});

describe("order (`<`, `<=`, `>`, `>=`)", () => {
  test("numbers, and numbers against numeric text", () => {
    assert.equal(lessThan(2, 10), true);
    assert.equal(lessThan("2", 10), true);
    assert.equal(greaterThan(10, "9"), true);
    assert.equal(lessThanOrEqual(3, 3), true);
    assert.equal(greaterThanOrEqual(2.5, 3), false);
  });

  test("texts by code point", () => {
    assert.equal(lessThan("apple", "banana"), true);
    assert.equal(lessThan("Z", "a"), true);
    assert.equal(lessThan("10", "9"), true);
    assert.equal(greaterThan("é", "z"), true);
    assert.equal(greaterThan("🙂", "\uffff"), true);
  });

  test("null comes first; booleans by truth; containers after scalars", () => {
    assert.equal(compare(null, -5), -1);
    assert.equal(compare(null, null), 0);
    assert.equal(compare("a", null), 1);
    assert.equal(compare(true, false), 1);
    assert.equal(compare(true, 1), 0);
    assert.equal(compare([1, 2], [1, 2, 3]), -1);
    assert.equal(compare([1, 3], [1, 2]), 1);
    assert.equal(compare([1], 99), 1);
    assert.equal(compare("abc", 5), 1);
  });
});

describe("arithmetic", () => {
  test("plain numbers", () => {
    assert.equal(add(2, 3), 5);
    assert.equal(subtract(10, 3), 7);
    assert.equal(multiply(10, 2), 20);
    assert.equal(negate(3), -3);
  });

  test("division gives decimals (5/2 = 2.5) and refuses zero", () => {
    assert.equal(divide(5, 2), 2.5);
    assert.equal(divide(10, 2), 5);
    assert.throws(() => divide(1, 0), /Division by zero/);
    assert.throws(() => divide(1, null), /Division by zero/);
  });

  test("modulo is PHP's: integer operands, sign of the dividend", () => {
    assert.equal(modulo(10, 3), 1);
    assert.equal(modulo(-7, 3), -1);
    assert.equal(modulo(7, -3), 1);
    assert.equal(modulo(5.5, 2), 1);
    assert.equal(modulo(4, 2), 0);
    assert.throws(() => modulo(1, 0), /Modulo by zero/);
  });

  test("operands convert as in PHP: null 0, booleans 0/1, numeric text", () => {
    assert.equal(add(null, 1), 1);
    assert.equal(add(true, 1), 2);
    assert.equal(add("5", 1), 6);
    assert.equal(add(" 2.5", "1e1"), 12.5);
    assert.equal(add("5 apples", 1), 6);
    assert.equal(add("", 1), 1);
    assert.equal(negate("3"), -3);
  });

  test("text that is not a number, arrays and objects are errors", () => {
    assert.throws(() => add("abc", 1), TypeError);
    assert.throws(() => multiply([1], 2), TypeError);
    assert.throws(() => toNumber({}), TypeError);
  });
});

describe("types and copies", () => {
  test("typeName", () => {
    assert.equal(typeName(null), "null");
    assert.equal(typeName(undefined), "null");
    assert.equal(typeName(true), "bool");
    assert.equal(typeName(3), "int");
    assert.equal(typeName(2.0), "int");
    assert.equal(typeName(2.5), "decimal");
    assert.equal(typeName("x"), "text");
    assert.equal(typeName([]), "array");
    assert.equal(typeName({}), "object");
  });

  test("variables hold values: a copy does not follow later changes", () => {
    const a = { list: [1, 2], inner: { x: 1 } };
    const b = clone(a);
    b.list.push(3);
    b.inner.x = 2;
    assert.deepEqual(a, { list: [1, 2], inner: { x: 1 } });
    assert.deepEqual(b, { list: [1, 2, 3], inner: { x: 2 } });
  });

  test("filters never change their subject", () => {
    const a = [1, 2];
    const b = push(a, 3);
    assert.deepEqual(a, [1, 2]);
    assert.deepEqual(b, [1, 2, 3]);
  });

  test("filter operands", () => {
    assert.equal(textArg(null, "f"), "");
    assert.equal(textArg(5, "f"), "5");
    assert.throws(() => textArg([1], "f"), /f: expected text, got array/);
    assert.deepEqual(listArg(null, "f"), []);
    assert.throws(() => listArg("abc", "f"), /f: expected an array, got text/);
  });

  test("{} is PHP's empty array for every list filter; an object with keys is not a list", () => {
    assert.deepEqual(listArg({}, "f"), []);
    assert.throws(() => listArg({ a: 1 }, "f"), /f: expected an array, got object/);
    assert.equal(count({}), 0);
    assert.equal(count({ a: 1, b: 2 }), 2);
    assert.deepEqual(reverse({}), []);
    assert.deepEqual(filterEmpty({}), {}, "filter_empty keeps an object an object");
    assert.equal(join({}, ","), "");
  });

  test("foreach walks a list's items, an object's values, and nothing for null or {}", () => {
    assert.deepEqual(loopItems([1, 2]), [1, 2]);
    assert.deepEqual(loopItems({ a: 1, b: { c: 2 } }), [1, { c: 2 }]);
    assert.deepEqual(loopItems({}), []);
    assert.deepEqual(loopItems(null), []);
    assert.throws(() => loopItems("abc"), /foreach: expected an array, got text/);
  });
});
