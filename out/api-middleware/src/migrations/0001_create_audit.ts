// The "audit" table, from table/audit.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("audit", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.text("ip");
    t.text("method");
    t.text("kind");
    c.json("vars");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("audit");
}
