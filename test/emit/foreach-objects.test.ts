// Item 8 of issue 14: bwats' only task passes `form_ids: {}` to a function that loops over it.
// Xano's PHP runtime walks an object's values and an empty object not at all; so does the
// generated code, and a list filter takes {} as the empty list it is in PHP.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { buildFunction } from "./helpers.ts";

const SYNC = `function "video_ask/sync_all" {
  input {
    json form_ids?
  }
  stack {
    var $forms {
      value = []
    }
    foreach ($input.form_ids) {
      each as $id {
        var.update $forms {
          value = $forms|push:$id
        }
      }
    }
  }
  response = {forms: $forms, count: $input.form_ids|count, first: ($input.form_ids|safe_array)|first}
}`;

test("foreach over {} runs no iteration; over an object, its values; count counts keys", async () => {
  const f = await buildFunction("video_ask/sync_all", SYNC);
  assert.deepEqual(await f.run({ form_ids: {} }), { forms: [], count: 0, first: null });
  assert.deepEqual(await f.run({ form_ids: { a: "f1", b: "f2" } }), {
    forms: ["f1", "f2"],
    count: 2,
    first: { a: "f1", b: "f2" },
  });
  assert.deepEqual(await f.run({ form_ids: ["f1"] }), { forms: ["f1"], count: 1, first: "f1" });
  assert.deepEqual(await f.run({}), { forms: [], count: 0, first: null });
});

test("a list filter takes {} as the empty list; an object with keys stays an error", async () => {
  const f = await buildFunction(
    "pick",
    `function pick {
  input {
    json ids
  }
  stack {
  }
  response = {last: $input.ids|last, joined: $input.ids|join:","}
}`,
  );
  assert.deepEqual(await f.run({ ids: {} }), { last: null, joined: "" });
  await assert.rejects(f.run({ ids: { a: 1 } }), /last: expected an array, got object/);
});
