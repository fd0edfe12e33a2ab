// Math filters (templates/runtime/filters/math.ts): reference rows from syntax/functions.md
// ("Math Filters", "Trigonometry", "Bitwise Filters"), Xano docs examples, edge cases.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  abs,
  acos,
  acosh,
  add,
  asin,
  atan,
  atanh,
  baseConvert,
  between,
  bindec,
  bitwiseAnd,
  bitwiseNot,
  bitwiseOr,
  bitwiseXor,
  ceil,
  cos,
  cosh,
  cosineDistance,
  cosineSimilarity,
  decbin,
  dechex,
  decoct,
  deg2rad,
  divide,
  even,
  exp,
  floor,
  hexdec,
  innerProduct,
  l1DistanceManhattan,
  l2DistanceEuclidean,
  ln,
  log,
  log10,
  max,
  min,
  modulus,
  multiply,
  negativeInnerProduct,
  numberFormat,
  octdec,
  odd,
  pow,
  rad2deg,
  round,
  sin,
  sinh,
  sqrt,
  subtract,
  tan,
  tanh,
} from "../../templates/runtime/filters/math.js";

function near(actual: number, expected: number, digits = 5): void {
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not close to ${expected}`);
}

describe("math filters (reference table)", () => {
  test("10|add:5 → 15; subtract:3 → 7; multiply:2 → 20; divide:2 → 5; modulus:3 → 1", () => {
    assert.equal(add(10, 5), 15);
    assert.equal(subtract(10, 3), 7);
    assert.equal(multiply(10, 2), 20);
    assert.equal(divide(10, 2), 5);
    assert.equal(modulus(10, 3), 1);
  });

  test("2.7|floor → 2; 2.3|ceil → 3; 2.567|round:2 → 2.57", () => {
    assert.equal(floor(2.7), 2);
    assert.equal(ceil(2.3), 3);
    assert.equal(round(2.567, 2), 2.57);
  });

  test("-5|abs → 5; 9|sqrt → 3; 2|pow:3 → 8; 5|min:3 → 3; 5|max:10 → 10", () => {
    assert.equal(abs(-5), 5);
    assert.equal(sqrt(9), 3);
    assert.equal(pow(2, 3), 8);
    assert.equal(min(5, 3), 3);
    assert.equal(max(5, 10), 10);
  });
});

describe("trigonometry (reference)", () => {
  test("conversions", () => {
    near(deg2rad(90), 1.5707963);
    near(rad2deg(1.5707963), 90, 4);
  });

  test("functions", () => {
    assert.equal(sin(0), 0);
    assert.equal(cos(0), 1);
    near(tan(0.785398), 1);
    assert.equal(asin(0), 0);
    assert.equal(acos(1), 0);
    near(atan(1), 0.785398);
    assert.equal(sinh(0), 0);
    assert.equal(cosh(0), 1);
    assert.equal(tanh(0), 0);
  });

  test("xano docs", () => {
    near(deg2rad(180), Math.PI);
    near(acosh(11.592), 3.14159, 4);
    near(atanh(0.6666), 0.8047, 3); // the docs print 0.80470…; the exact value is 0.80459…
  });
});

describe("bitwise (reference and xano docs)", () => {
  test("5|bitwise_and:3 → 1; bitwise_or → 7; bitwise_xor → 6; 5|bitwise_not → -6", () => {
    assert.equal(bitwiseAnd(5, 3), 1);
    assert.equal(bitwiseOr(5, 3), 7);
    assert.equal(bitwiseXor(5, 3), 6);
    assert.equal(bitwiseNot(5), -6);
  });

  test("7&3, 7|9, 7^9, ~8", () => {
    assert.equal(bitwiseAnd(7, 3), 3);
    assert.equal(bitwiseOr(7, 9), 15);
    assert.equal(bitwiseXor(7, 9), 14);
    assert.equal(bitwiseNot(8), -9);
  });

  test("64-bit, not JavaScript's 32-bit", () => {
    assert.equal(bitwiseAnd(2 ** 40 + 1, 2 ** 40), 2 ** 40);
    assert.equal(bitwiseOr(2 ** 33, 1), 2 ** 33 + 1);
    assert.equal(bitwiseXor(3, 3), 0);
  });
});

describe("rounding", () => {
  test("half away from zero, like PHP", () => {
    assert.equal(round(2.5), 3);
    assert.equal(round(-2.5), -3);
    assert.equal(round(0.5), 1);
    assert.equal(round(1.4999), 1);
    assert.equal(round(-0.4), 0);
    assert.ok(Object.is(round(-0.4), 0));
  });

  test("decimal digits as written: 1.005 → 1.01; negative precision", () => {
    assert.equal(round(1.005, 2), 1.01);
    assert.equal(round(1.955, 2), 1.96);
    assert.equal(round(1234.5678, -2), 1200);
    assert.equal(round(5.055, 2), 5.06);
    assert.equal(round(1e-7, 2), 0);
    assert.equal(round(1.5e21), 1.5e21);
  });

  test("exercise: `($n / 2)|floor`, `(x * 3600.0)|round`", () => {
    assert.equal(floor(divide(7, 2)), 3);
    assert.equal(floor(divide(-7, 2)), -4);
    assert.equal(round(multiply(divide(7200, 3600), 3600 * (650 / 670))), 6985);
  });
});

describe("other math filters (xano docs)", () => {
  test("log, log10, ln, exp", () => {
    assert.equal(log(2, 2), 1);
    near(log(8, 2), 3);
    assert.equal(log10(100), 2);
    near(ln(10), 2.30258);
    near(log(Math.E), 1);
    assert.equal(exp(0), 1);
  });

  test("odd, even", () => {
    assert.equal(odd(4), false);
    assert.equal(even(4), true);
    assert.equal(odd(-3), true);
    assert.equal(even(0), true);
  });

  test('31253212.141592|number_format:2:".":"," → "31,253,212.14"', () => {
    assert.equal(numberFormat(31253212.141592, 2, ".", ","), "31,253,212.14");
    assert.equal(numberFormat(1234.5), "1,235");
    assert.equal(numberFormat(-1234.567, 2), "-1,234.57");
    assert.equal(numberFormat(1234.5, 2, ",", "."), "1.234,50");
    assert.equal(numberFormat(0.5), "1");
    assert.equal(numberFormat(999, 0, ".", " "), "999");
  });

  test("base conversions", () => {
    assert.equal(dechex(255), "ff");
    assert.equal(hexdec("ff"), 255);
    assert.equal(decbin(10), "1010");
    assert.equal(bindec("1010"), 10);
    assert.equal(decoct(10), "12");
    assert.equal(octdec("12"), 10);
    assert.equal(baseConvert("ff", 16, 10), "255");
    assert.equal(baseConvert("255", 10, 2), "11111111");
    assert.equal(dechex(-1), "ffffffffffffffff");
    assert.equal(hexdec("0xFF"), 255);
    assert.throws(() => baseConvert("1", 1, 10), RangeError);
  });

  test("between (outside a db query)", () => {
    assert.equal(between(5, 1, 10), true);
    assert.equal(between(10, 1, 10), true);
    assert.equal(between(11, 1, 10), false);
    assert.equal(between("b", "a", "c"), true);
  });

  test("min and max: arrays, mixed types", () => {
    assert.equal(min([4, 2, 8]), 2);
    assert.equal(max([4, 2, 8]), 8);
    assert.equal(max([]), null);
    assert.equal(min(1, 0), 0);
    assert.equal(max(5, 20), 20);
    assert.equal(max("10", 9), "10");
  });
});

describe("vectors (db filters, computed in memory)", () => {
  test("similarity and distances", () => {
    assert.equal(cosineSimilarity([1, 0], [1, 0]), 1);
    assert.equal(cosineSimilarity([1, 0], [0, 1]), 0);
    assert.equal(cosineDistance([1, 0], [1, 0]), 0);
    assert.equal(cosineSimilarity([0, 0], [1, 1]), 0);
    assert.equal(l2DistanceEuclidean([0, 0], [3, 4]), 5);
    assert.equal(l1DistanceManhattan([0, 0], [3, 4]), 7);
    assert.equal(innerProduct([1, 2], [3, 4]), 11);
    assert.equal(negativeInnerProduct([1, 2], [3, 4]), -11);
    assert.throws(() => innerProduct([1], [1, 2]), /different lengths/);
  });
});

describe("edge cases", () => {
  test("operands convert like the arithmetic operators", () => {
    assert.equal(floor("2.7"), 2);
    assert.equal(abs(null), 0);
    assert.equal(add("5", 1), 6);
    assert.throws(() => sqrt("abc"), TypeError);
    assert.throws(() => divide(1, 0), /Division by zero/);
    assert.throws(() => modulus(1, 0), /Modulo by zero/);
  });

  test("results that are not numbers", () => {
    assert.ok(Number.isNaN(sqrt(-1)));
    assert.equal(pow(0, -1), Number.POSITIVE_INFINITY);
  });
});
