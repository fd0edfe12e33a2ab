// The "email_log" table, from table/email_log.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("email_log", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.bigInteger("user_id").notNullable().references("id").inTable("user").onDelete("NO ACTION");
    t.text("subject").notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("email_log");
}
