// A field's `filters=` (of a table column or a function input) as the [name, ...args] lists
// the runtime applies (templates/runtime/field-filters.ts), and those it cannot apply.
import type { FieldDecl, Position } from "../ast.js";
import { FIELD_FILTER_NAMES, type FieldFilter } from "../../templates/runtime/field-filters.js";
import { literal } from "./literal.js";

export interface FilterProblem {
  message: string;
  position: Position;
}

/**
 * A field's active `filters=` (`!trim` is switched off in Xano, so left out) with literal
 * arguments, and the filters the runtime cannot apply. Those stay in the list under a name
 * the runtime does not know (`min:?` for an argument that is no literal), so that reaching
 * them throws "Not migrated" rather than letting a value through unchecked.
 */
export function fieldFilters(f: FieldDecl): { filters: FieldFilter[]; problems: FilterProblem[] } {
  const filters: FieldFilter[] = [];
  const problems: FilterProblem[] = [];
  const list = f.attributes.find((a) => a.name === "filters")?.value;
  if (list?.kind !== "FilterList") return { filters, problems };
  for (const x of list.filters) {
    if (x.disabled) continue;
    const args = x.args.map(literal);
    const position = list.span.start;
    if (!FIELD_FILTER_NAMES.has(x.name)) {
      problems.push({
        message: `the input filter ${x.name} on ${f.name} is not migrated (xs2ts knows no such input filter)`,
        position,
      });
    } else if (!args.every((a) => typeof a === "string" || typeof a === "number" || typeof a === "boolean")) {
      problems.push({
        message: `the input filter ${x.name} on ${f.name} is not migrated (its argument is not a literal)`,
        position,
      });
      filters.push([`${x.name}:?`]);
      continue;
    }
    filters.push([x.name, ...(args as (string | number | boolean)[])]);
  }
  return { filters, problems };
}
