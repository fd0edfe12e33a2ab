// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { emailLogTable } from "./email_log.js";
import { userTable } from "./user.js";

export const tables: Record<string, TableDefinition> = {
  email_log: emailLogTable,
  user: userTable,
};
