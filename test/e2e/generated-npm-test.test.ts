// Every generated project in out/ passes its own `npm test` (typecheck and its project test).
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { repoRoot } from "../support/shared.ts";

const run = promisify(execFile);

for (const name of readdirSync(join(repoRoot, "out")).sort()) {
  test(`out/${name}: npm test passes`, async () => {
    const dir = mkdtempSync(join(tmpdir(), `xs2ts-npm-test-${name}-`));
    try {
      cpSync(join(repoRoot, "out", name), dir, { recursive: true });
      symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
      // NODE_TEST_CONTEXT would make the project's own runner report to this one instead of stdout.
      const { NODE_TEST_CONTEXT: _, ...inherited } = process.env;
      const env = { ...inherited, CI: "", DATABASE_URL: "" };
      try {
        const { stdout } = await run("npm", ["test", "--silent"], { cwd: dir, env, timeout: 180_000 });
        assert.match(stdout, /# fail 0/);
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        assert.fail(`npm test failed in out/${name}:\n${e.stdout ?? ""}\n${e.stderr ?? e.message}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
