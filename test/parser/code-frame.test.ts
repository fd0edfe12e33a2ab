// Diagnostics show source text escaped: an .xs file cannot send terminal controls through them.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { main } from "../../src/cli/main.ts";
import { formatDiagnostic } from "../../src/diagnostics/format.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-frame-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Characters a terminal acts on rather than shows; "\n" separates the frame's own lines. */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

test("xs2ts parse: control characters in the source line reach the terminal escaped, caret in place", async () => {
  const file = join(scratch, "controls.xs");
  // ESC[2J clears the screen, CR returns to the line start, U+202E reverses the text after it.
  writeFileSync(
    file,
    'function f {\n  stack {\n    // \u001b[2Jgone\u0000\n    var $x { value = "\u001b[31mred\r\u2028\u202e" + }\n  }\n}\n',
  );
  const err: string[] = [];
  const code = await main(["parse", file], { out: () => {}, err: (l) => err.push(l), color: false });
  assert.equal(code, 1);
  const text = err.join("\n");
  assert.doesNotMatch(text, UNPRINTABLE);
  assert.match(text, /controls\.xs:4:\d+: error: /);
  assert.match(text, /\\x1b\[2Jgone\\x00/);
  const line = text.split("\n").find((l) => l.startsWith("> 4 |"))!;
  assert.equal(line, '> 4 |     var $x { value = "\\x1b[31mred\\x0d\\u2028\\u202e" + }');
  // The error is at the "}" after "+": the caret stands under it in the escaped line.
  const caret = text.split("\n")[text.split("\n").indexOf(line) + 1]!;
  assert.equal(caret.indexOf("^"), line.lastIndexOf("}"));
});

test("any text in a source line, message or path prints without terminal controls, in colour too", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "binary" }),
      fc.boolean(),
      (inserted, message, color) => {
        const source = `function f {\n  ${inserted}\n  x${inserted}y\n}\n`;
        const out = formatDiagnostic(
          {
            severity: "error",
            code: "XS1001",
            message,
            path: `a${inserted}.xs`,
            position: { offset: 0, line: 3, col: 3 + inserted.length },
          },
          source,
          color,
        );
        // Colour output has picocolors' own SGR sequences: remove them; nothing else may remain.
        const plain = color ? out.replace(/\u001b\[\d+(;\d+)*m/g, "") : out;
        assert.doesNotMatch(plain, UNPRINTABLE);
      },
    ),
    { numRuns: 500 },
  );
});
