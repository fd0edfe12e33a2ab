// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { auditTable } from "./audit.js";

export const tables: Record<string, TableDefinition> = {
  audit: auditTable,
};
