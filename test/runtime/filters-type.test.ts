// Type filters (templates/runtime/filters/type.ts): reference rows from syntax.md's
// "Type Filters", plus Xano docs examples and edge cases.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  isArray,
  isBool,
  isDecimal,
  isEmpty,
  isInt,
  isNull,
  isObject,
  isText,
  jsonDecode,
  jsonEncode,
  toBool,
  toDecimal,
  toInt,
  toText,
} from "../../templates/runtime/filters/type.js";

describe("type filters (reference table)", () => {
  test('"123"|to_int → 123; "1.5"|to_decimal → 1.5; 123|to_text → "123"; "true"|to_bool → true', () => {
    assert.equal(toInt("123"), 123);
    assert.equal(toDecimal("1.5"), 1.5);
    assert.equal(toText(123), "123");
    assert.equal(toBool("true"), true);
  });

  test('null|is_null, []|is_empty, [1]|is_array, {}|is_object, 1|is_int, "a"|is_text', () => {
    assert.equal(isNull(null), true);
    assert.equal(isEmpty([]), true);
    assert.equal(isArray([1]), true);
    assert.equal(isObject({}), true);
    assert.equal(isInt(1), true);
    assert.equal(isText("a"), true);
  });
});

describe("xano docs examples", () => {
  test("conversions", () => {
    assert.equal(toText(1.344), "1.344");
    assert.equal(toInt("133.45 kg"), 133);
    assert.equal(toDecimal("133.45 kg"), 133.45);
  });

  test("checks", () => {
    assert.equal(isNull(8), false);
    assert.equal(isEmpty([]), true);
    assert.equal(isObject({ id: 2, value: 3, size: 4 }), true);
    assert.equal(isArray([1, 2, 3]), true);
    assert.equal(isInt(123), true);
    assert.equal(isDecimal(123.45), true);
    assert.equal(isBool(false), true);
    assert.equal(isText("213"), true);
  });

  test("json", () => {
    assert.equal(jsonEncode({ a: 1, b: 2, c: 3 }), '{"a":1,"b":2,"c":3}');
    assert.deepEqual(jsonDecode('{"a":1,"b":2,"c":3}'), { a: 1, b: 2, c: 3 });
  });
});

describe("conversions in detail", () => {
  test("to_int truncates toward zero and reads leading numbers (PHP)", () => {
    assert.equal(toInt(2.7), 2);
    assert.equal(toInt(-2.7), -2);
    assert.equal(toInt("  42abc"), 42);
    assert.equal(toInt("abc"), 0);
    assert.equal(toInt("1e3"), 1000);
    assert.equal(toInt(null), 0);
    assert.equal(toInt(true), 1);
    assert.equal(toInt(false), 0);
    assert.equal(toInt([]), 0);
    assert.equal(toInt([5]), 1);
    assert.equal(toInt(Number.NaN), 0);
    assert.equal(toInt(Number.POSITIVE_INFINITY), 0);
    assert.ok(Object.is(toInt(-0.5), 0));
  });

  test("to_decimal", () => {
    assert.equal(toDecimal("-.5"), -0.5);
    assert.equal(toDecimal(""), 0);
    assert.equal(toDecimal(true), 1);
    assert.equal(toDecimal(7), 7);
  });

  test("to_bool reads text as yes/no words", () => {
    for (const t of ["true", "TRUE", "1", "yes", "on", " true "]) assert.equal(toBool(t), true, t);
    for (const f of ["false", "0", "", "no", "off", "abc"]) assert.equal(toBool(f), false, f);
    assert.equal(toBool(0), false);
    assert.equal(toBool(-1), true);
    assert.equal(toBool(0.1), true);
    assert.equal(toBool(null), false);
    assert.equal(toBool([]), false);
    assert.equal(toBool([0]), true);
    assert.equal(toBool({}), false);
  });

  test("to_text", () => {
    assert.equal(toText(true), "true");
    assert.equal(toText(null), "");
    assert.equal(toText(0.1 + 0.2), "0.3");
    assert.equal(toText([1, 2]), "[1,2]");
  });
});

describe("checks in detail", () => {
  test("is_int / is_decimal look at the number", () => {
    assert.equal(isInt(2.0), true);
    assert.equal(isDecimal(2.0), false);
    assert.equal(isInt("1"), false);
    assert.equal(isDecimal(Number.NaN), false);
    assert.equal(isInt(null), false);
  });

  test("is_array vs is_object; is_null of a missing key", () => {
    assert.equal(isArray({}), false);
    assert.equal(isObject([]), false);
    assert.equal(isObject(null), false);
    assert.equal(isNull(undefined), true);
    assert.equal(isNull(0), false);
  });

  test("is_empty", () => {
    for (const v of ["", null, 0, "0", false, [], {}]) assert.equal(isEmpty(v), true, JSON.stringify(v));
    for (const v of [" ", 1, "a", [null], { a: 0 }, true]) assert.equal(isEmpty(v), false, JSON.stringify(v));
  });
});

describe("json in detail", () => {
  test("json_encode is compact, leaves Unicode and slashes", () => {
    assert.equal(jsonEncode("é/x"), '"é/x"');
    assert.equal(jsonEncode([1, 2.5, null, true]), "[1,2.5,null,true]");
    assert.equal(jsonEncode(null), "null");
    assert.equal(jsonEncode({}), "{}");
    assert.equal(jsonEncode([]), "[]");
  });

  test("json_decode: invalid text gives null; values that are not text stay", () => {
    assert.equal(jsonDecode("{oops"), null);
    assert.equal(jsonDecode(""), null);
    assert.equal(jsonDecode("12"), 12);
    assert.equal(jsonDecode('"x"'), "x");
    assert.deepEqual(jsonDecode({ a: 1 }), { a: 1 });
    assert.equal(jsonDecode(null), null);
  });
});
