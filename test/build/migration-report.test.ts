// MIGRATION.md lists everything a person must act on, with file:line; literal credentials never
// reach the generated code.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { test } from "node:test";
import { promisify } from "node:util";
import { execFile } from "node:child_process";
import { build } from "../../src/build.ts";
import { repoRoot, sharedPath } from "../support/shared.ts";
import { coverageOf } from "../../src/emit/project/migration-report.ts";
import { notGeneratedFinding } from "../../src/emit/core/context.ts";

test("every kind of finding is reported with its source line", async () => {
  const result = await build({ workspace: join(repoRoot, "fixtures/migration-report") });
  const report = result.files.find((f) => f.path === "MIGRATION.md")!.text;
  const section = (title: RegExp) => report.split("\n## ").find((s) => title.test(s.split("\n")[0]!)) ?? "";
  assert.match(
    section(/not migrated$/),
    /`task\/nightly_report\.xs:31` stream\.from_request is not migrated: it reads the body of an API request, and a function or a task has none/,
  );
  assert.match(
    section(/^\d+\. Credentials/),
    /`API_FINANCE_EXAMPLE_COM_TOKEN`: the Authorization header, at `task\/nightly_report\.xs:15`/,
  );
  assert.match(section(/environment variables? to set$/), /REPORT_WEBHOOK/);
  assert.match(
    section(/Providers and hosts/),
    /calls api\.finance\.example\.com \[XS4004\]: `task\/nightly_report\.xs:12`/,
  );
  assert.match(section(/Tables used but not defined/), /"audit_log"/);
  assert.match(section(/Behaviour that differs/), /service_provider "xano"/);
  assert.match(section(/Behaviour that differs/), /!debug\.log/);
});

test("literal credentials become environment variables, listed in .env.example", async () => {
  for (const fixture of ["migration-report", "seed-reengage"]) {
    const result = await build({ workspace: join(repoRoot, "fixtures", fixture) });
    const code = result.files
      .filter((f) => f.path.startsWith("src/") && !f.verbatim)
      .map((f) => f.text)
      .join("\n");
    assert.doesNotMatch(code, /sk_live_51Habc|"abc123"/, `${fixture}: a credential was copied into the code`);
  }
  const seed = await build({ workspace: join(repoRoot, "fixtures/seed-reengage") });
  assert.match(seed.files.find((f) => f.path === ".env.example")!.text, /^RESEND_API_KEY=$/m);
  assert.match(seed.files.find((f) => f.path === "src/tasks/reengage_users.ts")!.text, /apiKey: env\.RESEND_API_KEY/);
});

test("the statement that is not migrated throws a clear error and is marked TODO(xs2ts)", async () => {
  const result = await build({ workspace: join(repoRoot, "fixtures/migration-report") });
  const task = result.files.find((f) => f.path === "src/tasks/nightly_report.ts")!.text;
  assert.match(
    task,
    /\/\/ TODO\(xs2ts\): stream\.from_request is not migrated yet \(task\/nightly_report\.xs:31\)\.\n\s+notMigrated\("stream\.from_request \(task\/nightly_report\.xs:31\)"\);/,
  );
});

test("MIGRATION.md opens with the coverage, and the CLI's summary prints the same counts", async () => {
  const workspace = join(repoRoot, "fixtures/migration-report");
  const result = await build({ workspace });
  const report = result.files.find((f) => f.path === "MIGRATION.md")!.text;
  assert.match(report, /^# Migration report\n[^#]*\n## Coverage\n/);
  const statements = /\| (\d+) \| (\d+) \| (\d+) \|\n/.exec(report.slice(report.indexOf("| Statements")))!;
  const [total, translated, notMigrated] = statements.slice(1).map(Number) as [number, number, number];
  assert.equal(total, translated + notMigrated);
  assert.equal(notMigrated, 1, "the fixture's one stream.from_request");
  assert.ok(translated > 5);
  const out = mkdtempSync(join(tmpdir(), "xs2ts-report-"));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), "build", workspace, "--out", out],
    { cwd: repoRoot },
  );
  rmSync(out, { recursive: true, force: true });
  assert.match(stdout, new RegExp(`^${translated} statements translated, ${notMigrated} not migrated$`, "m"));
  const tasks = /\| tasks \| (\d+) \| (\d+) \| (\d+) \|/.exec(report)!;
  assert.deepEqual(tasks.slice(1).map(Number), [1, 1, 0]);
});

test("util.send_email's provider is among the hosts the code calls", async () => {
  const result = await build({ workspace: join(repoRoot, "fixtures/seed-reengage") });
  const report = result.files.find((f) => f.path === "MIGRATION.md")!.text;
  assert.match(report, /## \d+\. Providers and hosts the code calls\n[^#]*sends e-mail through Resend/);
});

const bwats = sharedPath("corpus/bwats");
test("the bwats report: every environment variable once, the API gap first, short", { skip: bwats.skip }, async () => {
  const result = await build({ workspace: bwats.path });
  const report = result.files.find((f) => f.path === "MIGRATION.md")!.text;
  const rows = report.match(/^\| `[A-Za-z_][A-Za-z0-9_]*` \|/gm) ?? [];
  assert.equal(rows.length, new Set(rows).size, "a variable listed twice");
  assert.equal(rows.length, new Set(result.findings.filter((f) => f.kind === "env").map((f) => f.message)).size);
  // The API endpoints' own section came with their generation; the rest was 336 lines before the coverage table.
  const withoutApi = report.replace(/\n## API endpoints\n[\s\S]*?(?=\n## )/, "");
  assert.ok(
    withoutApi.split("\n").length < 168,
    `MIGRATION.md has ${withoutApi.split("\n").length} lines besides the API section`,
  );
  for (const gap of ["action.call is not migrated", "the lone variable $ is not migrated"])
    assert.ok(report.includes(gap), gap);
});

test("definitions not generated are counted by their kind, whatever their message says", () => {
  const at = { line: 1, col: 1, offset: 0 };
  const findings = [
    notGeneratedFinding("middleware", "auth check", "not generated yet", "middleware/a.xs", at),
    notGeneratedFinding("middleware", "query logger", "not generated yet", "middleware/b.xs", at),
    { ...notGeneratedFinding("ai", "agent", "why", "ai/c.xs", at), message: "query-like words first" },
  ];
  const coverage = coverageOf({ middleware: 3, ai: 1, query: 2 }, findings, 0);
  assert.deepEqual(coverage.definitions, [
    { kind: "ai", found: 1, generated: 0 },
    { kind: "middleware", found: 3, generated: 1 },
    { kind: "query", found: 2, generated: 2 },
  ]);
});
