// Every `xs` code block of the XanoScript reference that is meant to be valid parses.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { test } from "node:test";
import { parseFragment } from "../../src/parser/fragment.ts";
import { filesUnder, sharedPath } from "../support/shared.ts";

const docs = sharedPath("reference/xanoscript-docs");

interface Block {
  file: string;
  line: number;
  code: string;
}

/** Fenced ```xs blocks; a fence indented inside the block (a code sample in a prompt) does not close it. */
function extractBlocks(file: string): Block[] {
  const lines = readFileSync(file, "utf8").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})xs\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const fence = open[2]!;
    let j = i + 1;
    while (
      j < lines.length &&
      !(lines[j]!.trim() === fence && lines[j]!.length - lines[j]!.trimStart().length <= indent + 3)
    )
      j++;
    const code = lines
      .slice(i + 1, j)
      .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
      .join("\n");
    blocks.push({ file, line: i + 1, code });
    i = j;
  }
  return blocks;
}

/** Blocks that are not meant as valid code: placeholders to fill in. */
function isIllustrative(code: string): boolean {
  return /\.\.\.|…|<[a-z_A-Z]+>|\{\{ /.test(code.replace(/"""[^]*?"""|"(?:\\.|[^"\\])*"/g, '""'));
}

/**
 * Blocks that look like code but are not valid XanoScript, each with the reason.
 * Keyed by file and the block's first distinctive line.
 */
const NOT_VALID: { file: string; contains: string; reason: string }[] = [
  {
    file: "database.md",
    contains: 'throw { name = "DuplicateError", value',
    reason: "commas between block properties: essentials.md lists exactly this as a mistake",
  },
  {
    file: "integrations/external-apis.md",
    contains: 'throw { name = "NotFound", value',
    reason: "commas between block properties: essentials.md lists exactly this as a mistake",
  },
  {
    file: "integrations/utilities.md",
    contains: "security.random_number { min = 1, max = 100 }",
    reason: "commas between block properties: essentials.md lists exactly this as a mistake",
  },
  {
    file: "streaming.md",
    contains: '$stream.send { event = "connected", data',
    reason: "commas between block properties (see essentials.md), on a variable used as a statement name",
  },
  {
    file: "middleware.md",
    contains: 'exception_policy = "silent" | "rethrow" | "critical"',
    reason: "a list of the allowed values written as a union, not code",
  },
  {
    file: "syntax/array-filters.md",
    contains: '|fill:5:"x"',
    reason: "filters shown without a value to apply them to",
  },
  {
    file: "types.md",
    contains: "filters=trim|pattern:^",
    reason: "the code block is not closed: the prose after it (`## Nullable vs Optional`) is read as code",
  },
  {
    file: "essentials.md",
    contains: "$var.total       // explicit prefix form",
    reason: "bare expressions mixed into a statement list, as notes, not code",
  },
  {
    file: "syntax.md",
    contains: "$count ?? 10",
    reason: "bare expressions mixed into a statement list, as notes, not code",
  },
  { file: "agents.md", contains: "output {", reason: "a schema block inside an object literal" },
  { file: "addons.md", contains: "<type> <name>", reason: "placeholders" },
];

test("reference code blocks parse", { skip: docs.skip }, () => {
  const failures: string[] = [];
  let parsed = 0;
  let exempt = 0;
  for (const file of filesUnder(docs.path, ".md")) {
    const rel = relative(docs.path, file);
    for (const block of extractBlocks(file)) {
      if (isIllustrative(block.code) || NOT_VALID.some((n) => n.file === rel && block.code.includes(n.contains))) {
        exempt++;
        continue;
      }
      try {
        parseFragment(block.code, file);
        parsed++;
      } catch (error) {
        const p = (error as { position?: { line: number } }).position;
        failures.push(`${rel}:${block.line + (p?.line ?? 1)}: ${(error as Error).message}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(parsed > 400, `only ${parsed} blocks parsed (${exempt} exempt)`);
});

test("every exemption still matches a block (none is stale)", { skip: docs.skip }, () => {
  const all = filesUnder(docs.path, ".md").flatMap((f) =>
    extractBlocks(f).map((b) => ({ rel: relative(docs.path, f), code: b.code })),
  );
  for (const n of NOT_VALID) {
    assert.ok(
      all.some((b) => b.rel === n.file && b.code.includes(n.contains)),
      `stale exemption: ${n.file} ${n.contains}`,
    );
  }
});
