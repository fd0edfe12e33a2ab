// Attaches each run of whole-line `//` comments to the node that starts on the next line (or,
// after the last node of a block, to that node as its trailing comments), and notes where the
// source leaves a blank line above a node.
import type { Comment, Node, SourceFile } from "../ast.js";

interface Commentable {
  comments: Comment[];
  blankLineBefore?: true;
  detachedComments?: Comment[];
  trailingComments?: Comment[];
  innerComments?: Comment[];
  span: { start: { line: number }; end: { line: number; offset: number } };
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
  const innermost = new Map<Comment, Commentable>();
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
  // What follows the last node of a block up to its closing brace: comments (blank lines
  // between them do not end the run) that no node below claimed.
  visitBlocks(file.construct, (last) => {
    // Only a node that ends its line: in `var $a { value = 1 }` the block's brace follows it.
    const lineEnd = text.indexOf("\n", last.span.end.offset);
    const rest = text.slice(last.span.end.offset, lineEnd < 0 ? text.length : lineEnd).trim();
    if (rest !== "" && !rest.startsWith("//")) return;
    const trailing: Comment[] = [];
    for (let line = last.span.end.line + 1; line <= lines.length; line++) {
      const comment = standalone.get(line);
      if (comment !== undefined && !claimed.has(comment)) trailing.push(comment);
      else if (!blank(line)) break;
    }
    for (const c of trailing) claimed.add(c);
    if (trailing.length > 0) last.trailingComments = trailing;
  });
  // The rest (between a statement's properties, in an empty block): the innermost node around each.
  const rest = [...standalone.values()].filter((c) => !claimed.has(c));
  if (rest.length === 0) return;
  visit(file.construct, (node) => {
    const inside = rest.filter(
      (c) => c.span.start.line > node.span.start.line && c.span.start.line < node.span.end.line,
    );
    // Outermost first: an inner node that also holds one takes it over.
    for (const c of inside) innermost.set(c, node);
  });
  for (const [comment, node] of innermost) (node.innerComments ??= []).push(comment);
}
/** Calls `fn` on every node that can carry comments, outermost first. */
function visit(node: Node, fn: (node: Commentable) => void): void {
  if ("comments" in node && node.kind !== "File") fn(node as Commentable);
  for (const block of blocksOf(node)) for (const child of block) visit(child, fn);
}

/** Calls `fn` on the last node of every block that holds nodes, innermost first. */
function visitBlocks(node: Node, fn: (last: Commentable) => void): void {
  for (const block of blocksOf(node)) {
    for (const child of block) visitBlocks(child, fn);
    const last = block[block.length - 1];
    if (last !== undefined && "comments" in last) fn(last as Commentable);
  }
}

/** The node's blocks of child nodes, each in source order. */
function blocksOf(node: Node): Node[][] {
  switch (node.kind) {
    case "Construct":
      return [node.body];
    case "Fields":
      return [node.fields];
    case "Field":
    case "CallStatement":
      return node.body ? [node.body] : [];
    case "Conditional":
      return [node.clauses];
    case "If":
    case "Foreach":
    case "For":
    case "While":
    case "Each":
    case "Case":
      return [node.body];
    case "Switch":
      return [node.cases];
    case "TryCatch":
      return [node.body, node.catchBody ?? [], node.finallyBody ?? []];
    default:
      return [];
  }
}
