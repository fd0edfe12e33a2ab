// Prototypes never change: `__proto__`, `constructor` and `prototype` are ordinary keys in
// literals, path updates, `set`, `json_decode`, merges and the runtime helpers, and reading a
// missing key never finds an inherited member. The generated code runs in a child process so
// a polluted Object.prototype there cannot hide in this one.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { runScript } from "../support/generated.ts";
import { buildWorkspace, type Built } from "./helpers.ts";

describe("object keys are own data properties", () => {
  let built: Built;
  before(async () => {
    built = await buildWorkspace(
      {
        "function/keys.xs": `function keys {
  input {
    text k
  }
  stack {
    var $literal { value = {__proto__: {admin: true}, constructor: "c", prototype: "p"} }
    var $t { value = {} }
    var.update $t[$input.k].admin { value = true }
    var $set { value = {}|set:$input.k:{admin: true} }
    var $decoded { value = '{"__proto__": {"admin": true}}'|json_decode }
    var $merged { value = {a: 1}|merge:$decoded }
    var $deep { value = {a: 1}|merge_recursive:$decoded }
    var $missing { value = {a: 1} }
  }
  response = {
    literal_admin: $literal.admin
    literal_keys: $literal|keys
    literal_proto: $literal.__proto__
    t_keys: $t|keys
    set_keys: $set|keys
    decoded_admin: $decoded.admin
    merged_keys: $merged|keys
    deep_keys: $deep|keys
    missing_constructor: $missing.constructor
    missing_to_string: $missing.toString
    missing_dynamic: $missing[$input.k]
  }
}`,
      },
      "keys",
    );
  });

  it("runs without changing any prototype, and keeps the keys", async () => {
    const script = `import { keys } from "./src/functions/keys.js";
const result = await keys({ k: "__proto__" });
const probe = {};
console.log(JSON.stringify({ result, polluted: "admin" in probe, objectKeys: Object.keys(Object.prototype) }, (_k, v) => (v === undefined ? null : v)));`;
    const { result, polluted, objectKeys } = await runScript(built.out, script, {});
    assert.equal(polluted, false);
    assert.deepEqual(objectKeys, []);
    assert.deepEqual(result, {
      literal_admin: null,
      literal_keys: ["__proto__", "constructor", "prototype"],
      literal_proto: { admin: true },
      t_keys: ["__proto__"],
      set_keys: ["__proto__"],
      decoded_admin: null,
      merged_keys: ["a", "__proto__"],
      deep_keys: ["a", "__proto__"],
      missing_constructor: null,
      missing_to_string: null,
      missing_dynamic: null,
    });
  });

  it("a missing key named like an inherited member reads null", async () => {
    const script = `import { keys } from "./src/functions/keys.js";
console.log(JSON.stringify(await keys({ k: "constructor" })));`;
    const result = await runScript(built.out, script, {});
    assert.equal(result.missing_dynamic, null);
    assert.deepEqual(result.t_keys, ["constructor"]);
  });
});
