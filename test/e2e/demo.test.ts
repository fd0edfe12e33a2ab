// The README's first command, as a newcomer runs it: `npm run demo`, then `cd demo && npm start`.
// It writes the repository's demo/ folder (ignored by git), as the README says.
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { test } from "node:test";
import knex from "knex";
import { repoRoot } from "../support/shared.ts";

const demo = join(repoRoot, "demo");

test("npm run demo runs the task once on a seeded SQLite file; npm start then schedules it and stops cleanly on SIGTERM", async () => {
  const env = { ...process.env };
  for (const name of ["SQLITE_FILE", "DATABASE_URL", "EMAIL_PROVIDER", "RESEND_API_KEY"]) delete env[name];
  const run = spawnSync("npm", ["run", "--silent", "demo"], { cwd: repoRoot, env, encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /\[email\] \{"to":"ada@example.com","subject":"We miss you, Ada"/);
  assert.match(run.stdout, /^1 users e-mailed$/m);
  assert.doesNotMatch(run.stdout + run.stderr, /bob@example\.com|\n\s+at /);

  const database = knex({
    client: "better-sqlite3",
    connection: { filename: join(demo, "demo.sqlite") },
    useNullAsDefault: true,
  });
  try {
    const users = await database("user").select("name", "notified").orderBy("name");
    assert.deepEqual(users, [
      { name: "Ada", notified: 1 },
      { name: "Bob", notified: 0 },
    ]);
  } finally {
    await database.destroy();
  }

  // `npm start` is the compiled scheduler (`exec node dist/scheduler.js`), so the signal reaches it.
  const start = spawn("npm", ["start"], { cwd: demo, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  start.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  start.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(start, "exit");
  for (let waited = 0; !/scheduled: Every day at 07:30 UTC/.test(output); waited += 100) {
    assert.ok(waited < 60_000, `npm start did not schedule the task: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  start.kill("SIGTERM");
  const [code] = await exited;
  assert.equal(code, 0, output);
  assert.match(output, /SIGTERM: stopping the scheduler/);
});
