// Text never becomes code: each defect of issue 11 written as a hostile user would write it.
// The workspace is built, typechecked under strict, every generated module is imported and
// the function run; the text that tried to escape would set globalThis.pwned.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { buildWorkspace, type Built } from "./helpers.ts";
import { build } from "../../src/build.ts";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";

const PAYLOAD = `globalThis.pwned = (globalThis.pwned ?? 0) + 1`;
// A table name may not hold "." (XS2012: knex would read schema.table), so its payload indexes instead.
const TABLE_PAYLOAD = `globalThis["pwned"] = (globalThis["pwned"] ?? 0) + 1`;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe("text from the .xs never becomes code", () => {
  let built: Built;
  before(async () => {
    built = await buildWorkspace(
      {
        "function/main.xs": [
          `// closes the doc */ ${PAYLOAD} /*`,
          `// a line separator\u2028${PAYLOAD}`,
          `// a paragraph separator\u2029${PAYLOAD}`,
          `// a lone CR\r${PAYLOAD}`,
          "function main {",
          `  description = "a description */ ${PAYLOAD.replace(/"/g, '\\"')} /*"`,
          "  input {",
          "    text name? {",
          `      description = "a field */ ${PAYLOAD.replace(/"/g, '\\"')}\u2028${PAYLOAD.replace(/"/g, '\\"')}"`,
          "    }",
          "  }",
          "  stack {",
          `    // in the stack\u2028${PAYLOAD}`,
          `    // and\r${PAYLOAD}`,
          '    var $text { value = "*/ \\u2028 ${x} `\u2028\u2029" }',
          "  }",
          "  response = $text",
          "}",
        ].join("\n"),
        "table/t.xs": [
          `table "t */ ${TABLE_PAYLOAD.replace(/"/g, '\\"')} /*" {`,
          "  schema {",
          "    int id",
          `    text name { description = "col */ ${PAYLOAD.replace(/"/g, '\\"')} /*" }`,
          "  }",
          "}",
        ].join("\n"),
        [`function/a\n${PAYLOAD}.xs`]: "function other {\n  stack {\n  }\n  response = 1\n}\n",
      },
      "main",
    );
  });

  it("typechecks under strict", () => {
    assert.equal(built.typeErrors(), "");
  });

  it("imports every generated module and runs the function: nothing else runs, the text comes out exactly", async () => {
    delete (globalThis as { pwned?: number }).pwned;
    for (const file of files(join(built.out, "src"))) {
      if (file.endsWith(".ts") && !/src\/(migrate|run-task|run-fn|export|history|import|scheduler)\.ts$/.test(file))
        await import(pathToFileURL(file).href);
    }
    assert.equal(await built.run({}), "*/ \u2028 ${x} `\u2028\u2029");
    assert.equal((globalThis as { pwned?: number }).pwned, undefined);
  });

  it("keeps every comment a comment: no line of the output starts with the payload", () => {
    for (const file of files(built.out)) {
      if (file.includes("node_modules")) continue;
      const text = readFileSync(file, "utf8");
      for (const line of text.split(/\r\n|[\n\r\u2028\u2029]/))
        assert.ok(!line.trimStart().startsWith("globalThis"), `${file}: ${line}`);
      // A raw line or paragraph separator or a lone CR never reaches a generated file.
      assert.doesNotMatch(text, /[\u2028\u2029]|\r(?!\n)/, file);
    }
  });
});

describe("environment variable names", () => {
  it("a $env name that is no environment variable name is an error at the name, with its position", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xs2ts-env-"));
    const source = 'function f {\n  stack {\n    var $a { value = $env."X\\nY=1" }\n  }\n  response = $a\n}\n';
    mkdirSync(join(dir, "ws/function"), { recursive: true });
    writeFileSync(join(dir, "ws/function/f.xs"), source);
    const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out") });
    const error = result.diagnostics.find((d) => d.code === "XS2010");
    assert.ok(error, JSON.stringify(result.diagnostics));
    assert.equal(error.severity, "error");
    assert.deepEqual([error.path, error.position.line, error.position.col], ["function/f.xs", 3, 27]);
    const example = result.files.find((f) => f.path === ".env.example")!.text;
    assert.doesNotMatch(example, /Y=1/);
    assert.doesNotMatch(result.files.find((f) => f.path === "src/env.ts")!.text, /X\\nY/);
  });

  it("a system variable's name ($ and a name) that is no environment variable name is an error too", async () => {
    // Found by escaping-property.test.ts: `$env."${\u2028"` was read as system variable "{\u2028".
    const dir = mkdtempSync(join(tmpdir(), "xs2ts-env-"));
    mkdirSync(join(dir, "ws/function"), { recursive: true });
    writeFileSync(
      join(dir, "ws/function/f.xs"),
      'function f {\n  stack {\n  }\n  response = $env."${\\u2028" ~ $env.$remote_ip\n}\n',
    );
    const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out") });
    const errors = result.diagnostics.filter((d) => d.code === "XS2010");
    assert.deepEqual(
      errors.map((d) => [d.severity, d.position.line, d.position.col]),
      [["error", 4, 19]],
      JSON.stringify(result.diagnostics),
    );
  });

  it("a valid name is read, listed in .env.example under a comment that stays one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xs2ts-env-"));
    const path = "function/we\u2028ird\rname.xs";
    mkdirSync(dirname(join(dir, "ws", path)), { recursive: true });
    writeFileSync(join(dir, "ws", path), "function f {\n  stack {\n  }\n  response = $env.API_BASE\n}\n");
    const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out") });
    assert.deepEqual(result.diagnostics, []);
    const example = result.files.find((f) => f.path === ".env.example")!.text.split("\n");
    const at = example.indexOf("API_BASE=");
    assert.equal(example[at - 1], "# function/we\\u2028ird\\rname.xs:4");
  });
});
