// A project table's rows in id order, as the code sees them, a page at a time by id (export and
// --verify read tables of any size this way).
import { db, fromDb } from "../db.js";

export async function* tableRows(name: string, size = 5000): AsyncIterable<Record<string, unknown>> {
  let after: unknown = undefined;
  for (;;) {
    const query = db(name).orderBy("id").limit(size);
    if (after !== undefined) query.where("id", ">", after as string | number);
    const rows = (await query) as Record<string, unknown>[];
    for (const row of rows) yield fromDb(name, row);
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}
