// Attaches each run of whole-line `//` comments to the node that starts on the next line, and
// notes where the source leaves a blank line above a node.
import type { Comment, Node, SourceFile } from "../ast.js";

interface Commentable {
  comments: Comment[];
  blankLineBefore?: true;
  detachedComments?: Comment[];
  span: { start: { line: number } };
}

export function attachComments(file: SourceFile, comments: readonly Comment[], text: string): void {
  const lines = text.split("\n");
  const blank = (line: number): boolean => line >= 1 && lines[line - 1]?.trim() === "";
  const standalone = new Map<number, Comment>();
  for (const comment of comments) {
    const lineStart = text.lastIndexOf("\n", comment.span.start.offset - 1) + 1;
    if (text.slice(lineStart, comment.span.start.offset).trim() === "")
      standalone.set(comment.span.start.line, comment);
  }
  const claimed = new Set<Comment>();
  /** The unclaimed run of standalone comments ending on `line`, first line first. */
  const runEndingAt = (line: number): Comment[] => {
    const run: Comment[] = [];
    for (let l = line; standalone.has(l); l--) {
      const comment = standalone.get(l)!;
      if (claimed.has(comment)) break;
      run.unshift(comment);
    }
    for (const c of run) claimed.add(c);
    return run;
  };
  visit(file.construct, (node) => {
    node.comments = runEndingAt(node.span.start.line - 1);
    let above = (node.comments[0]?.span.start.line ?? node.span.start.line) - 1;
    if (!blank(above)) return;
    while (blank(above - 1)) above--;
    // A paragraph's note: comments, a blank line, then the node.
    const detached = runEndingAt(above - 1);
    if (detached.length > 0) {
      node.detachedComments = detached;
      above = detached[0]!.span.start.line - 1;
      if (!blank(above)) return;
    }
    node.blankLineBefore = true;
  });
}
/** Calls `fn` on every node that can carry comments, outermost first. */
function visit(node: Node, fn: (node: Commentable) => void): void {
  if ("comments" in node && node.kind !== "File") fn(node as Commentable);
  const children: Node[] = [];
  switch (node.kind) {
    case "Construct":
      children.push(...node.body);
      break;
    case "Fields":
      children.push(...node.fields);
      break;
    case "Field":
      if (node.body) children.push(...node.body);
      break;
    case "CallStatement":
      if (node.body) children.push(...node.body);
      break;
    case "Conditional":
      children.push(...node.clauses);
      break;
    case "If":
    case "Foreach":
    case "For":
    case "While":
    case "Each":
    case "Case":
      children.push(...node.body);
      break;
    case "Switch":
      children.push(...node.cases);
      break;
    case "TryCatch":
      children.push(...node.body, ...(node.catchBody ?? []), ...(node.finallyBody ?? []));
      break;
  }
  for (const child of children) visit(child, fn);
}
