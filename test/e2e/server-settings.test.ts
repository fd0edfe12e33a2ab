// The API server's settings (issue 11): a PORT or BODY_LIMIT the server cannot use stops
// `npm run serve` with one line naming the variable and exit 1, not a RangeError or a
// FastifyError stack. (The scheduler's TASK_* settings: test/e2e/task-history.test.ts.)
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { buildProject, fixture, removeProject } from "../support/generated.ts";

const run = promisify(execFile);

describe("fixtures/api-basic's server settings", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("api-basic"));
  });
  after(() => {
    if (dir) removeProject(dir);
  });

  test("a bad PORT or BODY_LIMIT is one line naming it, exit 1, no stack", async () => {
    const clean = { ...process.env };
    delete clean.DATABASE_URL;
    delete clean.PORT;
    delete clean.BODY_LIMIT;
    const bad: [Record<string, string>, string][] = [
      [{ PORT: "abc" }, 'PORT is a whole number from 0 to 65535, not "abc"'],
      [{ PORT: "70000" }, 'PORT is a whole number from 0 to 65535, not "70000"'],
      [{ PORT: "0", BODY_LIMIT: "20MB" }, 'BODY_LIMIT is a whole number ≥ 1, not "20MB"'],
    ];
    for (const [settings, message] of bad) {
      const failure = await run(process.execPath, ["--import", "tsx", "src/server.ts"], {
        cwd: dir,
        env: { ...clean, SQLITE_FILE: join(dir, "settings.sqlite"), ...settings },
        timeout: 60_000,
      }).then(
        () => undefined,
        (error: { code?: number; stdout: string; stderr: string }) => error,
      );
      const label = JSON.stringify(settings);
      assert.ok(failure, `${label} fails`);
      assert.equal(failure.code, 1, label);
      assert.equal(failure.stderr, `${message}\n`, label);
      assert.equal(failure.stdout, "", label);
    }
  });
});
