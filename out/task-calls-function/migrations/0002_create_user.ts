// The "user" table, from table/user.xs.
import type { Knex } from "knex";

export async function up(db: Knex): Promise<void> {
  const nowMs =
    db.client.config.client === "pg"
      ? "(extract(epoch from now()) * 1000)::bigint"
      : "(CAST(unixepoch('subsec') * 1000 AS INTEGER))";
  await db.schema.createTable("user", (t) => {
    t.increments("id").primary();
    t.bigInteger("created_at").defaultTo(db.raw(nowMs));
    t.text("name").notNullable();
    t.text("email").notNullable();
    t.bigInteger("last_login");
    t.boolean("notified").defaultTo(false);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("user");
}
