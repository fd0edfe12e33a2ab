// The "call_log" table, from table/call_log.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("call_log", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    t.text("kind");
    c.json("vars");
    c.json("loud");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("call_log");
}
