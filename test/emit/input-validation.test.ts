// A function's input block, checked before its stack runs: the reference's examples (types.md
// "Input Block", "Type Details", "Nullable vs Optional", "Input Filters") built and run for real.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { buildFunction, buildWorkspace, type Built } from "./helpers.ts";

function fn(input: string, response = "$input"): string {
  return `function f {\n  input {\n${input}\n  }\n  stack {}\n  response = ${response}\n}\n`;
}

/** The function rejects `input` with an inputerror `message` naming `param`. */
async function rejects(f: Built, input: Record<string, unknown>, message: string, param: string): Promise<void> {
  await assert.rejects(f.run(input), (e: any) => {
    assert.equal(e.type, "inputerror");
    assert.equal(e.message, message);
    assert.deepEqual(e.payload, { param });
    return true;
  });
}

describe("types", () => {
  test("int, decimal, bool and text convert what Xano converts and reject the rest", async () => {
    const f = await buildFunction("f", fn("    int quantity\n    decimal price\n    bool confirmed\n    text name"));
    assert.deepEqual(await f.run({ quantity: "5", price: "10.50", confirmed: "true", name: 7 }), {
      quantity: 5,
      price: 10.5,
      confirmed: true,
      name: "7",
    });
    await rejects(
      f,
      { quantity: "five", price: 1, confirmed: true, name: "a" },
      "Value is not a valid number: quantity",
      "quantity",
    );
    await rejects(
      f,
      { quantity: 1, price: 1, confirmed: "maybe", name: "a" },
      "Value is not a valid boolean: confirmed",
      "confirmed",
    );
    await rejects(f, { quantity: 1, price: 1, confirmed: true, name: { a: 1 } }, "Value is not text: name", "name");
  });

  test("email is validated after its filters; uuid is validated", async () => {
    const f = await buildFunction("f", fn("    email contact filters=trim|lower\n    uuid session_id"));
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    assert.deepEqual(await f.run({ contact: "  Ada@Example.COM ", session_id: id }), {
      contact: "ada@example.com",
      session_id: id,
    });
    await rejects(f, { contact: "ada.example.com", session_id: id }, "Value is not a valid email: contact", "contact");
    await rejects(
      f,
      { contact: "a@b.co", session_id: "not-a-uuid" },
      "Value is not a valid uuid: session_id",
      "session_id",
    );
  });

  test("timestamp takes ISO text or epoch ms and gives epoch ms; date gives YYYY-MM-DD", async () => {
    const f = await buildFunction("f", fn("    timestamp created_at\n    date birth_date"));
    assert.deepEqual(await f.run({ created_at: "2024-01-01T00:00:00Z", birth_date: "1815-12-10" }), {
      created_at: 1704067200000,
      birth_date: "1815-12-10",
    });
    assert.deepEqual(await f.run({ created_at: 1704067200000, birth_date: 1704067200000 }), {
      created_at: 1704067200000,
      birth_date: "2024-01-01",
    });
    await rejects(
      f,
      { created_at: "not a time", birth_date: "1815-12-10" },
      "Value is not a valid timestamp: created_at",
      "created_at",
    );
  });

  test("timestamp?=now defaults to the current time", async () => {
    const f = await buildFunction("f", fn("    timestamp created_at?=now"));
    const { created_at } = (await f.run({})) as { created_at: number };
    assert.ok(Math.abs(created_at - Date.now()) < 60_000);
  });

  test("enum: the value must be one of values; the default is used when left out", async () => {
    const f = await buildFunction(
      "f",
      fn(
        '    enum status {\n      values = ["pending", "active", "cancelled"]\n    }\n    enum priority?="medium" {\n      values = ["low", "medium", "high"]\n    }',
      ),
    );
    assert.deepEqual(await f.run({ status: "active" }), { status: "active", priority: "medium" });
    await rejects(f, { status: "archived" }, "status must be one of pending, active, cancelled", "status");
  });

  test("json, password and file types are taken as sent (file: the upload object)", async () => {
    const f = await buildFunction("f", fn("    json metadata\n    password secret filters=min:8\n    file? document"));
    const doc = { path: "/vault/a.pdf", name: "a.pdf", size: 3 };
    assert.deepEqual(await f.run({ metadata: [1, { a: 2 }], secret: "12345678", document: doc }), {
      metadata: [1, { a: 2 }],
      secret: "12345678",
      document: doc,
    });
    await rejects(f, { metadata: {}, secret: "1234567", document: null }, "secret must be at least 8", "secret");
  });
});

describe("object with a schema", () => {
  const address =
    '    object address {\n      schema {\n        text street filters=trim\n        text city filters=trim\n        text zip filters=trim\n        text country?="US"\n      }\n    }';

  test("is checked field by field, with defaults and filters", async () => {
    const f = await buildFunction("f", fn(address));
    assert.deepEqual(await f.run({ address: { street: " 1 Main St ", city: "Paris ", zip: "75001" } }), {
      address: { street: "1 Main St", city: "Paris", zip: "75001", country: "US" },
    });
  });

  test("an error names the nested field by its path", async () => {
    const f = await buildFunction("f", fn(address));
    await rejects(f, { address: { street: "x", zip: "1" } }, "Missing param: address.city", "address.city");
    await rejects(f, { address: "Paris" }, "Value is not an object: address", "address");
  });

  test("a list of objects checks each item, the path giving its index", async () => {
    const f = await buildFunction(
      "f",
      fn("    object[] items {\n      schema {\n        int id\n        text name\n      }\n    }"),
    );
    assert.deepEqual(await f.run({ items: [{ id: "1", name: "a" }] }), { items: [{ id: 1, name: "a" }] });
    await rejects(
      f,
      {
        items: [
          { id: 1, name: "a" },
          { id: "x", name: "b" },
        ],
      },
      "Value is not a valid number: items.1.id",
      "items.1.id",
    );
  });

  test("an object without a schema is taken as sent", async () => {
    const f = await buildFunction("f", fn("    object matrix"));
    assert.deepEqual(
      await f.run({
        matrix: [
          [1, 2],
          [3, 4],
        ],
      }),
      {
        matrix: [
          [1, 2],
          [3, 4],
        ],
      },
    );
  });
});

describe("lists", () => {
  test("text[] applies the filters to each item", async () => {
    const f = await buildFunction("f", fn("    text[] tags filters=trim|lower"));
    assert.deepEqual(await f.run({ tags: [" A ", "b"] }), { tags: ["a", "b"] });
    await rejects(f, { tags: "a" }, "Value is not a list: tags", "tags");
  });

  test('an item "" of a required text list is kept: the "" rule is the field\'s, not its items\'', async () => {
    const f = await buildFunction("f", fn("    text[] tens"));
    assert.deepEqual(await f.run({ tens: ["", "ten"] }), { tens: ["", "ten"] });
  });

  test("int[1:10] bounds the count; min/max bound each item", async () => {
    const f = await buildFunction("f", fn("    int[1:10] scores filters=min:0|max:100"));
    assert.deepEqual(await f.run({ scores: ["1", 100] }), { scores: [1, 100] });
    await rejects(f, { scores: [] }, "scores must have at least 1 items", "scores");
    await rejects(f, { scores: Array(11).fill(1) }, "scores must have at most 10 items", "scores");
    await rejects(f, { scores: [5, 101] }, "scores.1 must be at most 100", "scores.1");
  });
});

describe("? placement (types.md, Nullable vs Optional)", () => {
  const src = fn(
    '    text a filters=trim\n    text? b filters=trim\n    text c? filters=trim\n    text? d? filters=trim\n    text e?="hello"',
  );
  const ok = { a: "x", b: "x" };

  test('a required text rejects "" and null; optional ones take ""', async () => {
    const f = await buildFunction("f", src);
    assert.deepEqual(await f.run({ a: "Alice", b: null, c: "", d: "" }), {
      a: "Alice",
      b: null,
      c: "",
      d: "",
      e: "hello",
    });
    await rejects(f, { ...ok, a: "" }, "Missing param: a", "a");
    await rejects(f, { ...ok, a: "   " }, "Missing param: a", "a");
    await rejects(f, { ...ok, b: "" }, "Missing param: b", "b");
    await rejects(f, { ...ok, a: null }, "Missing param: a", "a");
    await rejects(f, { b: "x" }, "Missing param: a", "a");
  });

  test("optional fields left out are null, or their default", async () => {
    const f = await buildFunction("f", src);
    assert.deepEqual(await f.run(ok), { a: "x", b: "x", c: null, d: null, e: "hello" });
  });
});

describe("filters", () => {
  test("the combined example of types.md", async () => {
    const f = await buildFunction(
      "f",
      fn(
        "    text username filters=trim|lower|min:3|max:20|ok:abcdefghijklmnopqrstuvwxyz0123456789_\n    text hex_code filters=ok:abcdef0123456789|min:6|max:6\n    text phone filters=trim|pattern:^\\+?[0-9\\s-]+$\n    text sku filters=startsWith:SKU-",
      ),
    );
    const good = { username: "  Ada_99 ", hex_code: "c0ffee", phone: " +33 1-23 ", sku: "SKU-1" };
    assert.deepEqual(await f.run(good), { username: "ada_99", hex_code: "c0ffee", phone: "+33 1-23", sku: "SKU-1" });
    await rejects(f, { ...good, username: "ada!" }, "username contains a character that is not allowed: !", "username");
    await rejects(f, { ...good, hex_code: "c0ffe" }, "hex_code must be at least 6", "hex_code");
    await rejects(f, { ...good, phone: "call me" }, "phone does not match the pattern ^\\+?[0-9\\s-]+$", "phone");
    await rejects(f, { ...good, sku: "1" }, "sku must start with SKU-", "sku");
  });

  test("strong password filters", async () => {
    const f = await buildFunction(
      "f",
      fn("    password strong_pwd filters=min:8|minUpperAlpha:1|minLowerAlpha:1|minDigit:1|minSymbol:1", "true"),
    );
    assert.equal(await f.run({ strong_pwd: "Passw0rd!" }), true);
    await rejects(f, { strong_pwd: "Password!" }, "strong_pwd needs at least 1 digits", "strong_pwd");
  });

  test("a switched-off filter (!trim) is not applied", async () => {
    const f = await buildFunction("f", fn("    text q filters=!trim"));
    assert.deepEqual(await f.run({ q: " a " }), { q: " a " });
  });

  test("a filter xs2ts cannot apply is reported and throws when reached, never skipped", async () => {
    const f = await buildFunction("f", fn("    text q filters=trim|frobnicate"));
    assert.ok(
      f.findings.some(
        (x) => x.kind === "not-migrated" && x.code === "XS3010" && /input filter frobnicate on q/.test(x.message),
      ),
    );
    await assert.rejects(f.run({ q: "a" }), /Not migrated: the input filter frobnicate on q/);
  });
});

test("required fields have their type in the stack: native operators on timestamps and enums", async () => {
  const f = await buildFunction(
    "f",
    fn('    timestamp at\n    enum e {\n      values = ["a"]\n    }', "$input.at + 1"),
  );
  assert.match(f.code, /return input\.at \+ 1;/);
  assert.equal(await f.run({ at: "1970-01-01T00:00:01Z", e: "a" }), 1001);
});

test("dblink: the table's columns become optional inputs, hidden ones and id left out", async () => {
  const f = await buildWorkspace(
    {
      "table/stage.xs":
        "table stage {\n  auth = false\n  schema {\n    int id\n    text name filters=trim\n    int position?\n    text secret?\n  }\n}\n",
      "function/f.xs":
        'function f {\n  input {\n    dblink {\n      table = "stage"\n      override = {\n        secret: {hidden: true}\n      }\n    }\n  }\n  stack {}\n  response = $input\n}\n',
    },
    "f",
  );
  assert.deepEqual(await f.run({ name: " Build ", position: "2", secret: "s", id: 9 }), { name: "Build", position: 2 });
  assert.deepEqual(await f.run({}), { name: null, position: null });
});

test("a field's description is a comment above its entry, nested fields' too", async () => {
  const f = await buildFunction(
    "f",
    fn(
      '    object node {\n      description = "Starting node"\n      schema {\n        int val { description = "Node value" }\n      }\n    }',
    ),
  );
  assert.match(f.code, /\/\/ Starting node\n\s*\{\n\s*name: "node"/);
  assert.match(f.code, /\/\/ Node value\n\s*\{ name: "val", type: "int" \}/);
});

test("the generated validation typechecks under strict", async () => {
  const f = await buildFunction(
    "f",
    fn(
      '    object[] items {\n      schema {\n        int id\n        enum kind {\n          values = ["a", "b"]\n        }\n      }\n    }\n    int[1:3] xs filters=min:0',
    ),
  );
  assert.equal(f.typeErrors(), "");
});
