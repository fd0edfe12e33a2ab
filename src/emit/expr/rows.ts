// Which stack variables hold whole rows of a table, read from the data layer with the table's
// row type (`rows<CompanyRow>(…)`): a column read on such a row needs no optional chaining
// when the row cannot be null, and has the column's type when the column cannot be null.
import { columnsOf } from "../../analyze/table-schema.js";
import type { ModuleContext } from "../core/context.js";
import { scalarStaticType, type StaticType } from "../core/types.js";

export interface RowValue {
  table: string;
  /** The row type's name as imported (`CompanyRow`). */
  typeName: string;
  /** A list of rows (`db.query`), one row, or one row or null (`db.get`). */
  shape: "list" | "row" | "row-or-null";
}

const known = new WeakMap<ModuleContext, Map<string, RowValue>>();

/** The variables of the module known to hold rows, by XanoScript name. */
export function rowVariables(ctx: ModuleContext): Map<string, RowValue> {
  let map = known.get(ctx);
  if (map === undefined) known.set(ctx, (map = new Map()));
  return map;
}

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
