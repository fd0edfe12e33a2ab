// npm run migrate: creates or updates the tables (npm run migrate -- down to undo them all).

import "./runtime/env-file.js";
import { pathToFileURL } from "node:url";
import type { Knex } from "knex";
import { db } from "./db.js";
import * as m1 from "./migrations/0001_create_call_log.js";

const migrations: Record<string, { up(db: Knex): Promise<void>; down(db: Knex): Promise<void> }> = {
  "0001_create_call_log": m1,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export async function migrate(direction: "latest" | "down" = "latest"): Promise<void> {
  if (direction === "down") await db.migrate.rollback({ migrationSource }, true);
  else await db.migrate.latest({ migrationSource });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await migrate(process.argv[2] === "down" ? "down" : "latest");
  } finally {
    await db.destroy();
  }
}
