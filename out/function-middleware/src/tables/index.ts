// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { callLogTable } from "./call_log.js";

export const tables: Record<string, TableDefinition> = {
  call_log: callLogTable,
};
