// The filter catalog (src/emit/expr/filter-catalog.ts) against the reference and the runtime:
// every filter the reference mentions is in the catalog; every helper the catalog names is
// exported by its module with a compatible arity; every native form means what its helper
// means.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

import {
  FILTERS,
  INPUT_VALIDATION_FILTERS,
  runtimeModulePath,
  type FilterSpec,
  type OperandType,
} from "../../src/emit/expr/filter-catalog.js";

const RUNTIME = fileURLToPath(new URL("../../templates/runtime/", import.meta.url));
const REFERENCE = process.env.XANOSCRIPT_DOCS ?? "/work/shared/reference/xanoscript-docs";

/** Names the reference writes after a `|` that are not XanoScript filters. */
const NOT_FILTERS: Record<string, string> = {
  default: 'the reference says "There is no `default` filter" (a mistake to avoid)',
  date: 'Twig template syntax inside agent prompts ({{ "now"|date(…) }}), not XanoScript',
};

// ---------------------------------------------------------------------------------------
// Filter names in the reference

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [path] : [];
  });
}

const NAME = "[a-z][A-Za-z0-9_]*";

/**
 * Filter names in one markdown file, with where each was seen:
 * - `|name` (or `\|name` in tables) inside code spans and code blocks;
 * - backticked names in the first cell of tables under a heading about filters;
 * - lists of backticked names on one line, under such a heading or after "filters:";
 * - "name, name: description" definition lines under such a heading (working.md).
 */
function filterNames(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const add = (name: string, where: string) => {
    if (!found.has(name)) found.set(name, where);
  };
  const code: string[] = [];
  markdown
    .replace(/```[^\n]*\n([\s\S]*?)```/g, (_m, body: string) => {
      code.push(body);
      return "";
    })
    .replace(/`([^`\n]+)`/g, (_m, span: string) => {
      code.push(span);
      return "";
    });
  const pipe = new RegExp(`(?<!\\|)\\\\?\\|(?!\\|)(${NAME})`, "g");
  for (const c of code) for (const m of c.matchAll(pipe)) add(m[1], `after a pipe in \`${c.trim().slice(0, 50)}\``);

  const backticked = new RegExp("`(" + NAME + ")`", "g");
  const list = new RegExp("((?:`" + NAME + "`\\s*,\\s*)+`" + NAME + "`)\\s*$");
  const definition = /^((?:[a-z]\w*(?::\w+)*)(?:,\s*[a-z]\w*(?::\w+)*)*)(?::\s|\s+—)/;
  let heading = "";
  for (const line of markdown.split("\n")) {
    const h = /^#+\s+(.*)/.exec(line);
    if (h) {
      heading = h[1];
      continue;
    }
    const filterSection = /filter|variants/i.test(heading);
    if (filterSection && line.startsWith("|")) {
      const firstCell = line.split(/(?<!\\)\|/)[1] ?? "";
      for (const m of firstCell.matchAll(backticked)) add(m[1], `table "${heading}"`);
    }
    const names = list.exec(line);
    if (names && (filterSection || /filters?\b[^`]*:/i.test(line))) {
      for (const m of names[1].matchAll(backticked)) add(m[1], `list "${line.trim().slice(0, 50)}"`);
    }
    const def = definition.exec(line);
    if (def && filterSection)
      for (const item of def[1].split(",")) add(item.trim().split(":")[0], `definition "${line.slice(0, 50)}"`);
  }
  return found;
}

describe("the catalog covers the reference", () => {
  const available = existsSync(REFERENCE);
  if (!available && process.env.CI === "true") {
    test("the xanoscript reference is present in CI", () => {
      assert.fail(`${REFERENCE} is missing (set XANOSCRIPT_DOCS to its folder)`);
    });
    return;
  }

  test(
    "every filter name in the reference is in the catalog",
    { skip: available ? false : `no reference at ${REFERENCE}` },
    () => {
      const seen = new Map<string, string>();
      for (const file of markdownFiles(REFERENCE)) {
        for (const [name, where] of filterNames(readFileSync(file, "utf8"))) {
          if (!seen.has(name)) seen.set(name, `${file.slice(REFERENCE.length + 1)}: ${where}`);
        }
      }
      assert.ok(seen.size > 150, `only ${seen.size} names extracted: the extraction is broken`);
      const missing = [...seen]
        .filter(([name]) => !(name in FILTERS) && !(name in INPUT_VALIDATION_FILTERS) && !(name in NOT_FILTERS))
        .map(([name, where]) => `${name} (${where})`);
      assert.deepEqual(missing, []);
    },
  );
});

// ---------------------------------------------------------------------------------------
// The catalog against the runtime modules

type Fn = (...args: unknown[]) => unknown;

/** The parameter list of `export function name(…)` in a TypeScript source, split at top-level commas. */
function parameterList(source: string, name: string): string[] | null {
  const head = new RegExp(`export function ${name}\\s*(<[^(]*>)?\\(`).exec(source);
  if (!head) return null;
  const params: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = head.index + head[0].length; i < source.length; i++) {
    const c = source[i];
    if (c === "=" && source[i + 1] === ">") {
      current += "=>";
      i++;
      continue;
    }
    if ("([{<".includes(c)) depth++;
    if (")]}>".includes(c)) {
      if (depth === 0) break;
      depth--;
    }
    if (c === "," && depth === 0) {
      params.push(current.trim());
      current = "";
    } else {
      current += c;
    }
  }
  if (current.trim() !== "") params.push(current.trim());
  return params;
}

/** Required and total parameters of a runtime helper, read from its TypeScript declaration. */
function helperParameters(file: string, exportName: string): { required: number; total: number; rest: boolean } | null {
  const source = readFileSync(file, "utf8");
  let params = parameterList(source, exportName);
  if (!params) {
    // Re-exported from values.ts, possibly renamed (`export { modulo as modulus }`).
    const renamed = new RegExp(`(\\w+) as ${exportName}\\b`).exec(source);
    params = parameterList(readFileSync(join(RUNTIME, "values.ts"), "utf8"), renamed ? renamed[1] : exportName);
  }
  if (!params) return null;
  const optional = (p: string) => p.startsWith("...") || /^\w+\s*(\?|(:[^=]*)?=(?!>))/.test(p);
  const firstOptional = params.findIndex(optional);
  return {
    required: firstOptional < 0 ? params.length : firstOptional,
    total: params.length,
    rest: params.some((p) => p.startsWith("...")),
  };
}

const modules = new Map<string, Record<string, unknown> | null>();

async function runtimeModule(
  module: Exclude<FilterSpec["module"], "unsupported">,
): Promise<Record<string, unknown> | null> {
  if (!modules.has(module)) {
    const file = join(RUNTIME, runtimeModulePath(module).replace(/\.js$/, ".ts"));
    modules.set(
      module,
      existsSync(file) ? ((await import(pathToFileURL(file).href)) as Record<string, unknown>) : null,
    );
  }
  return modules.get(module) ?? null;
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

describe("catalog entries", () => {
  const entries = Object.entries(FILTERS);

  test("are consistent", () => {
    for (const [name, spec] of entries) {
      assert.ok(spec.minArgs >= 0 && spec.minArgs <= spec.maxArgs, `${name}: arity`);
      assert.ok(spec.exportName !== "", `${name}: exportName`);
      for (const i of [...(spec.callbackArgs ?? []), ...(spec.pathArgs ?? [])]) {
        assert.ok(i >= 0 && i < spec.maxArgs, `${name}: argument index ${i} out of range`);
      }
      assert.equal(
        Boolean(spec.callbackArgs),
        Boolean(spec.callbackShape),
        `${name}: callbackArgs needs callbackShape`,
      );
      assert.equal(spec.module === "unsupported", Boolean(spec.unsupportedReason), `${name}: unsupportedReason`);
      if (spec.aliasOf) {
        const canonical = FILTERS[spec.aliasOf];
        assert.ok(canonical && !canonical.aliasOf, `${name}: alias of a canonical filter`);
        assert.equal(spec.module, canonical.module, `${name}: alias module`);
        assert.equal(spec.exportName, canonical.exportName, `${name}: alias helper`);
      } else if (spec.module !== "unsupported") {
        const renamed: Record<string, string> = {
          equals: "looseEquals",
          includes: "contains",
          concat: "concatText",
          in: "inArray",
        };
        assert.equal(
          spec.exportName,
          renamed[name] ?? camel(name),
          `${name}: export name is the camelCase of the filter name`,
        );
      }
    }
  });

  test("the lambda filters are written in place by the lambda emitter", () => {
    for (const name of [
      "lambda",
      "lambda_map",
      "lambda_filter",
      "lambda_reduce",
      "lambda_some",
      "lambda_every",
      "lambda_find",
      "lambda_findIndex",
    ]) {
      assert.equal(FILTERS[name]?.module, "lambda", name);
    }
  });

  test("date/time filters belong to the time module, with camelCase names", () => {
    assert.equal(FILTERS.format_timestamp.exportName, "formatTimestamp");
    assert.equal(FILTERS.add_secs_to_timestamp.exportName, "addSecsToTimestamp");
    assert.equal(FILTERS.timestamp_add_days.exportName, "timestampAddDays");
    assert.equal(FILTERS.to_ms.module, "time");
  });

  for (const module of ["values", "text", "array", "object", "type", "math", "encoding", "security", "time"] as const) {
    const mine = entries.filter(([, spec]) => spec.module === module);
    test(`${module}: every helper is exported with a compatible arity`, async (t) => {
      const exports = await runtimeModule(module);
      if (!exports) {
        t.skip(`templates/runtime/${runtimeModulePath(module)} is not written yet`);
        return;
      }
      const problems: string[] = [];
      for (const [name, spec] of mine) {
        const fn = exports[spec.exportName];
        if (typeof fn !== "function") {
          problems.push(`${name}: ${spec.exportName} is not exported`);
          continue;
        }
        const file = join(RUNTIME, runtimeModulePath(module).replace(/\.js$/, ".ts"));
        const p = helperParameters(file, spec.exportName);
        if (!p) {
          problems.push(`${name}: cannot find the declaration of ${spec.exportName}`);
          continue;
        }
        // Helpers for other spellings (`|fill:5:"x"`, `$list|fill:-1`) must exist and take those arguments.
        for (const [form, argCount] of [
          [spec.forms?.subjectless, spec.maxArgs],
          ...Object.entries(spec.forms?.args ?? {}).map(([n, helper]) => [helper, 1 + Number(n)] as const),
        ] as const) {
          if (form === undefined) continue;
          const q = typeof exports[form] === "function" ? helperParameters(file, form) : null;
          if (!q || q.total !== argCount)
            problems.push(`${name}: ${form} should be exported and take ${argCount} parameters`);
        }
        // The subject is the first parameter; the filter's arguments follow (arities other forms take excepted).
        const minArgs = Math.min(...[spec.minArgs, spec.maxArgs].filter((n) => spec.forms?.args?.[n] === undefined));
        if (p.required > 1 + minArgs)
          problems.push(
            `${name}: ${spec.exportName} requires ${p.required} parameters, the filter may have ${minArgs} arguments`,
          );
        if (
          p.rest
            ? spec.maxArgs !== Number.POSITIVE_INFINITY && p.total - 1 > 1 + spec.maxArgs
            : p.total !== 1 + spec.maxArgs
        ) {
          problems.push(
            `${name}: ${spec.exportName} takes ${p.total} parameters${p.rest ? " (rest)" : ""}, the filter ${spec.minArgs}..${spec.maxArgs} arguments`,
          );
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

// ---------------------------------------------------------------------------------------
// Native forms mean what the helpers mean

const SAMPLES: Record<OperandType, unknown[]> = {
  text: ["", "abc", "Héllo Wörld", "a🙂b", " x ", "ABC"],
  number: [0, 3, -2.5, 10, 0.5],
  bool: [true, false],
  array: [[], [1, 2, 3], ["a", null]],
  object: [{}, { a: 1, b: "x" }],
  "text[]": [[], ["a", "b"], ["", "é"]],
  any: [null, 1, 2.5, "x", true, [], { a: 1 }],
  callback: [(item: unknown, index: number) => [item, index]],
};

function combinations(types: readonly OperandType[]): unknown[][] {
  return types.reduce<unknown[][]>(
    (acc, type) => acc.flatMap((prefix) => SAMPLES[type].map((v) => [...prefix, v])),
    [[]],
  );
}

describe("native forms", () => {
  for (const [name, spec] of Object.entries(FILTERS)) {
    const native = spec.native;
    if (!native || spec.aliasOf) continue;
    test(`${name}: ${native.ts}`, async () => {
      const exports = await runtimeModule(spec.module as Exclude<FilterSpec["module"], "unsupported">);
      assert.ok(exports, `${spec.module} module`);
      const helper = exports[spec.exportName] as Fn;
      const body = native.ts.replace(/\$\{(\d+)\}/g, (_m, i: string) => `__o[${i}]`);
      const evaluate = new Function("__o", `return ${body};`) as (operands: unknown[]) => unknown;
      for (const operands of combinations([native.subject, ...(native.args ?? [])])) {
        assert.deepEqual(evaluate(operands), helper(...operands), `${name} with ${JSON.stringify(operands)}`);
      }
    });
  }
});
