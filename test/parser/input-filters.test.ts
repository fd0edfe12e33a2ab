// `filters=` arguments are text as written (types.md): `ok:0123456789abcdef`, `startsWith:SKU-`,
// an unquoted `pattern:` regular expression; and `int[1:10]` bounds a list's length.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { FieldDecl } from "../../src/ast.ts";
import { parse } from "../../src/index.ts";

function field(line: string): FieldDecl {
  const file = parse(`function f {\n  input {\n    ${line}\n  }\n  stack {}\n  response = null\n}\n`, "function/f.xs");
  const input = file.construct.body.find((b) => b.kind === "Fields");
  assert.ok(input?.kind === "Fields");
  return input.fields[0] as FieldDecl;
}

/** The filters as `name:arg:arg` with each argument's kind. */
function filters(line: string): string[] {
  const list = field(line).attributes.find((a) => a.name === "filters")?.value;
  assert.ok(list?.kind === "FilterList");
  return list.filters.map((f) =>
    [
      `${f.disabled ? "!" : ""}${f.name}`,
      ...f.args.map((a) => (a.kind === "String" ? JSON.stringify(a.value) : a.kind === "Number" ? a.raw : a.kind)),
    ].join(":"),
  );
}

test("text arguments are read as written, up to the next | or space", () => {
  assert.deepEqual(filters("text hex filters=ok:0123456789abcdef"), ['ok:"0123456789abcdef"']);
  assert.deepEqual(filters("text sku filters=startsWith:SKU-"), ['startsWith:"SKU-"']);
  assert.deepEqual(filters("text name filters=prevent:admin|trim"), ['prevent:"admin"', "trim"]);
  assert.deepEqual(filters('text r filters=ok:"a b"'), ['ok:"a b"']);
});

test("numbers stay numbers, negative and decimal ones too", () => {
  assert.deepEqual(filters("int d filters=min:-500|max:300"), ["min:-500", "max:300"]);
  assert.deepEqual(filters("decimal price filters=min:0.01"), ["min:0.01"]);
});

test("a pattern keeps its : and its bracketed |, and ends at a top-level | or a space", () => {
  assert.deepEqual(filters('text phone filters=trim|pattern:^\\+?[0-9\\s-]+$ {\n description = "x"\n }'), [
    "trim",
    'pattern:"^\\\\+?[0-9\\\\s-]+$"',
  ]);
  assert.deepEqual(filters("text t filters=pattern:^\\d{2}:\\d{2}$|trim"), ['pattern:"^\\\\d{2}:\\\\d{2}$"', "trim"]);
  assert.deepEqual(filters("text s filters=pattern:^(a|b)$"), ['pattern:"^(a|b)$"']);
});

test("a switched-off filter keeps its mark", () => {
  assert.deepEqual(filters("text q filters=!trim|lower"), ["!trim", "lower"]);
});

test("int[1:10] is a list with its length bounds", () => {
  const f = field("int[1:10] scores filters=min:0|max:100");
  assert.equal(f.isList, true);
  assert.deepEqual(
    f.listSize?.map((e) => (e.kind === "Number" ? e.value : e.kind)),
    [1, 10],
  );
  assert.equal(field("int[] scores").listSize, undefined);
});
