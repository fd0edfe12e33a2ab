// Statements as lines of TypeScript, and what every emitter writes in place of a statement
// it cannot translate.
import type { BlockItem, Comment } from "../../ast.js";
import type { ModuleContext } from "./context.js";
import type { Lines } from "./types.js";
import { commentText, lineComments, stringLiteral } from "./escape.js";

/** A statement xs2ts cannot translate yet: it throws when reached, is marked, and is reported. */
export function notMigrated(item: BlockItem, ctx: ModuleContext, why?: string): Lines {
  const what = describe(item);
  ctx.report({
    kind: "not-migrated",
    code: "XS3001",
    message: `${what} is not migrated${why ? `: ${why}` : ""}`,
    position: item.span.start,
  });
  const fn = ctx.rt("errors", "notMigrated");
  return [
    `// TODO(xs2ts): ${what} is not migrated yet (${commentText(ctx.sourcePath)}:${item.span.start.line}).`,
    `${fn}(${stringLiteral(`${what} (${ctx.sourcePath}:${item.span.start.line})`)});`,
  ];
}

export function describe(item: BlockItem): string {
  return item.kind === "CallStatement"
    ? item.name
    : item.kind === "Property"
      ? `${item.name} =`
      : item.kind.toLowerCase();
}

export function comments(list: readonly Comment[]): Lines {
  return list.flatMap((c) => lineComments(c.text, ""));
}

export function indent(lines: Lines): Lines {
  return lines.map((l) => (l === "" ? l : `  ${l}`));
}
