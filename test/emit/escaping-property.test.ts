// Text never becomes code, for any text (issue 11): fast-check puts arbitrary full-Unicode
// strings, biased toward the pieces that end a comment, a string or a line early, into every
// position a .xs file's text reaches, builds the workspace, typechecks it under strict, imports
// every generated module in a child process, runs the functions and compares their results
// with the strings exactly. The strings also hold payloads: had any run, `globalThis.pwned`
// would be set or the child would print more than the one JSON line.
//
// Counts per run: 3,000 parser round trips (the encoder below against the real parser),
// 200 strings built, typechecked and run (all in one workspace, one tsc and one child
// process, to bound the wall time: about 60 s on a loaded 2-core machine), 300 `$env."…"` names.
//
// Table names are not among the positions: a table's name becomes an identifier and a SQL
// name, where text is sanitized rather than escaped, so it cannot come out exactly; ten
// hostile table names are still built, typechecked and imported. Not covered here: file names
// (a text with `/` or NUL is no file name), Markdown (README, MIGRATION.md) and .env.example,
// whose text is shown rather than read back. A `db.query` with a text compared is built, typechecked and imported, not run.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { build } from "../../src/build.ts";
import { isEnvName } from "../../src/analyze/env-names.ts";
import { parse } from "../../src/parser/parse.ts";
import { repoRoot } from "../support/shared.ts";

const PAYLOADS = ["globalThis.pwned = 1;", 'process.stdout.write("pwned");', "\nglobalThis.pwned = 1\n"];
const PIECES = [
  "*/",
  "/*",
  "//",
  "${",
  "`",
  '"',
  "'",
  "\\",
  "\u2028",
  "\u2029",
  "\r",
  "\r\n",
  "\n",
  "\0",
  "\t",
  "\u001b[31m",
  "\u001b]0;title\u0007",
  "\u007f",
  "\u0085",
  "</script>",
  "__proto__",
  "constructor",
  "prototype",
  "\\u2028",
  '\\"',
  "\ud83d\ude00",
  "\ufeff",
  " ",
  ...PAYLOADS,
];

/** Full-Unicode text (whole code points, never a lone surrogate), mostly made of dangerous pieces. */
const hostile = fc.oneof(
  // Whole pieces alone too: keys such as `__proto__` matter only when they are the whole text.
  { arbitrary: fc.constantFrom(...PIECES), weight: 1 },
  {
    arbitrary: fc
      .array(
        fc.oneof(
          { arbitrary: fc.constantFrom(...PIECES), weight: 3 },
          { arbitrary: fc.string({ unit: "binary", maxLength: 6 }), weight: 1 },
        ),
        { maxLength: 10 },
      )
      .map((parts) => parts.join("")),
    weight: 4,
  },
);

/** A XanoScript double-quoted string literal the lexer reads back as exactly `value`. */
function xsString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `//` comment lines holding `text`: XanoScript ends a comment only at `\n`, so one line per `\n`-separated part. */
function xsComments(text: string, indent = ""): string {
  return text
    .split("\n")
    .map((line) => `${indent}//${line}`)
    .join("\n");
}

describe("the .xs encoding of arbitrary text", () => {
  it("reads back exactly: strings, object keys, descriptions and comments (3,000 cases)", () => {
    fc.assert(
      fc.property(hostile, hostile, (text, key) => {
        const source = [
          xsComments(text),
          "function f {",
          `  description = ${xsString(text)}`,
          "  stack {",
          "  }",
          `  response = {${xsString(key)}: ${xsString(text)}}`,
          "}",
          "",
        ].join("\n");
        const file = parse(source);
        const body = file.construct.body as unknown as {
          name: string;
          value: { value?: string; entries?: { key: string; value: { value: string } }[] };
        }[];
        assert.equal(body[0].value.value, text);
        const entry = body[2].value.entries![0];
        assert.deepEqual([entry.key, entry.value.value], [key, text]);
        assert.deepEqual(
          file.comments.map((c) => c.text),
          text.split("\n"),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

const COUNT = 200;

/** The workspace: function `f_i`, task `k_i`, table `t_i` and query `q_i` hold `texts[i]` in every position. */
function workspace(texts: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  texts.forEach((text, i) => {
    const s = xsString(text);
    files[`function/f_${i}.xs`] = [
      xsComments(text),
      `function f_${i} {`,
      `  description = ${s}`,
      "  input {",
      "    text x? {",
      `      description = ${s}`,
      "    }",
      "  }",
      "  stack {",
      xsComments(text, "    "),
      `    var $v { value = ${s} }`,
      "  }",
      `  response = {value: $v, list: [${s}, "end"], keyed: {${s}: ${s}}, joined: $v ~ ${s}}`,
      "}",
      "",
    ].join("\n");
    files[`table/t_${i}.xs`] = [
      xsComments(text),
      `table t_${i} {`,
      "  schema {",
      "    int id",
      `    text name { description = ${s} }`,
      "  }",
      "}",
      "",
    ].join("\n");
    files[`function/q_${i}.xs`] = [
      `function q_${i} {`,
      "  stack {",
      `    db.query t_${i} {`,
      `      where = $db.t_${i}.name == ${s} || $db.t_${i}.name includes ${s}`,
      "    } as $rows",
      "  }",
      "  response = $rows",
      "}",
      "",
    ].join("\n");
    files[`task/k_${i}.xs`] = [
      xsComments(text),
      `task k_${i} {`,
      `  description = ${s}`,
      "  stack {",
      xsComments(text, "    "),
      `    var $v { value = ${s} }`,
      "  }",
      "  schedule = [{starts_on: 2025-01-01 03:00:00+0000, freq: 86400}]",
      "}",
      "",
    ].join("\n");
  });
  // Ten hostile table names: built, typechecked and imported (see the note at the top).
  texts.slice(0, 10).forEach((text, i) => {
    files[`table/hostile_${i}.xs`] = `table ${xsString(`tb${i} ${text}`)} {\n  schema {\n    int id\n  }\n}\n`;
  });
  return files;
}

/** What `f_i` must return for `text`. */
function expected(text: string): unknown {
  return {
    value: text,
    list: [text, "end"],
    keyed: JSON.parse(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`),
    joined: text + text,
  };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** A script that imports every module of the project, runs each `f_i` and prints one JSON line. */
function runner(out: string, count: number): string {
  // The project's command-line entry points (`npm run task`, …) act on import: every other module is imported.
  const scripts = Object.values(
    (JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
  );
  const entries = new Set(scripts.flatMap((script) => /^tsx (src\/\S+\.ts)$/.exec(script)?.[1] ?? []));
  const modules = files(join(out, "src"))
    .map((file) => relative(out, file))
    .filter((file) => file.endsWith(".ts") && !entries.has(file))
    .map((file) => `./${file}`);
  assert.ok(entries.size >= 3 && modules.length > count, "the project's entry points and modules are found");
  return [
    `for (const m of ${JSON.stringify(modules)}) await import(m);`,
    "const results: unknown[] = [];",
    `for (let i = 0; i < ${count}; i++) {`,
    "  const module = (await import(`./src/functions/f_${i}.ts`)) as Record<string, unknown>;",
    '  const fn = Object.values(module).find((v) => typeof v === "function") as (input: unknown) => Promise<unknown>;',
    "  results.push(await fn({}));",
    "}",
    'if ((globalThis as { pwned?: unknown }).pwned !== undefined) throw new Error("pwned");',
    "process.stdout.write(JSON.stringify(results));",
    "",
  ].join("\n");
}

describe("arbitrary text in every position of a generated workspace", () => {
  const texts = fc.sample(hostile, { numRuns: COUNT });
  const out = join(mkdtempSync(join(tmpdir(), "xs2ts-prop-")), "out");
  /** The first text whose output differs, for the failure message. */
  const culprit = (actual: unknown[]) => {
    const at = texts.findIndex((text, i) => JSON.stringify(actual[i]) !== JSON.stringify(expected(text)));
    return `text ${at}: ${JSON.stringify(texts[at])}`;
  };

  it(`builds ${COUNT} functions, tasks, tables and queries holding the texts without an error`, async () => {
    const ws = join(dirname(out), "ws");
    for (const [path, text] of Object.entries(workspace(texts))) {
      mkdirSync(dirname(join(ws, path)), { recursive: true });
      writeFileSync(join(ws, path), text);
    }
    const result = await build({ workspace: ws, out, name: "property" });
    assert.deepEqual(
      result.diagnostics.filter((d) => d.severity === "error"),
      [],
    );
    symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
  });

  it("typechecks under strict", () => {
    let errors = "";
    try {
      execFileSync(
        process.execPath,
        [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(out, "tsconfig.json")],
        { encoding: "utf8" },
      );
    } catch (error) {
      errors = (error as { stdout?: string }).stdout ?? String(error);
    }
    assert.equal(errors, "");
  });

  // Whether a payload ran is what the run below checks (a payload inside a JSDoc block may
  // start a line of it, harmlessly); here: JavaScript sees the lines XanoScript saw.
  it("writes no raw line separator or lone CR into a generated file", () => {
    for (const file of files(out)) {
      if (!file.includes("node_modules"))
        assert.doesNotMatch(readFileSync(file, "utf8"), /[\u2028\u2029]|\r(?!\n)/, file);
    }
  });

  it("imports every module and runs every function: the texts come out exactly, nothing else runs or prints", () => {
    writeFileSync(join(out, "property-runner.ts"), runner(out, texts.length));
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "property-runner.ts"], {
      cwd: out,
      encoding: "utf8",
    });
    const actual = JSON.parse(stdout) as unknown[];
    assert.equal(stdout, JSON.stringify(texts.map(expected)), culprit(actual));
  });
});

describe("$env names", () => {
  // `$name` is a Xano system variable ($remote_ip → XANO_REMOTE_IP): `$` and then such a name.
  const accepted = (name: string) => isEnvName(name.replace(/^\$/, ""));

  it('a $env."…" name is accepted exactly when it is [A-Za-z_][A-Za-z0-9_]*, or $ and one, else XS2010 (300 names)', async () => {
    const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
    const names = fc.sample(
      fc.oneof(
        identifier,
        hostile,
        identifier.map((n) => `$${n}`),
        hostile.map((n) => `$${n}`),
      ),
      { numRuns: 300 },
    );
    const ws = join(mkdtempSync(join(tmpdir(), "xs2ts-prop-env-")), "ws");
    names.forEach((name, i) => {
      mkdirSync(join(ws, "function"), { recursive: true });
      writeFileSync(
        join(ws, `function/g_${i}.xs`),
        `function g_${i} {\n  stack {\n  }\n  response = $env.${xsString(name)}\n}\n`,
      );
    });
    const result = await build({ workspace: ws, out: join(dirname(ws), "out"), name: "env" });
    const rejected = new Set(
      result.diagnostics.filter((d) => d.code === "XS2010" && d.severity === "error").map((d) => d.path),
    );
    names.forEach((name, i) => assert.equal(rejected.has(`function/g_${i}.xs`), !accepted(name), JSON.stringify(name)));
    assert.ok(names.some(accepted) && names.some((n) => !accepted(n)), "both kinds of name were tried");
  });
});
