// The order tables are loaded in: a referenced table before the tables referring to it, the
// same order the migrations create them in (so each foreign key's table is filled first).
import type { TableDefinition } from "../runtime/db-table.js";

export function loadOrder(tables: Record<string, TableDefinition>): string[] {
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: string[] = [];
  const visit = (name: string) => {
    if (done.has(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const c of Object.values(tables[name]!.columns))
      if (c.table && c.table !== name && c.table in tables) visit(c.table);
    visiting.delete(name);
    done.add(name);
    out.push(name);
  };
  Object.keys(tables).sort().forEach(visit);
  return out;
}
