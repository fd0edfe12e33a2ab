// Attaches each run of whole-line `//` comments to the node that starts on the next line.
import type { Comment, Node, SourceFile } from "../ast.js";

interface Commentable {
  comments: Comment[];
  span: { start: { line: number } };
}

export function attachComments(file: SourceFile, comments: readonly Comment[], text: string): void {
  if (comments.length === 0) return;
  const standalone = new Map<number, Comment>();
  for (const comment of comments) {
    const lineStart = text.lastIndexOf("\n", comment.span.start.offset - 1) + 1;
    if (text.slice(lineStart, comment.span.start.offset).trim() === "")
      standalone.set(comment.span.start.line, comment);
  }
  const claimed = new Set<Comment>();
  visit(file.construct, (node) => {
    const run: Comment[] = [];
    for (let line = node.span.start.line - 1; standalone.has(line); line--) {
      const comment = standalone.get(line)!;
      if (claimed.has(comment)) break;
      run.unshift(comment);
    }
    for (const c of run) claimed.add(c);
    node.comments = run;
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
