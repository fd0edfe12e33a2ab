// `as $x|filter` binds a statement's result through its filters, for every statement family:
// the generated code runs, on SQLite, and its results are checked.
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { buildProject, removeProject, runScript } from "../support/generated.ts";

const FILES: Record<string, string> = {
  "table/person.xs": `table person {
  schema {
    int id
    text name
    int age
  }
}`,
  "function/people.xs": `function people {
  input {
  }
  stack {
    db.add person {
      data = {name: "Ada", age: 36}
    }
    db.add person {
      data = {name: "Linus", age: 28}
    }
    db.query person {
      sort = {person.age: "asc"}
    } as $names|map:$$.name|join:", "
    db.get person {
      field_name = "name"
      field_value = "Ada"
    } as $age|get:"age"
    function.run double {
      input = {n: 21}
    } as $doubled|add:1
  }
  response = {names: $names, age: $age, doubled: $doubled}
}`,
  "function/double.xs": `function double {
  input {
    int n
  }
  stack {
  }
  response = $input.n * 2
}`,
};

const dirs: string[] = [];
after(() => dirs.forEach(removeProject));

test("as $x|filters applies the filters to db.query, db.get and function.run results", async () => {
  const ws = mkdtempSync(join(tmpdir(), "xs2ts-bind-ws-"));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(dirname(join(ws, path)), { recursive: true });
    writeFileSync(join(ws, path), text);
  }
  const dir = await buildProject(ws);
  dirs.push(dir, ws);
  const result = await runScript(
    dir,
    `import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { people } from "./src/functions/people.js";
try {
  await migrate();
  console.log(JSON.stringify(await people({})));
} finally {
  await db.destroy();
}
`,
    { SQLITE_FILE: join(dir, "bind.sqlite") },
  );
  assert.deepEqual(result, { names: "Linus, Ada", age: 36, doubled: 43 });
});
