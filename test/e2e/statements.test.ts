// One task per statement (fixtures/statements), each run for real on SQLite and on PostgreSQL:
// every task records what it saw in the `result` table, which this test reads.
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

const DRIVER = `
import { db, insertRow, rows, table } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { tasks } from "./src/scheduler.js";

await migrate();
const outcome: Record<string, { values: unknown[]; error?: string }> = {};
for (const task of tasks) {
  await db("result").delete();
  await db("item").delete();
  for (const item of [
    { name: "apple", quantity: 5, price: 1.5, active: true },
    { name: "pear", quantity: 3, price: 2.5, active: true },
    { name: "plum", quantity: 0, price: 4, active: false },
    { name: "kiwi", quantity: 10, price: 2, active: true },
  ]) await insertRow("item", item);
  let error: string | undefined;
  try {
    await task.run();
  } catch (e) {
    error = (e as Error).message;
  }
  const values = (await rows(table("result").orderBy("id"))).map((r) => r.value);
  outcome[task.name] = error === undefined ? { values } : { values, error };
}
console.log(JSON.stringify(outcome));
await db.destroy();
`;

const EXPECTED: Record<string, { values: unknown[]; error?: string }> = {
  db_query: { values: [{ names: ["pear", "kiwi"], count: 3, page: ["plum", "kiwi"], total: 4 }] },
  db_get: { values: [{ pear: 3, missing: null }] },
  db_add: { values: [{ name: "fig", quantity: 7, tags: ["new"], has_id: true }] },
  db_edit: { values: [{ quantity: 100, active: false }] },
  db_patch: { values: [{ price: 9.25, quantity: 3 }] },
  db_del: { values: [3] },
  function_run: { values: [42] },
  foreach: { values: [10] },
  for: { values: [[0, 1, 4, 9]] },
  while: { values: [243] },
  conditional: { values: [["small", "medium", "large"]] },
  var: { values: [{ greeting: "Hello, world", count: 2 }] },
  debug_log: { values: ["done"] },
  send_email: { values: [{ id: "msg_1" }] },
  api_request: { values: [{ status: 200, price: 12.5 }] },
  precondition: { values: ["inputerror: one is not more than two"] },
  try_catch: { values: [["try", "catch went wrong", "finally"]] },
  throw: { values: ["before"], error: "stopped on purpose" },
  return: { values: ["before"] },
  // The lambda emptied its copy of $items; the stack's list is unchanged.
  api_lambda: {
    values: [{ summary: { byName: { apple: 7.5, kiwi: 20, pear: 7.5 }, largest: 20, count: 3 }, still_there: 3 }],
  },
};

const pgSkip = await postgresSkip();

describe("fixtures/statements: every statement runs", () => {
  let dir = "";
  before(async () => {
    dir = await buildProject(fixture("statements"));
  });
  after(() => {
    if (dir) removeProject(dir);
  });

  async function check(env: Record<string, string>) {
    const server = await recordingServer((r) =>
      r.url === "/prices" ? { status: 200, body: { price: 12.5 } } : { status: 200, body: { id: "msg_1" } },
    );
    try {
      const withServers = {
        ...env,
        RESEND_BASE_URL: server.url,
        RESEND_API_KEY: "re_key",
        API_BASE_URL: server.url,
        API_TOKEN: "tok_1",
      };
      const outcome = (await runScript(dir, DRIVER, withServers)) as typeof EXPECTED;
      assert.deepEqual(outcome, EXPECTED);
      const email = server.received.find((r) => r.url === "/emails")!;
      assert.deepEqual(email.body, {
        from: "bot@example.com",
        to: ["ops@example.com"],
        subject: "Report",
        text: "All good.",
        cc: ["boss@example.com"],
      });
      const call = server.received.find((r) => r.url === "/prices")!;
      assert.equal(call.method, "POST");
      assert.equal(call.headers["x-token"], "tok_1");
      assert.deepEqual(call.body, { sku: "A1" });
    } finally {
      await server.close();
    }
  }

  test("on SQLite", async () => {
    await check({ SQLITE_FILE: join(dir, "statements.sqlite") });
  });

  test("on PostgreSQL", { skip: pgSkip }, async () => {
    await inPgSchema(async (url) => {
      await check({ DATABASE_URL: url });
    });
  });
});
