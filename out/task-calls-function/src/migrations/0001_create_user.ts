// The "user" table, from table/user.xs.

import type { Knex } from "knex";
import { btreeIndex, columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("user", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.text("name").notNullable();
    t.text("email").notNullable();
    c.timestamp("last_login");
    t.boolean("notified").defaultTo(false);
  });
  await btreeIndex(db, "user", [{ name: "last_login" }]);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("user");
}
