// npm run task -- <name>: runs one task now, once, whatever its schedule.
import { db } from "./db.js";
import { exitIfDatabaseUnreachable } from "./runtime/db-unreachable.js";
import { runNow } from "./runtime/scheduler.js";
import { shutdown } from "./runtime/shutdown.js";
import { tasks } from "./scheduler.js";

const name = process.argv[2];
const task = tasks.find((t) => t.name === name);
if (task === undefined) {
  console.error(
    `Unknown task ${JSON.stringify(name)}. Tasks: ${tasks.map((t) => t.name).join(", ")}`,
  );
  process.exit(2);
}
try {
  // Recorded in the task's history, marked manual (npm run history -- <name>).
  await runNow(task, { db }).catch(exitIfDatabaseUnreachable);
} finally {
  // What the task started with async = true runs to its end first, as in Xano; then what it
  // opened (a Redis connection) is closed.
  await shutdown();
  await db.destroy();
}
