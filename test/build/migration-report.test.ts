// MIGRATION.md lists everything a person must act on, with file:line; literal credentials never
// reach the generated code.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "../../src/build.ts";
import { repoRoot } from "../support/shared.ts";

test("every kind of finding is reported with its source line", async () => {
  const result = await build({ workspace: join(repoRoot, "fixtures/migration-report") });
  const report = result.files.find((f) => f.path === "MIGRATION.md")!.text;
  const section = (title: string) => report.split("## ").find((s) => s.startsWith(title)) ?? "";
  assert.match(section("Statements not migrated"), /`task\/nightly_report\.xs:31` stream\.from_request is not migrated: it reads the body of an API request, and a function or a task has none/);
  assert.match(section("Credentials found"), /`task\/nightly_report\.xs:15` the Authorization header .* API_FINANCE_EXAMPLE_COM_TOKEN/);
  assert.match(section("Environment variables read"), /REPORT_WEBHOOK/);
  assert.match(section("External hosts called"), /`task\/nightly_report\.xs:12` calls api\.finance\.example\.com/);
  assert.match(section("Tables used but not defined"), /"audit_log"/);
  assert.match(section("Behaviour that differs"), /service_provider "xano"/);
  assert.match(section("Behaviour that differs"), /!debug\.log/);
});

test("literal credentials become environment variables, listed in .env.example", async () => {
  for (const fixture of ["migration-report", "seed-reengage"]) {
    const result = await build({ workspace: join(repoRoot, "fixtures", fixture) });
    const code = result.files.filter((f) => f.path.startsWith("src/") && !f.verbatim).map((f) => f.text).join("\n");
    assert.doesNotMatch(code, /sk_live_51Habc|"abc123"/, `${fixture}: a credential was copied into the code`);
  }
  const seed = await build({ workspace: join(repoRoot, "fixtures/seed-reengage") });
  assert.match(seed.files.find((f) => f.path === ".env.example")!.text, /^RESEND_API_KEY=$/m);
  assert.match(seed.files.find((f) => f.path === "src/tasks/reengage_users.ts")!.text, /apiKey: env\.RESEND_API_KEY/);
});

test("the statement that is not migrated throws a clear error and is marked TODO(xs2ts)", async () => {
  const result = await build({ workspace: join(repoRoot, "fixtures/migration-report") });
  const task = result.files.find((f) => f.path === "src/tasks/nightly_report.ts")!.text;
  assert.match(task, /\/\/ TODO\(xs2ts\): stream\.from_request is not migrated yet \(task\/nightly_report\.xs:31\)\.\n\s+notMigrated\("stream\.from_request \(task\/nightly_report\.xs:31\)"\);/);
});
