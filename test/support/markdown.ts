// Reading generated Markdown back in tests: prettier's Markdown parser (remark, GFM tables), so a
// test checks the structure a reader sees rather than matching text.
import assert from "node:assert/strict";
import * as prettier from "prettier";

export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset: number }; end: { offset: number } };
}

/** The Markdown syntax tree (mdast) of `text`. */
export async function markdownTree(text: string): Promise<MdNode> {
  // prettier's parser is reached through its debug entry, the one way it hands out the tree.
  const debug = (prettier as unknown as { __debug: { parse(t: string, o: object): Promise<{ ast: MdNode }> } }).__debug;
  return (await debug.parse(text, { parser: "markdown" })).ast;
}

const CONTAINERS = new Set(["paragraph", "heading", "tableCell", "listItem", "tableRow"]);

/** The text `node` holds, which must be plain text only: any markup inside (emphasis, a link, HTML, code) fails. */
export function textOf(node: MdNode): string {
  if (node.type === "text") return node.value ?? "";
  assert.ok(CONTAINERS.has(node.type), `only text expected, found a ${node.type} node`);
  return (node.children ?? []).map(textOf).join("");
}

/**
 * The code spans in `node`, each as CommonMark reads it from the source (remark trims code
 * spans its own older way): the fence taken off, one space stripped from each end when both
 * ends have one and it is not all spaces, and in a table cell `\|` read as `|` (GFM). Anything
 * in `node` but text and code fails.
 */
export function codeSpans(source: string, node: MdNode, inCell = node.type === "tableCell"): string[] {
  if (node.type === "text") return [];
  if (node.type === "inlineCode") {
    let raw = source.slice(node.position!.start.offset, node.position!.end.offset);
    if (inCell) raw = raw.replace(/\\\|/g, "|");
    const fence = /^`+/.exec(raw)![0].length;
    let content = raw.slice(fence, raw.length - fence);
    if (content.startsWith(" ") && content.endsWith(" ") && !/^ +$/.test(content)) content = content.slice(1, -1);
    return [content];
  }
  assert.ok(CONTAINERS.has(node.type), `only text and code expected, found a ${node.type} node`);
  return (node.children ?? []).flatMap((c) => codeSpans(source, c, inCell));
}
