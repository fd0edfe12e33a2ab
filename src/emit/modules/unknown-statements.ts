// A statement name no family knows is a mistake in the input (`db.qeury`), reported when the
// workspace is built, with the nearest known name, rather than left to throw "Not migrated"
// when the code runs. Known statements that are not translated stay "not migrated".
import type { BlockItem, CallStatement } from "../../ast.js";
import { nestedBlocks } from "../../analyze/blocks.js";
import { nearest } from "../../analyze/nearest.js";
import type { WorkspaceObject } from "../../analyze/workspace.js";
import type { Diagnostic } from "../../diagnostics/format.js";
import { knownStatements } from "../stack/dispatch.js";

export function unknownStatements(objects: readonly WorkspaceObject[]): Diagnostic[] {
  const known = knownStatements();
  const isKnown = (name: string) => known.names.has(name) || known.prefixes.some((prefix) => name.startsWith(prefix));
  const diagnostics: Diagnostic[] = [];
  for (const object of objects) {
    const stack = object.construct.body.find(
      (i): i is CallStatement => i.kind === "CallStatement" && i.name === "stack",
    );
    for (const s of statementsIn(stack?.body ?? [])) {
      if (isKnown(s.name)) continue;
      const guess = nearest(s.name, known.names);
      diagnostics.push({
        severity: "error",
        code: "XS2002",
        message: `unknown statement ${s.name}${guess ? ` (did you mean ${guess}?)` : ""}`,
        path: object.relativePath,
        position: s.span.start,
      });
    }
  }
  return diagnostics;
}

/**
 * The statements of a stack, nested ones included. Inside a statement's block only nested
 * stacks (`stack`, `group`, `db.transaction { stack … }`) hold statements; the rest are its
 * parameters. A statement switched off in Xano (`!name`) is kept as a comment, not checked.
 */
function* statementsIn(items: readonly BlockItem[]): Generator<CallStatement> {
  for (const item of items) {
    if ("disabled" in item && item.disabled) continue;
    if (item.kind !== "CallStatement") {
      for (const block of nestedBlocks(item)) yield* statementsIn(block);
      continue;
    }
    yield item;
    if (item.name === "stack" || item.name === "group") yield* statementsIn(item.body ?? []);
    else
      for (const inner of item.body ?? [])
        if (inner.kind === "CallStatement" && inner.name === "stack") yield* statementsIn(inner.body ?? []);
  }
}
