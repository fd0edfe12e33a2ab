// The input filters of types.md ("Input Filters", "Password Complexity Filters"), applied by the
// runtime module that function inputs and table writes share, on the reference's examples.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { applyFieldFilters, FIELD_FILTER_NAMES, type FieldFilter } from "../../templates/runtime/field-filters.ts";
import { XanoError } from "../../templates/runtime/errors.ts";

const run = (value: unknown, filters: FieldFilter[], param = "x") => applyFieldFilters(value, filters, param);

/** The inputerror `filters` raise for `value`, with its message and payload. */
function rejects(value: unknown, filters: FieldFilter[], message: string, param = "x"): void {
  assert.throws(
    () => run(value, filters, param),
    (e: unknown) =>
      e instanceof XanoError &&
      e.type === "inputerror" &&
      e.message === message &&
      (e.payload as { param: string }).param === param,
  );
}

describe("transforms", () => {
  test("trim, lower, upper, in the order written", () => {
    assert.equal(run("  Hello ", [["trim"], ["lower"]]), "hello");
    assert.equal(run(" abc", [["upper"]]), " ABC");
    assert.equal(run(5, [["trim"]]), 5, "text filters leave other values alone");
  });
  test("a rule sees the value the transforms before it made", () => {
    assert.equal(run("  ab  ", [["trim"], ["max", 2]]), "ab");
    rejects("  ab  ", [["max", 2], ["trim"]], "x must be at most 2");
  });
});

describe("min and max", () => {
  test("length of a text, in characters", () => {
    rejects("a", [["min", 2]], "x must be at least 2");
    assert.equal(run("é€", [["max", 2]]), "é€");
    rejects("Hello World", [["max", 5]], "x must be at most 5");
  });
  test("value of a number, decimals and negatives included", () => {
    rejects(-1, [["min", 0]], "x must be at least 0");
    rejects(0, [["min", 0.01]], "x must be at least 0.01");
    assert.equal(
      run(-500, [
        ["min", -500],
        ["max", 300],
      ]),
      -500,
    );
    rejects(
      151,
      [
        ["min", 0],
        ["max", 150],
      ],
      "x must be at most 150",
    );
  });
  test("count of a list", () => {
    rejects([], [["min", 1]], "x must be at least 1");
    assert.deepEqual(run(["a"], [["min", 1]]), ["a"]);
  });
});

describe("character rules", () => {
  test("ok:<chars> allows only those characters", () => {
    assert.equal(run("c0ffee", [["ok", "0123456789abcdef"]]), "c0ffee");
    rejects("c0ffeg", [["ok", "0123456789abcdef"]], "x contains a character that is not allowed: g");
  });
  test("alphaOk and digitOk; together with ok, any character one of them allows", () => {
    assert.equal(run("abcXYZ", [["alphaOk"]]), "abcXYZ");
    rejects("abc1", [["alphaOk"]], "x contains a character that is not allowed: 1");
    rejects("12a", [["digitOk"]], "x contains a character that is not allowed: a");
    assert.equal(run("user_42", [["alphaOk"], ["digitOk"], ["ok", "_"]]), "user_42");
    rejects("user-42", [["alphaOk"], ["digitOk"], ["ok", "_"]], "x contains a character that is not allowed: -");
  });
  test("prevent and startsWith", () => {
    rejects("hello world", [["prevent", "hello"]], "x must not contain hello");
    assert.equal(run("goodbye world", [["prevent", "hello"]]), "goodbye world");
    assert.equal(run("invoice-abc123", [["startsWith", "invoice-"]]), "invoice-abc123");
    rejects("abc123", [["startsWith", "invoice-"]], "x must start with invoice-");
  });
  test("pattern: the value must match the regular expression", () => {
    assert.equal(run("+15551234567", [["pattern", "^\\+?[1-9]\\d{1,14}$"]]), "+15551234567");
    assert.equal(run("12345-6789", [["pattern", "^\\d{5}(-\\d{4})?$"]]), "12345-6789");
    rejects("1234", [["pattern", "^\\d{5}(-\\d{4})?$"]], "x does not match the pattern ^\\d{5}(-\\d{4})?$");
  });
});

describe("password complexity", () => {
  const strong: FieldFilter[] = [
    ["min", 8],
    ["minUpperAlpha", 1],
    ["minLowerAlpha", 1],
    ["minDigit", 1],
    ["minSymbol", 1],
  ];
  test("a password with each kind passes", () => {
    assert.equal(run("Passw0rd!", strong), "Passw0rd!");
  });
  test("each missing kind is named", () => {
    rejects("passw0rd!", strong, "x needs at least 1 uppercase letters");
    rejects("PASSW0RD!", strong, "x needs at least 1 lowercase letters");
    rejects("Password!", strong, "x needs at least 1 digits");
    rejects("Passw0rdd", strong, "x needs at least 1 symbols");
    rejects("12345678", [["minAlpha", 2]], "x needs at least 2 letters");
  });
});

test("the param in the error is the path given (a nested field)", () => {
  rejects("", [["min", 1]], "address.city must be at least 1", "address.city");
});

test("a filter the module does not know throws Not migrated, never passes the value", () => {
  assert.equal(FIELD_FILTER_NAMES.has("frobnicate"), false);
  assert.throws(() => run("a", [["frobnicate"]]), /Not migrated: the input filter frobnicate on x/);
});
