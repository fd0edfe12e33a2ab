// Filters written without a subject (`|range:1:5`, `|uuid`, `|fill:5:"x"`, as the reference
// lists them) wherever an expression starts, and `fill` read by how it is written.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { buildFunction } from "./helpers.ts";

test(
  "subject-less filters run where an expression starts: values, lists, backticks, chains",
  { timeout: 60_000 },
  async () => {
    const f = await buildFunction(
      "no_subject",
      `function no_subject {
  input {
  }
  stack {
    var $range { value = |range:1:5 }
    var $id { value = |uuid }
    var $filled {
      value = |fill:3:"x"
    }
    var $zeros { value = |fill:2:0 }
    var $listed { value = [|range:1:2, |fill:1:"y"] }
    var $counted { value = |range:1:4|count }
    conditional {
      if (\`|range:1:3|count\` == 3) {
        var $backtick { value = "inside backticks" }
      }
    }
  }
  response = {range: $range, id: $id, filled: $filled, zeros: $zeros, listed: $listed, counted: $counted, backtick: $backtick}
}`,
    );
    const out = (await f.run()) as Record<string, unknown>;
    assert.deepEqual(out.range, [1, 2, 3, 4, 5]);
    assert.match(String(out.id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(out.filled, ["x", "x", "x"]);
    assert.deepEqual(out.zeros, [0, 0]);
    assert.deepEqual(out.listed, [[1, 2], ["y"]]);
    assert.equal(out.counted, 4);
    assert.equal(out.backtick, "inside backticks");
    assert.equal(f.typeErrors(), "");
  },
);

test("fill reads its arguments by how it is written, never by the type of a value", { timeout: 60_000 }, async () => {
  const f = await buildFunction(
    "fills",
    `function fills {
  input {
  }
  stack {
    var $xano_zero { value = []|fill:3:0 }
    var $xano { value = "v"|fill:0:2 }
    var $each { value = [1, 2, 3]|fill:-1 }
    var $reference { value = |fill:2:[] }
  }
  response = {xano_zero: $xano_zero, xano: $xano, each: $each, reference: $reference}
}`,
  );
  assert.deepEqual(await f.run(), { xano_zero: [], xano: ["v", "v"], each: [-1, -1, -1], reference: [[], []] });
  // With a subject and two arguments the second is the count, text or not.
  const text = await buildFunction(
    "fill_text",
    `function fill_text {\n  input {\n  }\n  stack {\n    var $x { value = []|fill:3:"x" }\n  }\n  response = $x\n}`,
  );
  await assert.rejects(text.run(), /fill/);
});
