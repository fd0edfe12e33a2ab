// Text never becomes code, for any text (issue 11): fast-check puts arbitrary full-Unicode
// strings, biased toward the pieces that end a comment, a string or a line early, into every
// position a .xs file's text reaches, builds the workspace, typechecks it under strict, imports
// every generated module in a child process, runs the functions and compares their results
// with the strings exactly. The strings also hold payloads: had any run, `globalThis.pwned`
// would be set or the child would print more than the one JSON line.
//
// Counts per run: 3,000 parser round trips (the encoder below against the real parser),
// 200 strings built, typechecked and run (all in one workspace, one tsc and one child
// process, to bound the wall time: about 60 s alone on a 2-core machine, 4-5 min when it is
// shared), 300 `$env."…"` names. The Markdown rules alone take 3,000 cases in
// test/emit/markdown-escaping.test.ts.
//
// Each text also names files (`function/f_<i> <text>.xs`, without `/` and NUL, which no file
// name holds), a task (`k<i>z <text>`), a table (`tb<i>z <text>`, without what XS2012 refuses)
// and a table used but not defined; the task reads `$env.ENV_<i>`. So the text reaches the
// `// From …` headers, README.md's task table (name and file), MIGRATION.md's variables table
// and its list of missing tables (message and place), and .env.example's comments. Those are
// parsed back (a Markdown parser; .env.example line by line) and compared exactly, and the
// SQL tables `npm run migrate` creates (SQLite) and the tables record are compared with the
// table names exactly. A `db.query` with a text compared is built, typechecked and imported,
// not run.
//
// The API: each text is also an api_group's name (`g<i>z <text>`), canonical (`c<i>z<text>`)
// and description, a query's name (`q<i>z<text>/{p}`, the text's `{}` aside) and description,
// one of its input fields' name, a response key, and the name of the middleware the group runs
// before and after its endpoint. The generated server runs (`src/server.ts`, its own process):
// each endpoint is called at its URL (percent-encoded) and answers exactly, the group's
// OpenAPI document names the group, path, summary and field exactly and is valid OpenAPI 3.1,
// and the server prints only its request lines. PROPERTY_RUNS sets the number of texts.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import { validate } from "@readme/openapi-parser";
import fc from "fast-check";
import { build } from "../../src/build.ts";
import { isEnvName } from "../../src/analyze/env-names.ts";
import { parse } from "../../src/parser/parse.ts";
import { oneLine } from "../../src/emit/core/escape.ts";
import { startServer } from "../support/api-server.ts";
import { fileText, hostile, tableName } from "../support/hostile.ts";
import { codeSpans, markdownTree, textOf, type MdNode } from "../support/markdown.ts";
import { repoRoot } from "../support/shared.ts";

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

/** PROPERTY_RUNS sets it: more texts per run on a quiet machine, fewer while working on one position. */
const COUNT = Number(process.env.PROPERTY_RUNS ?? 200);

/** Where the workspace puts each text's definitions: the file of each, and the names. */
function paths(text: string, i: number) {
  const name = fileText(text);
  return {
    fn: `function/f_${i} ${name}.xs`,
    table: `table/t_${i} ${name}.xs`,
    query: `function/q_${i} ${name}.xs`,
    task: `task/k_${i} ${name}.xs`,
    hostileTable: `table/tb_${i} ${name}.xs`,
    taskName: `k${i}z ${text}`,
    tableName: tableName(`tb${i}z `, text),
    undefinedTable: `nodef_${i} ${text}`,
  };
}

/**
 * Where text `i` reaches the API: its group (name, canonical, description, middleware), its
 * query's name (the text, its `{}` aside, then a `{p}` segment), description and an input field,
 * its middleware's name, and a response key. `field` is the text unless that is a name the
 * endpoint already has.
 */
function apiPaths(text: string, i: number) {
  const field = ["", "p", "authtoken"].includes(text) ? `x${text}` : text;
  const folder = `api/g_${i} ${fileText(text)}`;
  return {
    groupFile: `${folder}/api_group.xs`,
    queryFile: `${folder}/q_${i}.xs`,
    middlewareFile: `middleware/m_${i} ${fileText(text)}.xs`,
    group: `g${i}z ${text}`,
    canonical: `c${i}z${text}`,
    query: `q${i}z${text.replace(/[{}]/g, "")}/{p}`,
    field,
    middleware: `m${i}z ${text}`,
  };
}

/** The sources of text `i`'s API objects. */
function apiSources(text: string, i: number): Record<string, string> {
  const s = xsString(text);
  const at = apiPaths(text, i);
  const mw = xsString(at.middleware);
  return {
    [at.groupFile]: [
      xsComments(text),
      `api_group ${xsString(at.group)} {`,
      `  canonical = ${xsString(at.canonical)}`,
      `  description = ${s}`,
      `  middleware = {pre: [${mw}], post: [${mw}]}`,
      "}",
      "",
    ].join("\n"),
    [at.queryFile]: [
      xsComments(text),
      `query ${xsString(at.query)} verb=POST {`,
      `  api_group = ${xsString(at.group)}`,
      `  description = ${s}`,
      "  input {",
      "    text p",
      `    text ${xsString(at.field)}?`,
      "  }",
      "  stack {",
      xsComments(text, "    "),
      "  }",
      `  response = {k: {${s}: $input.p}, f: $input.${xsString(at.field)}}`,
      "}",
      "",
    ].join("\n"),
    [at.middlewareFile]: [
      xsComments(text),
      `middleware ${mw} {`,
      `  description = ${s}`,
      "  input {",
      "    json vars",
      "  }",
      "  stack {",
      "  }",
      `  response = {mw: ${s}}`,
      "}",
      "",
    ].join("\n"),
  };
}

/** What text `i`'s endpoint answers: its key and values, and the middleware's key merged in after it. */
function apiExpected(text: string): unknown {
  const j = JSON.stringify;
  return JSON.parse(`{"k":{${j(text)}:${j(`v${text}`)}},"f":${j(`w${text}`)},"mw":${j(text)}}`);
}

/** The URL a client calls for text `i`'s endpoint, its `{p}` given `v<text>`: each segment percent-encoded. */
function apiUrl(text: string, i: number): string {
  const at = apiPaths(text, i);
  const segments = at.query
    .split("/")
    .filter((segment) => segment !== "")
    .map((segment) => encodeURIComponent(segment === "{p}" ? `v${text}` : segment));
  return `/api:${encodeURIComponent(at.canonical)}/${segments.join("/")}`;
}

/** Task `k_i`'s source: its name, description and file name hold the text; it reads ENV_i and a table not defined. */
function taskSource(text: string, i: number): string {
  const s = xsString(text);
  return [
    xsComments(text),
    `task ${xsString(paths(text, i).taskName)} {`,
    `  description = ${s}`,
    "  stack {",
    `    var $v { value = ${s} }`,
    `    db.query ${xsString(paths(text, i).undefinedTable)} {} as $missing`,
    `    var $e { value = $env.ENV_${i} }`,
    "  }",
    "  schedule = [{starts_on: 2025-01-01 03:00:00+0000, freq: 86400}]",
    "}",
    "",
  ].join("\n");
}

/** The line (1-based) where `needle` starts in task `k_i`: the places MIGRATION.md and .env.example give. */
function taskLine(text: string, i: number, needle: string): number {
  const source = taskSource(text, i);
  return source.slice(0, source.indexOf(needle)).split("\n").length;
}

/**
 * The workspace: function `f_i`, task `k_i <text>`, tables `t_i` and `tb<i> <text>` and query
 * `q_i` hold `texts[i]` in every position, each in a file whose name holds it too.
 */
function workspace(texts: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  texts.forEach((text, i) => {
    const s = xsString(text);
    const at = paths(text, i);
    files[at.fn] = [
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
    files[at.table] = [
      xsComments(text),
      `table t_${i} {`,
      "  schema {",
      "    int id",
      `    text name { description = ${s} }`,
      "  }",
      "}",
      "",
    ].join("\n");
    files[at.query] = [
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
    files[at.task] = taskSource(text, i);
    Object.assign(files, apiSources(text, i));
    files[at.hostileTable] = [
      xsComments(text),
      `table ${xsString(at.tableName)} {`,
      `  description = ${s}`,
      "  schema {",
      "    int id",
      "  }",
      "}",
      "",
    ].join("\n");
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

  it("serves every endpoint at its URL: the answer, its group's OpenAPI document and the log come out exactly", async () => {
    const server = await startServer(out, { SQLITE_FILE: join(out, "api.sqlite") });
    try {
      const documents: { paths: object }[] = [];
      for (const [i, text] of texts.entries()) {
        const at = apiPaths(text, i);
        const response = await fetch(`${server.base}${apiUrl(text, i)}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ [at.field]: `w${text}` }),
        });
        const body = await response.text();
        assert.equal(response.status, 200, `text ${i}: ${JSON.stringify(text)} → ${body}`);
        assert.deepStrictEqual(JSON.parse(body), apiExpected(text), `text ${i}: ${JSON.stringify(text)}`);

        const spec = await fetch(`${server.base}/apispec:${encodeURIComponent(at.canonical)}?type=json`);
        assert.equal(spec.status, 200, `the document of text ${i}`);
        const document = (await spec.json()) as {
          info: { title: string; description?: string };
          servers: { url: string }[];
          paths: Record<
            string,
            { post: { summary: string; requestBody: { content: Record<string, { schema: { properties: object } }> } } }
          >;
        };
        assert.equal(document.info.title, at.group);
        assert.equal(document.info.description, text.trim() === "" ? undefined : text.trim());
        assert.equal(document.servers[0].url, `${server.base}/api:${encodeURIComponent(at.canonical)}`);
        // The path template is the URL called, `{p}` in place of its value.
        assert.deepEqual(Object.keys(document.paths), [
          apiUrl(text, i)
            .slice(`/api:${encodeURIComponent(at.canonical)}`.length)
            .replace(/[^/]+$/, "{p}"),
        ]);
        const operation = Object.values(document.paths)[0].post;
        assert.equal(operation.summary, text.trim() === "" ? `POST ${at.query}` : text.trim());
        assert.deepEqual(Object.keys(operation.requestBody.content["application/json"].schema.properties), [at.field]);
        documents.push(document);
      }
      // Validating takes a quarter of a second a call: the first document whole, and one holding every group's paths.
      for (const document of [
        documents[0],
        { ...documents[0], paths: Object.assign({}, ...documents.map((d) => d.paths)) },
      ]) {
        const result = await validate(structuredClone(document) as never);
        assert.ok(result.valid, result.valid ? "" : JSON.stringify(result.errors));
      }
      assert.equal(await server.stop(), 0);
    } finally {
      await server.stop();
    }
    // One line per request, and the one saying where it listens: no text printed a line of its own.
    const [listening, ...requests] = server.logs;
    assert.match(listening, /^API listening on \S+ \(\S+(, \S+)*\)$/);
    assert.equal(requests.pop(), "SIGTERM: finishing the requests in flight");
    assert.equal(requests.length, 2 * texts.length, server.logs.join("\n"));
    for (const line of requests) assert.match(line, /^(POST|GET) \/api(spec)?:\S+ 200 [\d.]+ms \S+$/);
    assert.equal(server.stderr(), "");
  });

  it("names every table exactly: the tables record and the SQL tables npm run migrate creates", () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_FILE: join(out, "property.sqlite") };
    delete env.DATABASE_URL;
    execFileSync(process.execPath, ["--import", "tsx", "src/migrate.ts"], { cwd: out, env, encoding: "utf8" });
    writeFileSync(
      join(out, "property-tables.ts"),
      [
        'import { db } from "./src/db.ts";',
        'import { tables } from "./src/tables/index.ts";',
        "const rows = (await db.raw(\"select name from sqlite_master where type = 'table'\")) as { name: string }[];",
        "const names = Object.entries(tables).map(([key, table]) => [key, table.name]);",
        "process.stdout.write(JSON.stringify({ names, sql: rows.map((r) => r.name) }));",
        "await db.destroy();",
        "",
      ].join("\n"),
    );
    const { names, sql } = JSON.parse(
      execFileSync(process.execPath, ["--import", "tsx", "property-tables.ts"], { cwd: out, env, encoding: "utf8" }),
    ) as { names: [string, string][]; sql: string[] };
    const expectedNames = texts.flatMap((text, i) => [`t_${i}`, paths(text, i).tableName]).sort();
    assert.deepEqual(names.map(([key]) => key).sort(), expectedNames, "the tables record's keys");
    for (const [key, name] of names) assert.equal(name, key, "a table's name is its key");
    const internal = new Set(["knex_migrations", "knex_migrations_lock", "sqlite_sequence"]);
    assert.deepEqual(sql.filter((n) => !internal.has(n)).sort(), expectedNames, "the SQL tables");
  });

  it("keeps README.md's structure: its headings, and one row per task whose name and file read back exactly", async () => {
    const tree = await markdownTree(readFileSync(join(out, "README.md"), "utf8"));
    const source = readFileSync(join(out, "README.md"), "utf8");
    const blocks = tree.children ?? [];
    assert.deepEqual(
      blocks.filter((b) => b.type === "heading").map((h) => textOf(h)),
      ["property", "Deploying", "Tasks", "How schedules behave"],
    );
    const tables = blocks.filter((b) => b.type === "table");
    assert.equal(tables.length, 1, "one table: the tasks");
    const rows = tables[0].children!.slice(1);
    assert.ok(
      rows.every((row) => row.children!.length === 4),
      "every row has its four cells",
    );
    const cell = (node: MdNode) => codeSpans(source, node).join("") || textOf(node);
    assert.deepEqual(
      rows.map((row) => [cell(row.children![0]), cell(row.children![3])]).sort(),
      texts.map((text, i) => [oneLine(paths(text, i).taskName), oneLine(paths(text, i).task)]).sort(),
    );
  });

  it("keeps MIGRATION.md's structure: one row per variable and one item per missing table, read back exactly", async () => {
    const source = readFileSync(join(out, "MIGRATION.md"), "utf8");
    const tree = await markdownTree(source);
    const blocks = tree.children ?? [];
    // Every heading is plain text that xs2ts wrote (none made of a text, none opened by one).
    for (const heading of blocks.filter((b) => b.type === "heading"))
      assert.doesNotMatch(textOf(heading), /k\d+z |nodef_/);
    const envTable = blocks.find((b) => b.type === "table" && textOf(b.children![0].children![0]) === "Variable");
    assert.ok(envTable, "the table of environment variables");
    const rows = envTable.children!.slice(1);
    assert.ok(
      rows.every((row) => row.children!.length === 2),
      "every row has its two cells",
    );
    const cell = (node: MdNode) => codeSpans(source, node).join("") || textOf(node);
    assert.deepEqual(
      rows.map((row) => [cell(row.children![0]), cell(row.children![1])]).sort(),
      texts.map((text, i) => [`ENV_${i}`, oneLine(`${paths(text, i).task}:${taskLine(text, i, "var $e")}`)]).sort(),
    );
    // One list item per table used but not defined: its message names the table, its place the file.
    const items = blocks
      .filter((b) => b.type === "list")
      .flatMap((list) => list.children!)
      .filter((item) => /XS4003/.test(JSON.stringify(item)));
    assert.equal(items.length, COUNT);
    const read = (item: MdNode) => {
      const [paragraph] = item.children!;
      assert.deepEqual(
        item.children!.map((c) => c.type),
        ["paragraph"],
      );
      return paragraph.children!.map((c) => (c.type === "inlineCode" ? codeSpans(source, c)[0] : textOf(c))).join("");
    };
    assert.deepEqual(
      items.map(read).sort(),
      texts
        .map(
          (text, i) =>
            `${oneLine(`the table "${paths(text, i).undefinedTable}" is used but not defined in the workspace`)} [XS4003]: ${oneLine(`${paths(text, i).task}:${taskLine(text, i, "db.query")}`)}`,
        )
        .sort(),
    );
  });

  it("writes .env.example as comment and variable lines only, each variable after the places that read it", () => {
    const lines = readFileSync(join(out, ".env.example"), "utf8").split("\n");
    for (const line of lines) assert.match(line, /^(|# .*|[A-Za-z_][A-Za-z0-9_]*=.*)$/);
    texts.forEach((text, i) => {
      const at = lines.indexOf(`ENV_${i}=`);
      assert.ok(at > 0, `ENV_${i} is listed`);
      assert.equal(lines[at - 1], `# ${oneLine(`${paths(text, i).task}:${taskLine(text, i, "var $e")}`)}`);
    });
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
