// How `npm run conformance` compares a job's result with a README's expected value, and the
// readings it allows where the README shows the value differently from how it is printed.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { difference, saysAnyOrder, viewsFor } from "../support/conformance/compare.ts";

function passesThrough(readme: string, expected: unknown, actual: unknown): string | undefined {
  return viewsFor(readme).find((v) => {
    const read = v.read(actual, expected);
    return read !== undefined && difference(expected, read) === undefined;
  })?.name;
}

describe("conformance comparison", () => {
  test("numbers by value, objects in any key order, lists item by item", () => {
    assert.equal(difference({ a: 2, b: [1, "x"] }, { b: [1, "x"], a: 2.0 }), undefined);
    assert.equal(difference([1, 2], [2, 1]), "$[0]: 1 ≠ 2");
    assert.equal(difference({ a: 1 }, { a: 1, b: 2 }), "$: keys [a] ≠ [a, b]");
  });

  test("a list in another order passes only where the README says the order is free", () => {
    const expected = [
      [1, 2],
      [2, 1],
    ];
    const actual = [
      [2, 1],
      [1, 2],
    ];
    assert.equal(passesThrough("Return the answer in any order.", expected, actual), "in any order");
    assert.equal(passesThrough("Returns all permutations.", expected, actual), undefined);
    // The items themselves keep their order.
    assert.equal(passesThrough("The order doesn't matter.", [[1, 2]], [[2, 1]]), undefined);
    assert.equal(saysAnyOrder("The order of results doesn't matter"), true);
    assert.equal(saysAnyOrder("in sorted order"), false);
  });

  test("a linked list held as nodes reads as its values from the head", () => {
    const list = {
      nodes: [
        { value: 1, next: 2 },
        { value: 2, next: null },
        { value: 3, next: 1 },
      ],
      head_index: 0,
    };
    assert.equal(passesThrough("", [1, 3, 2], list), "a linked list as its values");
    assert.equal(passesThrough("", [1, 2, 3], list), undefined);
    // A cycle is no list.
    assert.equal(passesThrough("", [1], { nodes: [{ value: 1, next: 0 }], head: 0 }), undefined);
  });

  test("a one-field object reads as its value when the README shows a plain value", () => {
    assert.equal(passesThrough("", true, { is_palindrome: true }), "a one-field object as its value");
    assert.equal(passesThrough("", true, { is_palindrome: false }), undefined);
    assert.equal(passesThrough("", true, { a: true, b: 1 }), undefined);
  });
});
