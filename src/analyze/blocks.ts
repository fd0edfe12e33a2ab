// The statement lists nested in a statement, in source order: what every walk over a stack
// descends into.
import { prop, unparen, type BlockItem, type CallStatement } from "../ast.js";

export function nestedBlocks(item: BlockItem): BlockItem[][] {
  switch (item.kind) {
    case "Conditional":
      return item.clauses.map((c) => c.body);
    case "Foreach":
    case "For":
    case "While":
    case "Each":
    case "If":
    case "Case":
      return [item.body];
    case "Switch":
      return item.cases.map((c) => c.body);
    case "TryCatch":
      return [item.body, item.catchBody ?? [], item.finallyBody ?? []];
    case "CallStatement":
      return item.body ? [item.body] : [];
    default:
      return [];
  }
}

/**
 * Whether a foreach body holds a `remove` of its own (one that drops this loop's current
 * item), anywhere in its blocks but not inside an inner foreach, whose item that would be.
 */
export function removesItems(body: readonly BlockItem[]): boolean {
  return body.some(
    (item) =>
      (item.kind === "CallStatement" && item.name === "remove" && !item.disabled) ||
      (item.kind !== "Foreach" && nestedBlocks(item).some(removesItems)),
  );
}

/** `async = true` → true, absent or false → false, anything else (an expression) → undefined. */
export function asyncFlag(s: { body: CallStatement["body"] }): boolean | undefined {
  const value = prop(s, "async");
  if (value === undefined) return false;
  const v = unparen(value);
  return v.kind === "Bool" ? v.value : undefined;
}
