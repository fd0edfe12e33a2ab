// npm run demo: generates fixtures/task-calls-function into demo/, creates its tables in a
// SQLite file, adds two users, and runs the task once with e-mails printed instead of sent.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "../src/build.js";

const out = resolve("demo");
rmSync(out, { recursive: true, force: true });
const result = await build({ workspace: "fixtures/task-calls-function", out, name: "demo" });
console.log(`generated ${result.files.length} files in demo/ (see demo/README.md and demo/MIGRATION.md)`);
if (!existsSync(join(out, "node_modules"))) symlinkSync(resolve("node_modules"), join(out, "node_modules"), "dir");

writeFileSync(
  join(out, "seed.ts"),
  `import { db, insertRow } from "./src/db.js";
import { migrate } from "./src/migrate.js";
await migrate();
const day = 86_400_000;
for (const user of [
  { name: "Ada", email: "ada@example.com", last_login: Date.now() - 40 * day },
  { name: "Bob", email: "bob@example.com", last_login: Date.now() - 2 * day },
]) await insertRow("user", user);
await db.destroy();
`,
);
const env = { ...process.env, SQLITE_FILE: join(out, "demo.sqlite"), EMAIL_PROVIDER: "log", RESEND_API_KEY: "not-used-with-log", LOG_LEVEL: "debug" };
const tsx = [join(out, "node_modules/tsx/dist/cli.mjs")];
execFileSync(process.execPath, [...tsx, "seed.ts"], { cwd: out, env, stdio: "inherit" });
console.log("running the task notify_inactive_users once (npm run task -- notify_inactive_users):");
execFileSync(process.execPath, [...tsx, "src/run-task.ts", "notify_inactive_users"], { cwd: out, env, stdio: "inherit" });
console.log("done: Ada (away 40 days) was e-mailed and marked notified; Bob was not. Try: cd demo && npm start");
