// Generated code that TypeScript accepts as written: names the response reads, imports of
// one name from two runtime modules, filter arguments a filter does not take, computed keys
// on constants. Found by the conformance run's typecheck.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { buildFunction } from "./helpers.ts";
import { recordingServer } from "../support/generated.ts";

describe("code TypeScript accepts", () => {
  test("a variable only the response reads is declared (null, as in Xano)", async () => {
    const f = await buildFunction(
      "r",
      `function r {
  input { int n }
  stack {
    conditional {
      if ($input.n > 0) {
        return { value = "positive" }
      }
    }
  }
  response = $never_set
}`,
    );
    assert.match(f.code, /let neverSet: any = null;/);
    assert.match(f.code, /return neverSet;\n\}/);
    assert.equal(await f.run({ n: 1 }), "positive");
    assert.equal(await f.run({ n: 0 }), null);
  });

  test("the same name from two runtime modules is imported once each, the second aliased", async () => {
    const f = await buildFunction(
      "k",
      `function k {
  input { int n }
  stack {
    var $label { value = $input.n|to_text }
    var $o { value = {$label: $input.n} }
  }
  response = $o
}`,
    );
    const imports = f.code.split("\n").filter((l) => l.startsWith("import ") && /\btoText\b/.test(l));
    assert.equal(imports.length, 1, imports.join("\n"));
    assert.deepEqual(await f.run({ n: 3 }), { "3": 3 });
  });

  test("arguments a filter does not take are left out", async () => {
    const f = await buildFunction(
      "t",
      `function t {
  input { }
  stack {
    var $xs { value = ["7", "x"] }
    var $a { value = $xs|get:0|to_int:0 }
  }
  response = $a
}`,
    );
    assert.match(f.code, /toInt\(get\(xs, 0\)\)/);
    assert.equal(await f.run(), 7);
  });

  test("a constant indexed by a computed key is read as any", async () => {
    const f = await buildFunction(
      "p",
      `function p {
  input { text c }
  stack {
    var $pairs { value = {")": "(", "]": "["} }
    var $open { value = $pairs[$input.c] }
  }
  response = $open
}`,
    );
    // A computed key reads the object's own keys only (getPath), never an inherited member.
    assert.match(f.code, /getPath\(pairs, input\.c\)/);
    assert.equal(await f.run({ c: "]" }), "[");
    assert.equal(await f.run({ c: "constructor" }), null);
  });
});

test("a function that reads $auth declares it null (no caller's auth outside an endpoint)", async () => {
  const f = await buildFunction(
    "reads_auth",
    `function reads_auth {
  input { int n }
  stack {
    var $who { value = $auth.id }
  }
  response = { who: $who, has: $auth != null }
}`,
  );
  assert.match(f.code, /let auth: any = null;/);
  const result = (await f.run({ n: 1 })) as { who: unknown; has: boolean };
  assert.equal(result.has, false);
  assert.equal(result.who ?? null, null);
});

describe("imports", () => {
  test("a name registered while writing but absent from the final code is not imported", async () => {
    const { ModuleContext } = await import("../../src/emit/core/context.ts");
    const { moduleText } = await import("../../src/emit/core/module-text.ts");
    const ctx = new ModuleContext({} as never, "functions/f", "function/f.xs", []);
    const used = ctx.rt("values", "concat");
    ctx.use("db", "table");
    ctx.useType("runtime/task", "Task");
    // A property and a member named like an import are not uses of it.
    const { StructureKind } = await import("ts-morph");
    const text = moduleText("// header", ctx, [
      {
        kind: StructureKind.Function,
        name: "f",
        statements: [`return ${used}("a", "b");`, "const o = { table: 1, Task: o.table };"],
      },
    ]);
    assert.match(text, /^import \{ concat \} from "\.\.\/runtime\/values\.js";$/m);
    assert.doesNotMatch(text, /^import .*(table|Task)/m);
  });

  test("an entry point loads .env first; a namespace or named import its code does not use is left out", async () => {
    const { entryPoint, namedImport } = await import("../../src/emit/core/entry-point.ts");
    const { text } = entryPoint(
      "src/run-x.ts",
      "// npm run x",
      ["await a.run(db);"],
      [
        namedImport("./db.js", "db", "unused"),
        { moduleSpecifier: "./a.js", namespaceImport: "a" },
        { moduleSpecifier: "./b.js", namespaceImport: "b" },
        { moduleSpecifier: "./c.js", defaultImport: "c" },
      ],
    );
    const imports = text.split("\n").filter((l) => l.startsWith("import "));
    assert.deepEqual(imports, [
      'import "./runtime/env-file.js";',
      'import { db } from "./db.js";',
      'import * as a from "./a.js";',
    ]);
  });

  test("db.add imports insertRow but not table, which only the switch's other cases call", async () => {
    const f = await buildFunction(
      "adds",
      `function adds {
  input { text email }
  stack {
    db.add user { data = { email: $input.email } } as $row
  }
  response = $row
}`,
    );
    assert.match(f.code, /import \{ insertRow \} from/);
  });

  test("a name asked for from a second module gets an alias there", async () => {
    const { ModuleContext } = await import("../../src/emit/core/context.ts");
    const ctx = new ModuleContext({} as never, "functions/f", "function/f.xs", []);
    assert.equal(ctx.rt("filters/type", "toText"), "toText");
    assert.equal(ctx.rt("values", "toText"), "xsToTextValues");
    assert.deepEqual(
      ctx.importDeclarations().map((i) => i.namedImports),
      [[{ name: "toText" }], [{ name: "toText", alias: "xsToTextValues" }]],
    );
  });
});

test("the validated input has a declared type: each field's type, null where it may be missing, enum values as a union", async () => {
  const f = await buildFunction(
    "typed_input",
    `function typed_input {
  input {
    text name
    int? age
    enum status {
      values = ["active", "paused"]
    }
    decimal[] scores
    object address {
      schema {
        text city
      }
    }
    json extra?
  }
  stack {
    var $first { value = $input.scores[$input.age ?? 0] }
    var $other { value = $input.not_declared }
  }
  response = {name: $input.name, status: $input.status, first: $first, other_is_null: $other == null, city: $input.address.city}
}`,
  );
  assert.match(
    f.code,
    /export interface TypedInputInput \{\n {2}name: string;\n {2}age: number \| null;\n {2}status: "active" \| "paused";\n {2}scores: number\[\];\n {2}address: \{ city: string; \[key: string\]: any \};\n {2}extra: any;\n/,
  );
  assert.match(f.code, /\[field: string\]: any;/);
  assert.match(f.code, /const input = validateInput<TypedInputInput>\(/);
  assert.deepEqual(await f.run({ name: "Ada", status: "active", scores: [1.5, 2], address: { city: "Paris" } }), {
    name: "Ada",
    status: "active",
    first: 1.5,
    other_is_null: true,
    city: "Paris",
  });
  assert.equal(f.typeErrors(), "");
});

test("a field read from a missing key is sent as null, as Xano writes it, not left out of the JSON body", async () => {
  const server = await recordingServer(() => ({ status: 200, body: { ok: true } }));
  try {
    const f = await buildFunction(
      "sends",
      `function sends {
  input {
    text url
  }
  stack {
    var $profile { value = {name: "Ada"} }
    api.request {
      url = $input.url
      method = "POST"
      params = {name: $profile.name, nickname: $profile.nickname}
    } as $sent
  }
  response = $sent.response.status
}`,
    );
    assert.equal(await f.run({ url: `${server.url}/people` }), 200);
    assert.deepEqual(server.received[0]!.body, { name: "Ada", nickname: null });
  } finally {
    await server.close();
  }
});
