// The layers of src/ (.dependency-cruiser.mjs, docs/ARCHITECTURE.md): no import cycle, and no
// import from a layer above. Run through dependency-cruiser's command line, as `npm run
// check:layers` does.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { test } from "node:test";

const root = resolve(import.meta.dirname, "../..");
const config = join(root, ".dependency-cruiser.mjs");
const depcruise = join(root, "node_modules/.bin/depcruise");

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

function violations(cwd: string): Violation[] {
  const out = execFileSync(depcruise, ["src", "--config", config, "--output-type", "json", "--no-progress"], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

const describe = (v: Violation) =>
  `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(" → ") : v.to}`;

test("src/ has no import cycle and no import from a layer above", () => {
  assert.deepEqual(violations(root).map(describe), []);
});

test("the rules catch a cycle and an import from a layer above", () => {
  const dir = mkdtempSync(join(tmpdir(), "layers-"));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    write("tsconfig.json", JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext" } }));
    write("package.json", JSON.stringify({ type: "module" }));
    // core reaching up to a family, which imports core back.
    write("src/emit/core/context.ts", `import { family } from "../families/db.js";\nexport const context = family;\n`);
    write(
      "src/emit/families/db.ts",
      `import type { context } from "../core/context.js";\nexport const family = 1;\nexport type C = typeof context;\n`,
    );
    write("src/analyze/ok.ts", `export const ok = 1;\n`);
    const found = violations(dir).map((v) => v.rule.name);
    assert.ok(found.includes("no-circular"), found.join(", "));
    assert.ok(found.includes("layer-emit/core"), found.join(", "));
    assert.ok(!found.includes("layer-emit/families"), "a family may import core");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
