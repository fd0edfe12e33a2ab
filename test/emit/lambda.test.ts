// api.lambda: JavaScript becomes a typed TypeScript function in place, run on JSON copies of
// $input, $var and $env; what strict TypeScript cannot type gets an annotation, nothing else.
import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import { typedJavaScript } from "../../src/emit/expr/javascript.ts";
import { buildFunction } from "./helpers.ts";

describe("JavaScript made to typecheck", () => {
  test("declarations whose type TypeScript cannot know get one by their form", () => {
    const { code } = typedJavaScript(`
let slug;
let found = null;
const byName = {};
const list = [];
const trim = (value) => value.trim();
function pick(a, ...rest) { return a ?? rest[0]; }
try { JSON.parse("{"); } catch (e) { slug = e.message; }
[1, 2].map((n) => n * 2);
return { slug, found, byName, list, trim, pick };`);
    assert.match(code, /let slug: any;/);
    assert.match(code, /let found: any = null;/);
    assert.match(code, /const byName: Record<string, any> = \{\};/);
    assert.match(code, /const list: any\[\] = \[\];/);
    assert.match(code, /const trim = \(value: any\) => value\.trim\(\);/);
    assert.match(code, /function pick\(a: any, \.\.\.rest: any\[\]\)/);
    assert.match(code, /catch \(e: any\)/);
    // A callback typed by its call is left as written.
    assert.match(code, /\[1, 2\]\.map\(\(n\) => n \* 2\);/);
  });

  test("the type checker widens what the code later uses as something else", () => {
    const { code } = typedJavaScript(`
const range = { gte: $input.min };
if ($input.max) range.lte = $input.max;
const items = [{ type: "text", text: "hi" }];
items.push({ type: "file", file_id: 3 });
const query = { bool: { must: [] } };
query.bool.must.push({ term: 1 });
$input.tags.forEach((tag) => tag.trim());
const ext = "a.b".split(".").pop().toLowerCase();
const response = await fetch("http://127.0.0.1:1/");
const data = await response.json();
return { range, items, query, ext, id: data.id };`);
    assert.match(code, /const range: Record<string, any> = \{ gte: \$input\.min \};/);
    assert.match(code, /const items: any\[\] = \[/);
    assert.match(code, /const query: Record<string, any> = \{/);
    assert.match(code, /forEach\(\(tag: any\) => tag\.trim\(\)\)/);
    assert.match(code, /\.pop\(\)!\.toLowerCase\(\)/);
    assert.match(code, /const data: any = await response\.json\(\);/);
  });

  test("what the code reads from the names Xano binds is known", () => {
    const { reads, awaits } = typedJavaScript(
      `if (!$var || !$var.x1) return $input["first name"]; const s = "$var.not_a_read"; return $env.KEY + $var?.y;`,
    );
    assert.deepEqual([...reads.get("$var")!.properties].sort(), ["x1", "y"]);
    assert.equal(reads.get("$var")!.whole, true);
    assert.deepEqual([...reads.get("$input")!.properties], ["first name"]);
    assert.equal(reads.get("$input")!.whole, false);
    assert.deepEqual([...reads.get("$env")!.properties], ["KEY"]);
    assert.equal(awaits, false);
  });

  test("Deno's npm: imports become the package's name, to be installed", () => {
    const result = typedJavaScript(`const p = await import("npm:puppeteer-core@21.1.0"); return typeof p;`);
    assert.deepEqual(result.npmImports, ["puppeteer-core"]);
    assert.match(result.code, /await import\("puppeteer-core" as string\)/);
    assert.equal(result.awaits, true);
  });

  test("code that does not parse is reported with its position", () => {
    const result = typedJavaScript("const a = 1;\nreturn (;");
    assert.equal(result.errors.length > 0, true);
    assert.match(result.errors[0]!, /^2:9: /);
  });
});

describe("api.lambda", () => {
  test("runs in place on copies of $input, $var and $env, and gives back JSON", async () => {
    process.env.LAMBDA_SUFFIX = "!";
    const f = await buildFunction(
      "normalize",
      `function normalize {
  input {
    text identifier
  }
  stack {
    var $prefix { value = "https://" }
    var $tags { value = ["a"] }
    api.lambda {
      code = """
        const slug = $input.identifier.trim().toLowerCase();
        $var.tags.push("changed in the lambda");
        return { url: $var.prefix + slug + $env.LAMBDA_SUFFIX, nothing: undefined, tags: $var.tags.length };
      """
      timeout = 5
    } as $result
  }
  response = {result: $result, tags: $tags}
}`,
    );
    assert.match(
      f.code,
      /await runLambda\(\s*\{ \$input: input, \$var: \{ tags, prefix \}, \$env: \{ LAMBDA_SUFFIX: env\.LAMBDA_SUFFIX \} \}/,
    );
    assert.match(f.code, /async \(\{ \$input, \$var, \$env \}: LambdaScope\) => \{/);
    assert.match(f.code, /\{ timeoutSeconds: 5 \}/);
    // As JSON: the undefined field is left out; the lambda's push changed only its own copy.
    assert.deepEqual(await f.run({ identifier: "  Ab " }), { result: { url: "https://ab!", tags: 2 }, tags: ["a"] });
  });

  test("code reading $var as a whole gets every variable set so far", async () => {
    const f = await buildFunction(
      "whole",
      `function whole {
  input {
  }
  stack {
    var $a { value = 1 }
    var $b { value = "two" }
    api.lambda {
      code = "return Object.keys($var).sort();"
    } as $names
  }
  response = $names
}`,
    );
    assert.deepEqual(await f.run(), ["a", "b"]);
  });

  test("a lambda running past its timeout fails", async () => {
    const f = await buildFunction(
      "slow",
      `function slow {
  input {
  }
  stack {
    api.lambda {
      code = "await new Promise((resolve) => setTimeout(resolve, 3000)); return 1;"
      timeout = 1
    } as $never
  }
  response = $never
}`,
    );
    await assert.rejects(f.run(), /did not finish within 1 s/);
  });

  test("code that does not parse is not migrated, and kept in a comment", async () => {
    const f = await buildFunction(
      "broken",
      `function broken {
  input {
  }
  stack {
    api.lambda {
      code = "return (;"
    } as $x
  }
  response = $x
}`,
    );
    assert.match(f.code, /TODO\(xs2ts\): api\.lambda is not migrated/);
    assert.match(f.code, /\/\/ {3}return \(;/);
    await assert.rejects(f.run(), /Not migrated: api\.lambda/);
  });
});

describe("lambda_* filters", () => {
  test("the reference's examples: the JavaScript is the callback, in place", async () => {
    const f = await buildFunction(
      "filters",
      `function filters {
  input {
  }
  stack {
    var $doubled { value = [1,2,3]|lambda_map:"return $this * 2" }
    var $odd { value = [1,2,3,4]|lambda_filter:"return $this % 2" }
    var $some { value = [1,2,3]|lambda_some:"return $this > 2" }
    var $every { value = [2,4,6]|lambda_every:"return $this % 2 === 0" }
    var $found { value = [1,2,3,8,9]|lambda_find:"return $this === 8" }
    var $at { value = [1,2,3,8,9]|lambda_findIndex:"return $this === 8" }
    var $plus { value = [1,2,3,4,5]|lambda_reduce:[]:"return [...$result, $this + 1];" }
    var $upper { value = "abc"|lambda:"return $this.toUpperCase()" }
    var $positions { value = ["a","b"]|lambda_map:"return $index + ':' + $this + '/' + $parent.length" }
  }
  response = {doubled: $doubled, odd: $odd, some: $some, every: $every, found: $found, at: $at, plus: $plus, upper: $upper, positions: $positions}
}`,
    );
    assert.match(f.code, /lambdaMap\(\[1, 2, 3\], \(\$this: Json\) => \{\s*return \$this \* 2;\s*\}\)/);
    assert.match(f.code, /lambdaReduce\(\[1, 2, 3, 4, 5\], \[\], \(\$result: Json, \$this: Json\) => \{/);
    assert.match(f.code, /\(\$this: Json, \$index: number, \$parent: Json\[\]\) => \{/);
    assert.deepEqual(await f.run(), {
      doubled: [2, 4, 6],
      odd: [1, 3],
      some: true,
      every: true,
      found: 8,
      at: 3,
      plus: [2, 3, 4, 5, 6],
      upper: "ABC",
      positions: ["0:a/2", "1:b/2"],
    });
  });

  test("code that waits or reads the stack is not migrated, with the reason", async () => {
    const f = await buildFunction(
      "waits",
      `function waits {
  input {
  }
  stack {
    var $x { value = [1]|lambda_map:"return await Promise.resolve($this)" }
  }
  response = $x
}`,
    );
    assert.match(f.code, /Not migrated|notMigrated\(/);
    await assert.rejects(f.run(), /the filter \|lambda_map: its JavaScript waits/);
  });
});
