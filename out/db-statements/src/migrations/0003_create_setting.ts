// The "setting" table, from table/3_setting.xs.

import type { Knex } from "knex";
import { btreeIndex, columns } from "../runtime/db-columns.js";

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable("setting", (t) => {
    const c = columns(db, t);
    c.uuidKey("id");
    t.text("key").notNullable();
    t.text("value");
  });
  await btreeIndex(db, "setting", [{ name: "key" }], true);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("setting");
}
