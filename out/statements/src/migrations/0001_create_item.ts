// The "item" table, from table/item.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("item", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.text("name").notNullable();
    t.bigInteger("quantity").defaultTo(0);
    t.double("price");
    t.boolean("active").defaultTo(true);
    c.json("tags");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("item");
}
