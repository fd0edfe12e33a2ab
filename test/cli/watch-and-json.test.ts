// --format json for tools, and --watch rebuilding what a change affects.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { main } from "../../src/cli/main.ts";
import { repoRoot } from "../support/shared.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-watch-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("--format json prints diagnostics and the summary as JSON", async () => {
  const ws = join(scratch, "broken");
  cpSync(join(repoRoot, "fixtures/seed-reengage"), ws, { recursive: true });
  writeFileSync(join(ws, "task/bad.xs"), "task bad {\n  stack {\n    var $x { value = }\n  }\n}\n");
  const out: string[] = [];
  const code = await main(["build", ws, "--out", join(scratch, "json-out"), "--format", "json"], {
    out: (l) => out.push(l),
    err: () => {},
    color: false,
  });
  assert.equal(code, 1);
  const report = JSON.parse(out.join("\n")) as {
    diagnostics: { path: string; line: number; column: number; code: string; severity: string }[];
    summary: { definitions: Record<string, number>; errors: number };
  };
  assert.deepEqual(
    report.diagnostics.map((d) => [d.path, d.line, d.severity, d.code]),
    [["task/bad.xs", 3, "error", "XS1001"]],
  );
  assert.equal(report.summary.errors, 1);
  assert.deepEqual(report.summary.definitions, { table: 1, task: 1 });
});

test("--watch rebuilds after a change and stops cleanly on SIGTERM", async () => {
  const ws = join(scratch, "ws");
  const out = join(scratch, "watch-out");
  cpSync(join(repoRoot, "fixtures/task-calls-function"), ws, { recursive: true });
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), "build", ws, "--out", out, "--watch"],
    { cwd: repoRoot },
  );
  let stdout = "";
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got:\n${stdout}`)), 60_000);
      const check = () => {
        if (pattern.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        check();
      });
      check();
    });
  try {
    await waitFor(/watching/);
    const file = join(ws, "function/users/mark_notified.xs");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("data = {notified: true}", 'data = {notified: true, name: "seen"}'),
    );
    await waitFor(/rebuilt in \d+ ms: 1 file written/);
    assert.match(readFileSync(join(out, "src/functions/users/mark_notified.ts"), "utf8"), /name: "seen"/);
  } finally {
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    assert.equal(await exited, 0);
  }
});
