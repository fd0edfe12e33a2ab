// npm run task -- <name>: runs one task now, once, whatever its schedule.

import "./runtime/env-file.js";
import { db } from "./db.js";
import { runCommand, usageError } from "./runtime/command.js";
import { exitIfDatabaseUnreachable } from "./runtime/db-unreachable.js";
import { runNow } from "./runtime/scheduler.js";
import { tasks } from "./scheduler.js";

const name = process.argv[2];
const task = tasks.find((t) => t.name === name);
if (task === undefined) {
  usageError(
    `Unknown task ${JSON.stringify(name ?? "")}. Tasks: ${tasks.map((t) => JSON.stringify(t.name)).join(", ")}`,
  );
}
// Recorded in the task's history, marked manual (npm run history -- <name>).
await runCommand(
  () => runNow(task, { db }).catch(exitIfDatabaseUnreachable),
  () => db.destroy(),
);
