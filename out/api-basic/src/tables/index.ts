// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { noteTable } from "./note.js";
import { userTable } from "./user.js";

export const tables: Record<string, TableDefinition> = {
  note: noteTable,
  user: userTable,
};
