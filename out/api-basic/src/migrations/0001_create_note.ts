// The "note" table, from table/note.xs.

import type { Knex } from "knex";
import { columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("note", (t) => {
    const c = columns(db, t);
    t.bigIncrements("id");
    c.timestamp("created_at").defaultTo(c.now());
    t.bigInteger("user_id").notNullable();
    t.text("title").notNullable();
    c.json("attachment");
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("note");
}
