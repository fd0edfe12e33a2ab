// The "post" table, from table/2_post.xs.

import type { Knex } from "knex";
import { btreeIndex, columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("post", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.bigInteger("author_id").references("id").inTable("author").onDelete("SET NULL");
    t.text("title").notNullable();
    t.bigInteger("views").defaultTo(0);
  });
  await btreeIndex(db, "post", [{ name: "author_id" }, { name: "views", op: "desc" }]);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("post");
}
