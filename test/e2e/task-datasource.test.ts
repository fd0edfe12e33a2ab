// A task's `datasource = "<name>"`: its runs write to that data source's database when
// SQLITE_FILE_<NAME> / DATABASE_URL_<NAME> is set, and to the project's database otherwise.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { buildProject, removeProject, runScript } from "../support/generated.ts";

const TABLE = `table note {
  auth = false
  schema {
    int id
    text body
  }
  index = [{type: "primary", field: [{name: "id"}]}]
}
`;
const TASK = `task archive_note {
  datasource = "archive"
  stack {
    db.add note {
      data = {body: "written by the task"}
    } as $note
  }
  schedule = [{starts_on: 2026-01-01 00:00:00+0000, freq: 86400}]
}
`;

/** Migrates both databases, runs the task once, and counts the notes in each. */
const DRIVER = `
import knex from "knex";
import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { shutdown } from "./src/runtime/shutdown.js";
import { tasks } from "./src/scheduler.js";

await migrate();
const archiveFile = process.env.ARCHIVE_FILE!;
const archive = knex({ client: "better-sqlite3", connection: { filename: archiveFile }, useNullAsDefault: true });
await archive.schema.createTable("note", (t) => { t.increments("id"); t.text("body"); });
await tasks.find((t) => t.name === "archive_note")!.run();
const count = async (k: typeof archive) => Number((await k("note").count({ n: "*" }))[0]!.n);
console.log(JSON.stringify({ main: await count(db), archive: await count(archive) }));
await archive.destroy();
await shutdown();
await db.destroy();
`;

describe("a task's datasource", () => {
  let workspace = "";
  let dir = "";
  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), "xs2ts-datasource-"));
    mkdirSync(join(workspace, "table"));
    mkdirSync(join(workspace, "task"));
    writeFileSync(join(workspace, "table/note.xs"), TABLE);
    writeFileSync(join(workspace, "task/archive_note.xs"), TASK);
    dir = await buildProject(workspace);
  });
  after(() => {
    if (dir) removeProject(dir);
    rmSync(workspace, { recursive: true, force: true });
  });

  test("is used when its database is configured", async () => {
    const archiveFile = join(dir, "archive.sqlite");
    const counts = await runScript(dir, DRIVER, {
      SQLITE_FILE: join(dir, "main.sqlite"),
      SQLITE_FILE_ARCHIVE: archiveFile,
      ARCHIVE_FILE: archiveFile,
    });
    assert.deepEqual(counts, { main: 0, archive: 1 });
  });

  test("falls back to the project's database when it is not", async () => {
    const archiveFile = join(dir, "other.sqlite");
    const counts = await runScript(dir, DRIVER, { SQLITE_FILE: join(dir, "main2.sqlite"), ARCHIVE_FILE: archiveFile });
    assert.deepEqual(counts, { main: 1, archive: 0 });
  });
});
