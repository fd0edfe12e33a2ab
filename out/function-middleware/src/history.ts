// npm run history -- <name> [count]: the task's recent runs, the most recent first, one JSON
// object a line (status, start, end, duration, error). Kept as each task's `history` says.

import "./runtime/env-file.js";
import { db } from "./db.js";
import { exitIfDatabaseUnreachable } from "./runtime/db-unreachable.js";
import { readHistory } from "./runtime/task-history.js";
import { tasks } from "./scheduler.js";

const [name = "", count = "20"] = process.argv.slice(2);
if (!tasks.some((t) => t.name === name)) {
  console.error(
    `Unknown task ${JSON.stringify(name)}. Tasks: ${tasks.map((t) => t.name).join(", ")}`,
  );
  process.exit(2);
}
const limit = Number(count);
if (!Number.isInteger(limit) || limit < 1) {
  console.error(`The count of runs is a whole number ≥ 1, not ${JSON.stringify(count)}`);
  process.exit(2);
}
try {
  const runs = await readHistory(db, name, { limit }).catch(exitIfDatabaseUnreachable);
  // Said on stderr, so that stdout stays JSON lines (none).
  if (runs.length === 0) {
    console.error(
      `No runs of ${JSON.stringify(name)} recorded in this database: npm start records each firing, npm run task each manual run.`,
    );
  }
  for (const run of runs) console.log(JSON.stringify(run));
} finally {
  await db.destroy();
}
