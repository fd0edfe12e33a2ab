// Every kind of db.* statement, generated from fixtures/db-statements and run against SQLite
// and PostgreSQL: the checks are on the rows that come back and stay, not on SQL text.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { repoRoot } from "../support/shared.js";
import { buildProject, inPgSchema, postgresSkip, removeProject, runScript } from "../support/generated.js";

const pgSkip = await postgresSkip();

const SCRIPT = `
import { db, isPostgres } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { seed } from "./src/functions/seed.js";
import { queryOps } from "./src/functions/query_ops.js";
import { jsonContains } from "./src/functions/json_contains.js";
import { paging } from "./src/functions/paging.js";
import { joinAddon } from "./src/functions/join_addon.js";
import { writes } from "./src/functions/writes.js";
import { bulk } from "./src/functions/bulk.js";
import { tx } from "./src/functions/tx.js";
import { raw } from "./src/functions/raw.js";
const out: Record<string, unknown> = { postgres: isPostgres, started: Date.now() };
await migrate();
try {
  out.seed = await seed();
  out.queryOps = await queryOps({});
  try {
    out.jsonContains = await jsonContains();
  } catch (error) {
    out.jsonContains = { error: (error as Error).message };
  }
  out.page1 = await paging({ page: 1 });
  out.page2 = await paging({ page: 2 });
  out.joinAddon = await joinAddon();
  out.writes = await writes();
  out.bulk = await bulk();
  out.txOk = await tx({ fail: false });
  out.txFail = await tx({ fail: true });
  out.raw = await raw({ min: -1 });
} finally {
  await migrate("down");
  await db.destroy();
}
console.log(JSON.stringify(out));
`;

const names = (list: { name: string }[]) => list.map((r) => r.name);

function check(r: any): void {
  // Writes: filters applied, types converted, defaults from the database.
  const [ada, grace, linus, edsger] = r.seed.authors;
  assert.equal(r.seed.count, 4);
  assert.equal(ada.name, "Ada");
  assert.equal(ada.email, "ada@x.io");
  assert.deepEqual(ada.tags, ["math", "code"]);
  assert.deepEqual(ada.meta, { lang: "en", level: 3 });
  assert.equal(ada.born, "1815-12-10");
  assert.equal(ada.last_login, 1700000000000);
  assert.equal(ada.score, 9.5);
  assert.equal(ada.active, true);
  assert.equal(ada.role, "admin");
  assert.equal(typeof ada.created_at, "number");
  assert.ok(Math.abs(ada.created_at - r.started) < 60_000, "created_at defaults to now, in ms");
  assert.equal(grace.role, "user");
  assert.equal(linus.active, false);
  assert.deepEqual(edsger.tags, []);
  assert.equal(edsger.score, null);

  const q = r.queryOps;
  assert.deepEqual(names(q.eq), ["Ada"]);
  assert.deepEqual(names(q.ne_gt), ["Grace"]);
  assert.deepEqual(names(q.is_null), ["Edsger"]);
  assert.deepEqual(names(q.null_safe), ["Ada", "Grace"], "==? with a null value is ignored");
  assert.deepEqual(names(q.in), ["Ada"]);
  assert.deepEqual(names(q.includes), ["Grace"]);
  assert.deepEqual(names(q.contains), ["Grace", "Ada"]);
  assert.deepEqual(names(q.overlaps), ["Grace", "Linus"]);
  assert.deepEqual(names(q.between), ["Grace"]);
  assert.deepEqual(names(q.regex), ["Ada"]);
  assert.deepEqual(names(q.ilike), ["Grace"]);
  assert.deepEqual(names(q.lower), ["Grace"]);
  assert.deepEqual(names(q.json_path), ["Linus"]);
  assert.deepEqual(names(q.timestamp), ["Ada"]);
  assert.deepEqual(names(q.or), ["Ada", "Linus"]);
  assert.equal(q.single.name, "Ada");
  assert.equal(q.count, 3);
  assert.equal(q.exists, false);
  assert.equal(q.random, 4);

  if (r.postgres) assert.deepEqual(r.jsonContains, [{ name: "Ada" }]);
  else assert.match(r.jsonContains.error, /needs PostgreSQL/);

  assert.deepEqual(names(r.page1.with_totals.items), ["Ada", "Edsger", "Grace"]);
  assert.equal(r.page1.with_totals.itemsTotal, 4);
  assert.equal(r.page1.with_totals.pageTotal, 2);
  assert.equal(r.page1.with_totals.nextPage, 2);
  assert.equal(r.page1.without_totals.nextPage, 2);
  assert.equal(r.page1.without_totals.itemsTotal, undefined);
  assert.deepEqual(names(r.page1.items), ["Ada", "Edsger", "Grace"]);
  assert.deepEqual(names(r.page2.with_totals.items), ["Linus"]);
  assert.equal(r.page2.with_totals.nextPage, null);
  assert.equal(r.page2.without_totals.nextPage, null);
  assert.equal(r.page2.without_totals.prevPage, 1);

  assert.deepEqual(r.joinAddon.joined, [
    { title: "Bernoulli numbers", author_name: "Ada" },
    { title: "Notes on the engine", author_name: "Ada" },
  ]);
  assert.deepEqual(
    r.joinAddon.with_addon.map((p: any) => [p.title, p._author?.name]),
    [
      ["Notes on the engine", "Ada"],
      ["Compilers", "Grace"],
      ["Bernoulli numbers", "Ada"],
    ],
  );

  const w = r.writes;
  assert.equal(w.added.name, "Barbara");
  assert.equal(w.added.email, "bl@x.io");
  assert.match(w.added.password, /^\$2b\$10\$/, "passwords are stored hashed with bcrypt, as in Xano");
  assert.deepEqual(w.added.address, { city: "Boston" });
  assert.equal(w.got.id, w.added.id);
  assert.equal(w.has, true);
  assert.equal(w.edited.score, 8);
  assert.equal(w.edited.last_login, Date.parse("2024-01-02T03:04:05Z"));
  assert.equal(w.patched.born, "1939-11-03");
  assert.equal(w.patched.score, 8);
  assert.equal(w.inserted_setting.value, "dark");
  assert.match(w.inserted_setting.id, /^[0-9a-f-]{36}$/);
  assert.equal(w.updated_setting.value, "light");
  assert.equal(w.updated_setting.id, w.inserted_setting.id);
  assert.equal(w.settings, 1);
  assert.equal(w.still_there, false);

  assert.deepEqual(r.bulk, { updated: 2, patched: 1, deleted: 2, left: [{ title: "Notes on the engine", views: 1 }] });
  assert.equal(r.txOk, 1, "a transaction that completes keeps its rows");
  assert.equal(r.txFail, 1, "a transaction that throws leaves nothing behind");
  assert.deepEqual(r.raw.titles, [{ title: "inside" }, { title: "Notes on the engine" }]);
  assert.equal(r.raw.columns, 5);
  assert.equal(r.raw.after, 0);
}

// One generated project for both suites below: each run has its own SQLite file or schema.
let dir = "";
before(async () => {
  dir = await buildProject(join(repoRoot, "fixtures/db-statements"));
});
after(() => {
  if (dir) removeProject(dir);
});

describe("db.* statements on generated code", () => {
  test("on SQLite", async () => {
    check(await runScript(dir, SCRIPT, { SQLITE_FILE: join(dir, "statements.sqlite") }));
  });

  test("on PostgreSQL", { skip: pgSkip }, async () => {
    await inPgSchema(async (url) => {
      check(await runScript(dir, SCRIPT, { DATABASE_URL: url }));
    });
  });
});

// npm run import: CSV and JSON as Xano exports them, converted, all or nothing.
const IMPORT = `
import { db } from "./src/db.js";
import { migrate } from "./src/migrate.js";
import { importRows } from "./src/import.js";
import { rows, table } from "./src/db.js";
await migrate();
const out: Record<string, unknown> = {};
try {
  const csv = 'id,created_at,name,email,tags,active,last_login,born,score\\n7,1700000000000,"Ada, Countess",ADA@x.io,"[""a"",""b""]",true,2024-01-02T03:04:05Z,1815-12-10,9.5\\n8,,Grace,,[],false,,,\\n';
  out.csv = await importRows("author", csv, "csv");
  out.bad = await importRows("author", 'id,name,score\\n20,X,abc\\n2.5,Y,1\\n', "csv");
  out.json = await importRows("post", JSON.stringify([{ id: 3, title: "t", author_id: 7, views: "5" }]), "json");
  out.failing = await importRows("post", JSON.stringify([{ id: 4, title: "ok" }, { id: 5, title: "dangling", author_id: 999 }]), "json").catch((e: Error) => ({ error: e.message.slice(0, 40) }));
  out.authors = await rows(table("author").orderBy("id"));
  out.posts = await rows(table("post").orderBy("id"));
  out.next = (await db("post").insert({ title: "new" }).returning("id"))[0];
} finally {
  await migrate("down");
  await db.destroy();
}
console.log(JSON.stringify(out));
`;

function checkImport(r: any): void {
  assert.deepEqual(r.csv, { loaded: 2, rejected: [] });
  const [ada, grace] = r.authors;
  assert.equal(ada.name, "Ada, Countess");
  assert.equal(ada.email, "ada@x.io", "column filters apply on import too");
  assert.deepEqual(ada.tags, ["a", "b"]);
  assert.equal(ada.last_login, Date.parse("2024-01-02T03:04:05Z"));
  assert.equal(ada.born, "1815-12-10");
  assert.equal(grace.active, false);
  assert.equal(grace.email, null);
  assert.equal(r.bad.loaded, 0);
  assert.deepEqual(
    r.bad.rejected.map((x: any) => x.row),
    [1, 2],
  );
  assert.match(r.bad.rejected[0].reason, /score/);
  assert.deepEqual(r.json, { loaded: 1, rejected: [] });
  assert.ok(r.failing.error, "a row the database refuses fails the import");
  assert.deepEqual(
    r.posts.map((p: any) => [p.id, p.views]),
    [[3, 5]],
    "nothing of a failed import stays",
  );
  assert.ok((r.next.id ?? r.next) > 3, "ids continue after the imported ones");
}

describe("npm run import", () => {
  test("on SQLite", async () => {
    checkImport(await runScript(dir, IMPORT, { SQLITE_FILE: join(dir, "import.sqlite") }));
  });

  test("on PostgreSQL", { skip: pgSkip }, async () => {
    await inPgSchema(async (url) => {
      checkImport(await runScript(dir, IMPORT, { DATABASE_URL: url }));
    });
  });
});
