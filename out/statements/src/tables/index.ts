// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { itemTable } from "./item.js";
import { resultTable } from "./result.js";

export const tables: Record<string, TableDefinition> = {
  item: itemTable,
  result: resultTable,
};
