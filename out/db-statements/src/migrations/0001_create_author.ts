// The "author" table, from table/1_author.xs.

import type { Knex } from "knex";
import { btreeIndex, columns, ginIndex, isPostgres, searchIndex } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.createTable("author", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.text("name").notNullable();
    t.text("email");
    t.text("password");
    t.boolean("active").defaultTo(true);
    t.enu("role", ["user", "admin"]).defaultTo("user");
    c.json("meta").defaultTo("{}");
    c.json("tags");
    c.date("born");
    t.double("score");
    c.timestamp("last_login");
    t.uuid("token");
    c.json("avatar");
    c.json("address");
  });
  await btreeIndex(db, "author", [{ name: "created_at", op: "desc" }]);
  await btreeIndex(db, "author", [{ name: "email" }], true);
  if (pg) await ginIndex(db, "author", "meta", "jsonb_path_op");
  // SQLite has no GIN index: JSON conditions on "meta" scan the table there.
  if (pg) await searchIndex(db, "author", [{ name: "name", op: "A" }], "english");
  // SQLite has no full-text index without a separate FTS5 table: not created there.
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("author");
}
