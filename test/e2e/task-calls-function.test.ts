// A generated task runs for real: migrate, insert rows, run the task once, then check the
// rows it changed and the e-mails a local server received as Resend — on SQLite and PostgreSQL.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  buildProject,
  fixture,
  inPgSchema,
  postgresSkip,
  recordingServer,
  removeProject,
  runScript,
} from "../support/generated.ts";

const DAY = 86_400_000;

/** Runs inside the generated project: its own migrate, db and task modules. */
const DRIVER = `
import { db, insertRow, rows, table } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { tasks } from "./src/scheduler.js";

await migrate();
const now = Date.now();
// Through the data layer, as generated code writes: timestamps are milliseconds here.
await insertRow("user", { name: "Ada", email: "ada@example.com", last_login: now - 40 * ${DAY}, notified: false });
await insertRow("user", { name: "Bob", email: "bob@example.com", last_login: now - 2 * ${DAY}, notified: false });
await insertRow("user", { name: "Cy", email: "cy@example.com", last_login: now - 90 * ${DAY}, notified: true });
await tasks.find((t) => t.name === "notify_inactive_users")!.run();
const users = await rows(table("user").select("name", "notified").orderBy("name"));
const log = await rows(table("email_log").select("user_id", "subject", "created_at"));
console.log(JSON.stringify({ users, log, now }));
await db.destroy();
`;

interface Outcome {
  users: { name: string; notified: boolean | number }[];
  log: { user_id: number; subject: string; created_at: number }[];
  now: number;
}

const pgSkip = await postgresSkip();

describe("fixtures/task-calls-function runs", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("task-calls-function"));
  });
  after(() => {
    if (dir) removeProject(dir);
  });

  async function check(env: Record<string, string>) {
    const resend = await recordingServer();
    try {
      const result = (await runScript(dir, DRIVER, {
        ...env,
        RESEND_BASE_URL: resend.url,
        RESEND_API_KEY: "re_test_key",
      })) as Outcome;
      // Only Ada: Bob logged in recently, Cy was already notified.
      assert.deepEqual(
        result.users.map((u) => [u.name, Boolean(u.notified)]),
        [
          ["Ada", true],
          ["Bob", false],
          ["Cy", true],
        ],
      );
      assert.equal(result.log.length, 1);
      assert.equal(result.log[0]!.subject, "We miss you, Ada");
      assert.ok(Math.abs(Number(result.log[0]!.created_at) - result.now) < 60_000, "created_at defaults to now, in ms");
      assert.equal(resend.received.length, 1);
      const email = resend.received[0]!;
      assert.equal(email.method, "POST");
      assert.equal(email.url, "/emails");
      assert.equal(email.headers.authorization, "Bearer re_test_key");
      assert.deepEqual(email.body, {
        from: "hello@example.com",
        to: ["ada@example.com"],
        subject: "We miss you, Ada",
        text: "Come back and see what's new.",
      });
    } finally {
      await resend.close();
    }
  }

  test("on SQLite", async () => {
    await check({ SQLITE_FILE: join(dir, "e2e.sqlite") });
  });

  test("on PostgreSQL", { skip: pgSkip }, async () => {
    await inPgSchema(async (url) => {
      await check({ DATABASE_URL: url });
    });
  });
});
