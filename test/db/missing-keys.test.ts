// A value read from a missing key (`$profile.nickname` when the object has none) is null in
// Xano: written to a column it stores null; a column the data does not name keeps its default.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildProject, removeProject, runScript } from "../support/generated.js";

const TABLE = `table person {
  auth = false
  schema {
    int id
    text name
    text nickname?="none"
    text city?="Paris"
  }
}
`;

const ADD = `function add_person {
  input {
  }
  stack {
    var $profile { value = {name: "Ada"} }
    db.add person {
      data = {name: $profile.name, nickname: $profile.nickname}
    } as $row
  }
  response = $row
}
`;

const SCRIPT = `
import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { addPerson } from "./src/functions/add_person.js";
await migrate();
try {
  const row = (await addPerson({})) as Record<string, unknown>;
  console.log(JSON.stringify({ name: row.name, nickname: row.nickname, city: row.city }));
} finally {
  await migrate("down");
  await db.destroy();
}
`;

let workspace = "";
let dir = "";

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), "xs2ts-missing-keys-"));
  mkdirSync(join(workspace, "table"));
  mkdirSync(join(workspace, "function"));
  writeFileSync(join(workspace, "table/person.xs"), TABLE);
  writeFileSync(join(workspace, "function/add_person.xs"), ADD);
  dir = await buildProject(workspace);
});

after(() => {
  removeProject(dir);
  rmSync(workspace, { recursive: true, force: true });
});

test("a column given a value read from a missing key stores null; a column not named keeps its default", async () => {
  const r = await runScript(dir, SCRIPT, { SQLITE_FILE: join(dir, "missing.sqlite") });
  assert.deepEqual(r, { name: "Ada", nickname: null, city: "Paris" });
});
