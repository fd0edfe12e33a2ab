// Text in the generated README.md and MIGRATION.md never changes their structure (issue 11):
// fast-check puts arbitrary text through escape.ts's Markdown rules in every position they are
// used (a heading, a paragraph, a list item's start, a code span, a table cell's text and code),
// parses the document with a real Markdown parser (prettier's: remark, with GFM tables) and
// checks that the document has exactly the blocks written, nothing inside them but text and
// code, and that each text reads back as exactly oneLine(text). 3,000 cases; the .env.example
// comment rule on the same texts. The generated files themselves are parsed the same way in
// test/emit/escaping-property.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { dotenvComment, markdownCellCode, markdownCode, markdownText, oneLine } from "../../src/emit/core/escape.ts";
import { hostile } from "../support/hostile.ts";
import { codeSpans, markdownTree, textOf, type MdNode } from "../support/markdown.ts";

const nonEmpty = hostile.filter((text) => text !== "");

describe("Markdown escaping of arbitrary text", () => {
  it("keeps every block as written and reads each text back exactly (3,000 cases)", async () => {
    await fc.assert(
      // Empty text makes no paragraph: the generator writes none.
      fc.asyncProperty(nonEmpty, async (text) => {
        const plain = markdownText(text);
        const code = markdownCode(text);
        const document = [
          `# ${plain}`,
          "",
          plain,
          "",
          `- ${plain}`,
          `- ${code} ${plain}`,
          "",
          "| text | code |",
          "| --- | --- |",
          `| ${plain} | ${markdownCellCode(text)} |`,
          "",
          `## ${code}`,
          "",
        ].join("\n");
        const tree = await markdownTree(document);
        const blocks = tree.children ?? [];
        assert.deepEqual(
          blocks.map((b) => b.type),
          ["heading", "paragraph", "list", "table", "heading"],
          document,
        );
        const [heading, paragraph, list, table, codeHeading] = blocks as MdNode[];
        const flat = oneLine(text);
        assert.equal(textOf(heading), flat, "heading");
        assert.equal(textOf(paragraph), flat, "paragraph");
        const items = list.children ?? [];
        assert.equal(items.length, 2, "list items");
        assert.deepEqual(
          items.map((item) => (item.children ?? []).map((c) => c.type)),
          [["paragraph"], ["paragraph"]],
          "each list item is one paragraph",
        );
        assert.equal(textOf(items[0]), flat, "list item");
        const rows = table.children ?? [];
        assert.deepEqual(
          rows.map((row) => (row.children ?? []).length),
          [2, 2],
          "two rows of two cells",
        );
        assert.equal(textOf(rows[1].children![0]), flat, "table cell");
        const expectedCode = [flat];
        assert.deepEqual(codeSpans(document, items[1]), expectedCode, "code span in a list item");
        // A `\|` in the text makes it plain text in a cell (see markdownCellCode).
        const cell = rows[1].children![1];
        if (flat.includes("\\|")) assert.equal(textOf(cell), flat, "text in a table cell");
        else assert.deepEqual(codeSpans(document, cell), expectedCode, "code span in a table cell");
        assert.deepEqual(codeSpans(document, codeHeading), expectedCode, "code span in a heading");
      }),
      { numRuns: 3000 },
    );
  });

  it("writes a .env.example comment as one line (3,000 cases)", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const comment = dotenvComment(text);
        assert.match(comment, /^# /);
        assert.doesNotMatch(comment, /[\n\r\u2028\u2029]/);
      }),
      { numRuns: 3000 },
    );
  });
});
