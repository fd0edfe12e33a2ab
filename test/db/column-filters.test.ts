// Table columns' `filters=` on write go through the same rules as function inputs
// (runtime/field-filters.ts): a value a function's input would reject, the table rejects too,
// with the same inputerror. Built from a workspace written here, run on SQLite.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildProject, removeProject, runScript } from "../support/generated.js";

const TABLE = `table account {
  auth = false
  schema {
    int id
    text handle filters=trim|lower|min:3|ok:abcdefghijklmnopqrstuvwxyz_
    text sku? filters=startsWith:SKU-
    password secret? filters=min:8|max:20|minUpperAlpha:1|minDigit:1
    enum plan?="free" {
      values = ["free", "pro"]
    }
  }
}
`;

const ADD = `function add {
  input {
    json data
  }
  stack {
    db.add account {
      data = $input.data
    } as $row
  }
  response = $row
}
`;

const SCRIPT = `
import { db, hashPassword } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { add } from "./src/functions/add.js";
const out: Record<string, unknown> = {};
await migrate();
const attempt = async (name: string, data: Record<string, unknown>) => {
  try {
    const row = (await add({ data })) as Record<string, unknown>;
    out[name] = { handle: row.handle, sku: row.sku, plan: row.plan };
  } catch (e: any) {
    out[name] = { error: e.type ?? e.name, message: e.message, payload: e.payload ?? null };
  }
};
try {
  await attempt("ok", { handle: "  Ada_L ", sku: "SKU-1", secret: "Secret123" });
  await attempt("short", { handle: " ab " });
  await attempt("badChar", { handle: "ada-l" });
  await attempt("prefix", { handle: "ada", sku: "1" });
  await attempt("weak", { handle: "ada", secret: "secretpass" });
  await attempt("plan", { handle: "ada", plan: "gold" });
  await attempt("hashed", { handle: "ada", secret: await hashPassword("Secret123") });
} finally {
  await migrate("down");
  await db.destroy();
}
console.log(JSON.stringify(out));
`;

let workspace = "";
let dir = "";

before(async () => {
  workspace = mkdtempSync(join(tmpdir(), "xs2ts-column-filters-"));
  mkdirSync(join(workspace, "table"));
  mkdirSync(join(workspace, "function"));
  writeFileSync(join(workspace, "table/account.xs"), TABLE);
  writeFileSync(join(workspace, "function/add.xs"), ADD);
  dir = await buildProject(workspace);
});

after(() => {
  removeProject(dir);
  rmSync(workspace, { recursive: true, force: true });
});

test("column filters transform and reject on write, as input filters do", async () => {
  const r = await runScript(dir, SCRIPT, { SQLITE_FILE: join(dir, "filters.sqlite") });
  assert.deepEqual(r.ok, { handle: "ada_l", sku: "SKU-1", plan: "free" });
  const rejected = (message: string, param: string) => ({ error: "inputerror", message, payload: { param } });
  assert.deepEqual(r.short, rejected("handle must be at least 3", "handle"));
  assert.deepEqual(r.badChar, rejected("handle contains a character that is not allowed: -", "handle"));
  assert.deepEqual(r.prefix, rejected("sku must start with SKU-", "sku"));
  assert.deepEqual(r.weak, rejected("secret needs at least 1 uppercase letters", "secret"));
  assert.deepEqual(r.plan, rejected("plan must be one of free, pro", "plan"));
  assert.deepEqual(
    r.hashed,
    { handle: "ada", sku: null, plan: "free" },
    "a password already hashed is stored as it is, its filters not applied to the hash (max:20)",
  );
});
