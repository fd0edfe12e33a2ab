// xs2ts as a user installs it: `npm pack`, the tarball installed into an empty folder, and there
// the command, the programmatic API from plain Node, and the types from TypeScript.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { promisify } from "node:util";
import { repoRoot } from "../support/shared.js";

const run = promisify(execFile);
const fixture = join(repoRoot, "fixtures/task-calls-function");

describe("the packed xs2ts, installed into an empty folder", { timeout: 600_000 }, () => {
  let home: string;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), "xs2ts-pack-"));
    const packed = await run("npm", ["pack", "--silent", "--pack-destination", home], {
      cwd: repoRoot,
      maxBuffer: 64 << 20,
    });
    const tarball = join(home, packed.stdout.trim().split("\n").at(-1)!);
    writeFileSync(join(home, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], {
      cwd: home,
      maxBuffer: 64 << 20,
    });
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  test("ships compiled JavaScript and declarations, not the TypeScript sources", () => {
    const installed = join(home, "node_modules/xs2ts");
    assert.ok(existsSync(join(installed, "dist/src/index.js")));
    assert.ok(existsSync(join(installed, "dist/src/index.d.ts")));
    assert.ok(!existsSync(join(installed, "src")), "src/ is not packed");
    const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    assert.equal(manifest.dependencies.tsx, undefined, "tsx is not needed to run the package");
  });

  test("npx xs2ts runs the command", async () => {
    const help = await run("npx", ["--no-install", "xs2ts", "--help"], { cwd: home });
    assert.match(help.stdout, /Usage: xs2ts <command>/);
    const version = await run("npx", ["--no-install", "xs2ts", "--version"], { cwd: home });
    assert.equal(
      version.stdout.trim(),
      (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }).version,
    );
  });

  test("npx xs2ts build generates a project from a fixture", async () => {
    await run("npx", ["--no-install", "xs2ts", "build", fixture, "--out", "generated", "--quiet"], { cwd: home });
    assert.ok(existsSync(join(home, "generated/package.json")));
    assert.ok(readdirSync(join(home, "generated/src/tasks")).length > 0);
  });

  test("a plain-Node ESM script imports build and parse", async () => {
    writeFileSync(
      join(home, "use.mjs"),
      `import { build, parse } from "xs2ts";
const ast = parse('function "f" { input { int n } stack { var $x { value = $input.n } } response = $x }', "f.xs");
const result = await build({ workspace: ${JSON.stringify(fixture)} });
console.log(JSON.stringify({ kind: ast.definitions?.[0]?.kind ?? ast.kind, files: result.files.length, errors: result.diagnostics.length }));
`,
    );
    const { stdout } = await run(process.execPath, ["use.mjs"], { cwd: home });
    const printed = JSON.parse(stdout);
    assert.ok(printed.files > 0);
    assert.equal(printed.errors, 0);
  });

  test("a TypeScript file imports its types, checked by tsc", async () => {
    writeFileSync(
      join(home, "use.ts"),
      `import { build, type BuildOptions, type BuildResult } from "xs2ts";
const options: BuildOptions = { workspace: "w", check: true };
export const result: Promise<BuildResult> = build(options);
`,
    );
    writeFileSync(
      join(home, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          strict: true,
          noEmit: true,
          types: [],
        },
        files: ["use.ts"],
      }),
    );
    await run(process.execPath, [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], {
      cwd: home,
    }).catch((error) => {
      assert.fail(`tsc: ${error.stdout}${error.stderr}`);
    });
  });
});
