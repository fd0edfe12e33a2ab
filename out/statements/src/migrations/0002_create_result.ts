// The "result" table, from table/result.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("result", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    t.text("task").notNullable();
    c.json("value");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("result");
}
