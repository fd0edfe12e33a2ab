// The "order" table, from table/order.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("order", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.double("total").notNullable();
    t.text("status").defaultTo("open");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("order");
}
