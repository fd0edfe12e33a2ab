// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { orderTable } from "./order.js";

export const tables: Record<string, TableDefinition> = {
  order: orderTable,
};
