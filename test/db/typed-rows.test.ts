// Rows read from a table carry the table's row type (issue 12, "generated code noise"): a
// column of a row that cannot be null is read with `.`, and a function returning rows says so.
// Each form is checked in the emitted text AND by running the functions on SQLite, and the
// generated project typechecks under strict.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { repoRoot } from "../support/shared.ts";
import { buildProject, removeProject, runScript } from "../support/generated.js";

const FILES: Record<string, string> = {
  "table/person.xs": `table person {
  auth = false
  schema {
    int id
    text name
    text nickname?
    int age
  }
}
`,
  "function/add_person.xs": `function add_person {
  input {
    text name
    int age
  }
  stack {
    db.add person {
      data = {name: $input.name, age: $input.age}
    } as $row
    var $greeting { value = "hi " ~ $row.name }
    var $next_year { value = $row.age + 1 }
    var $missing { value = $row.shoe_size == null }
  }
  response = {greeting: $greeting, next_year: $next_year, missing: $missing}
}
`,
  "function/insert_person.xs": `function insert_person {
  input {
    text name
  }
  stack {
    db.add person {
      data = {name: $input.name, age: 30}
    } as $row
  }
  response = $row
}
`,
  "function/ages.xs": `function ages {
  input {
  }
  stack {
    db.query person {
      sort = {id: "asc"}
    } as $people
    var $ages { value = [] }
    foreach ($people) {
      each as $person {
        array.push $ages { value = $person.age * 2 }
      }
    }
  }
  response = $ages
}
`,
  "function/find_person.xs": `function find_person {
  input {
    int id
  }
  stack {
    db.get person {
      field_name = "id"
      field_value = $input.id
    } as $found
    var $name { value = $found.name }
  }
  response = $found
}
`,
  "function/wrap_person.xs": `function wrap_person {
  input {
    int id
  }
  stack {
    db.get person {
      field_name = "id"
      field_value = $input.id
    } as $found
    conditional {
      if ($input.id == 0) {
        return { value = {first: $found} }
      }
    }
  }
  response = {second: $found}
}
`,
  "function/grow.xs": `function grow {
  input {
  }
  stack {
    db.query person as $people
    array.push $people { value = {name: "not a row"} }
  }
  response = $people|count
}
`,
};

const SCRIPT = `
import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { addPerson } from "./src/functions/add_person.js";
import { insertPerson } from "./src/functions/insert_person.js";
import { ages } from "./src/functions/ages.js";
import { findPerson } from "./src/functions/find_person.js";
import { grow } from "./src/functions/grow.js";
import { wrapPerson } from "./src/functions/wrap_person.js";
await migrate();
try {
  const added = await addPerson({ name: "Ada", age: 36 });
  const inserted = await insertPerson({ name: "Bo" });
  console.log(JSON.stringify({
    added,
    inserted: { name: inserted.name, age: inserted.age },
    ages: await ages({}),
    found: (await findPerson({ id: inserted.id }))?.name,
    none: await findPerson({ id: 999 }),
    grown: await grow({}),
    wrapped: [Object.keys(await wrapPerson({ id: 0 })), Object.keys(await wrapPerson({ id: inserted.id }))],
  }));
} finally {
  await migrate("down");
  await db.destroy();
}
`;

let workspace = "";
let dir = "";
const code = (name: string) => readFileSync(join(dir, `src/functions/${name}.ts`), "utf8");

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), "xs2ts-typed-rows-"));
  for (const [path, text] of Object.entries(FILES)) {
    mkdirSync(join(workspace, path, ".."), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  dir = await buildProject(workspace);
});

after(() => {
  removeProject(dir);
  rmSync(workspace, { recursive: true, force: true });
});

test("rows are read with their table's row type", () => {
  const add = code("add_person");
  assert.match(add, /await insertRow<PersonRow>\("person"/);
  assert.match(add, /import type \{ PersonRow \} from "\.\.\/tables\/person\.js";/);
  assert.match(add, /import \{ insertRow \} from "\.\.\/db\.js";/);
  // A new row is never null: `.`, and a non-null column has its type (native `+`, a template).
  assert.match(add, /`hi \$\{row\.name\}`/);
  assert.match(add, /row\.age \+ 1/);
  // A key the table does not have is null, as in Xano.
  assert.match(add, /\(row as any\)\?\.shoe_size/);
  assert.match(code("ages"), /await rows<PersonRow>\(/);
  assert.match(code("ages"), /person\.age \* 2/);
  // Rows changed in place may stop being rows: untyped.
  assert.match(code("grow"), /await rows\(/);
  // db.get may find nothing: optional chaining stays.
  assert.match(code("find_person"), /firstRow<PersonRow>\(/);
});

test("a function returning rows has their type", () => {
  assert.match(code("insert_person"), /Promise<PersonRow>/);
  assert.match(code("find_person"), /Promise<PersonRow \| null>/);
  assert.match(code("add_person"), /Promise<\{ greeting: string; next_year: number; missing: boolean \}>/);
  // Each value's type is one member of the union, whole: unions inside an object stay inside it.
  assert.match(code("wrap_person"), /Promise<\{ second: PersonRow \| null \} \| \{ first: PersonRow \| null \}>/);
  // A list built by the stack is not known: any.
  assert.match(code("ages"), /Promise<any>/);
});

test("the typed code gives what Xano gives and typechecks", async () => {
  const r = await runScript(dir, SCRIPT, { SQLITE_FILE: join(dir, "rows.sqlite") });
  assert.deepEqual(r, {
    added: { greeting: "hi Ada", next_year: 37, missing: true },
    inserted: { name: "Bo", age: 30 },
    ages: [72, 60],
    found: "Bo",
    none: null,
    grown: 3,
    wrapped: [["first"], ["second"]],
  });
  const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "--noEmit", "-p", join(dir, "tsconfig.json")], { encoding: "utf8" });
  } catch (error) {
    assert.fail(`tsc found errors:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
});
