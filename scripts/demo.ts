// npm run demo: generates fixtures/task-calls-function into demo/, writes its .env (a SQLite
// file, e-mails printed instead of sent), creates its tables, adds two users, runs the task
// once and compiles the project, so that `cd demo && npm start` runs the scheduler on the
// same database.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "../src/build.js";

const out = resolve("demo");
rmSync(out, { recursive: true, force: true });
const result = await build({ workspace: "fixtures/task-calls-function", out, name: "demo" });
console.log(`generated ${result.files.length} files in demo/ (see demo/README.md and demo/MIGRATION.md)`);
if (!existsSync(join(out, "node_modules"))) symlinkSync(resolve("node_modules"), join(out, "node_modules"), "dir");

// Every entry point of the project loads .env: the seed, the task and npm start all use it.
writeFileSync(
  join(out, ".env"),
  "SQLITE_FILE=demo.sqlite\nEMAIL_PROVIDER=log\nRESEND_API_KEY=not-used-with-log\nLOG_LEVEL=debug\n",
);
writeFileSync(
  join(out, "seed.ts"),
  `import "./src/runtime/env-file.js";
import { db, insertRow } from "./src/db.js";
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
// Only the variables a generated project reads come from demo/.env, not from this shell.
const env = { ...process.env };
for (const name of ["SQLITE_FILE", "DATABASE_URL", "EMAIL_PROVIDER", "RESEND_API_KEY", "LOG_LEVEL"]) delete env[name];
const tsx = [join(out, "node_modules/tsx/dist/cli.mjs")];
execFileSync(process.execPath, [...tsx, "seed.ts"], { cwd: out, env, stdio: "inherit" });
console.log("running the task notify_inactive_users once (npm run task -- notify_inactive_users):");
execFileSync(process.execPath, [...tsx, "src/run-task.ts", "notify_inactive_users"], {
  cwd: out,
  env,
  stdio: "inherit",
});
console.log("compiling to demo/dist (npm run build)");
execFileSync(process.execPath, [join(out, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], {
  cwd: out,
  env,
  stdio: "inherit",
});
console.log(
  "done: Ada (away 40 days) was e-mailed and marked notified; Bob was not. Try: cd demo && npm start (the same demo.sqlite, via demo/.env)",
);
