// Names never merge: two XanoScript names that differ only in case or `_` stay two names, in
// a function body (variables, and the temporaries the emitter adds) and in the project
// (functions, tasks, tables: distinct modules or an error naming both .xs files).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { build } from "../../src/build.ts";
import { buildFunction } from "./helpers.ts";

async function buildFiles(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-names-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, "ws", path)), { recursive: true });
    writeFileSync(join(dir, "ws", path), text);
  }
  return build({ workspace: join(dir, "ws"), out: join(dir, "out") });
}

describe("variables of one body never merge", () => {
  it("$user_id and $userId, $Total and $total are four variables", async () => {
    const built = await buildFunction(
      "vars",
      `function vars {
  stack {
    var $user_id { value = 1 }
    var $userId { value = 2 }
    var $Total { value = 3 }
    var $total { value = 4 }
    var.update $user_id { value = $user_id + 10 }
  }
  response = [$user_id, $userId, $Total, $total]
}`,
    );
    assert.deepEqual(await built.run({}), [11, 2, 3, 4]);
  });

  it("a user's $caught is not the catch block's value", async () => {
    const built = await buildFunction(
      "caught",
      `function caught {
  stack {
    var $caught { value = "mine" }
    try_catch {
      try {
        throw { name = "Oops" value = "boom" }
      }
      catch {
        var $seen { value = $caught }
      }
    }
  }
  response = $seen
}`,
    );
    assert.equal(await built.run({}), "mine");
  });

  it("a user's $item is not a filter's lambda parameter", async () => {
    const built = await buildFunction(
      "items",
      `function items {
  stack {
    var $item { value = 2 }
    var $xs { value = [1, 2, 3, 4] }
    var $big { value = $xs|filter:$$ > $item }
  }
  response = $big
}`,
    );
    assert.deepEqual(await built.run({}), [3, 4]);
  });

  it("a user's $i1 and $i are not an unnamed loop's counter", async () => {
    const built = await buildFunction(
      "counter",
      `function counter {
  stack {
    var $i { value = 100 }
    var $i1 { value = 10 }
    var $n { value = 0 }
    for (3) {
      var.update $n { value = $n + $i1 + $i }
    }
  }
  response = [$n, $i1, $i]
}`,
    );
    assert.deepEqual(await built.run({}), [330, 10, 100]);
  });
});

describe("definitions of one project never merge", () => {
  const task = (name: string) => `task ${name} {\n  stack {\n    debug.log { value = 1 }\n  }\n}\n`;
  const fn = (name: string) => `function ${name} {\n  stack {\n  }\n  response = 1\n}\n`;
  const table = (name: string) => `table ${name} {\n  schema {\n    int id\n  }\n}\n`;
  const group = (name: string, canonical: string) => `api_group ${name} {\n  canonical = "${canonical}"\n}\n`;
  const cases: [string, Record<string, string>][] = [
    ['tasks "send report" and send_report', { "task/a.xs": task('"send report"'), "task/b.xs": task("send_report") }],
    [
      "tasks Report and report (one file where case is ignored)",
      { "task/a.xs": task("Report"), "task/b.xs": task("report") },
    ],
    [
      "tasks send_report and sendReport (one export)",
      { "task/a.xs": task("send_report"), "task/b.xs": task("sendReport") },
    ],
    [
      "functions billing/charge.card and billing/charge_card",
      { "function/a.xs": fn('"billing/charge.card"'), "function/b.xs": fn('"billing/charge_card"') },
    ],
    ["functions Charge and charge", { "function/a.xs": fn("Charge"), "function/b.xs": fn("charge") }],
    [
      "tables user_account and userAccount",
      { "table/a.xs": table("user_account"), "table/b.xs": table("userAccount") },
    ],
    ["tables User and user", { "table/a.xs": table("User"), "table/b.xs": table("user") }],
    [
      "API groups Default and default (one folder)",
      { "api/a.xs": group("Default", "aaa"), "api/b.xs": group("default", "bbb") },
    ],
    [
      'API groups "a b" and a_b (one import in src/server.ts)',
      { "api/a.xs": group('"a b"', "aaa"), "api/b.xs": group("a_b", "bbb") },
    ],
    ["API groups with one canonical", { "api/a.xs": group("one", "same"), "api/b.xs": group("two", "same") }],
  ];
  for (const [what, files] of cases) {
    it(`${what}: an error naming both .xs files`, async () => {
      const result = await buildFiles(files);
      const clash = result.diagnostics.filter((d) => d.code === "XS2011");
      assert.equal(clash.length, 1, JSON.stringify(result.diagnostics));
      const [first, second] = Object.keys(files);
      assert.match(clash[0]!.message, new RegExp(`\\(${first}\\).*\\(${second}\\)`));
      assert.equal(clash[0]!.path, second);
    });
  }

  it("queries a-b and a_b of one group, A and a: distinct modules and exports", async () => {
    const query = (name: string, value: number) =>
      `query "${name}" verb=GET {\n  api_group = "g"\n  stack {\n  }\n  response = ${value}\n}\n`;
    const result = await buildFiles({
      "api/g.xs": group("g", "g1"),
      "api/q1.xs": query("a-b", 1),
      "api/q2.xs": query("a_b", 2),
      "api/q3.xs": query("A", 3),
      "api/q4.xs": query("a", 4),
    });
    assert.deepEqual(result.diagnostics, []);
    const index = result.files.find((f) => f.path === "src/api/g/index.ts")!.text;
    const exports = [...index.matchAll(/export \{ (\w+) \} from "\.\/(.+)\.js"/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(exports, [
      ["aBGet", "a-b.get"],
      ["aB2Get", "a_b-2.get"],
      ["aGet", "A.get"],
      ["a2Get", "a-2.get"],
    ]);
    const lower = exports.map(([, file]) => file.toLowerCase());
    assert.equal(new Set(lower).size, lower.length, "no two files differ only in case");
  });

  it("distinct names stay distinct modules", async () => {
    const result = await buildFiles({
      "task/a.xs": task("send_report"),
      "task/b.xs": task("send_reports"),
      "function/c.xs": fn('"billing/charge"'),
      "function/d.xs": fn('"billing/refund"'),
    });
    assert.deepEqual(result.diagnostics, []);
    const paths = result.files.map((f) => f.path);
    for (const p of [
      "src/tasks/send_report.ts",
      "src/tasks/send_reports.ts",
      "src/functions/billing/charge.ts",
      "src/functions/billing/refund.ts",
    ])
      assert.ok(paths.includes(p), p);
  });
});
