// What a column read on a row gives: the variables known to hold whole rows of a table
// (ModuleContext.rowVariables, read from the data layer with the table's row type) need no
// optional chaining when the row cannot be null, and have the column's type when the column
// cannot be null.
import { columnsOf } from "../../analyze/table-schema.js";
import type { ModuleContext } from "../core/context.js";
import { scalarStaticType, type RowValue, type StaticType } from "../core/types.js";

/** Whether a column holds booleans (or null, where it is nullable). */
export function isBoolColumn(row: RowValue, column: string, ctx: ModuleContext): boolean {
  const c = columnsOf(ctx.workspace, row.table)?.get(column);
  return c !== undefined && !c.list && scalarStaticType(c.type) === "bool";
}

/**
 * A column read on a row: the column's static type (unknown where it may be null), or
 * undefined when the row's table has no such column (read as Xano does: null, untyped).
 */
export function columnType(row: RowValue, column: string, ctx: ModuleContext): StaticType | undefined {
  const c = columnsOf(ctx.workspace, row.table)?.get(column);
  if (c === undefined) return undefined;
  if (c.nullable) return "unknown";
  if (c.list) return "list";
  return scalarStaticType(c.type) ?? "unknown";
}
