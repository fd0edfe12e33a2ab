// Every table of the workspace, by name.

import type { TableDefinition } from "../runtime/db-table.js";
import { authorTable } from "./author.js";
import { postTable } from "./post.js";
import { settingTable } from "./setting.js";

export const tables: Record<string, TableDefinition> = {
  author: authorTable,
  post: postTable,
  setting: settingTable,
};
