// The "email_log" table, from table/email_log.xs.
import type { Knex } from "knex";

export async function up(db: Knex): Promise<void> {
  const nowMs =
    db.client.config.client === "pg"
      ? "(extract(epoch from now()) * 1000)::bigint"
      : "(CAST(unixepoch('subsec') * 1000 AS INTEGER))";
  await db.schema.createTable("email_log", (t) => {
    t.increments("id").primary();
    t.bigInteger("created_at").defaultTo(db.raw(nowMs));
    t.integer("user_id").notNullable();
    t.text("subject").notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists("email_log");
}
