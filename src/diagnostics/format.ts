// Diagnostics as people read them: `path:line:col: error: message` and a code frame.
import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import type { Position } from "../ast.js";
import { printable, printableLine } from "./printable.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  severity: Severity;
  /** A stable code, documented in docs/diagnostics.md (e.g. XS1001). */
  code: string;
  message: string;
  path: string;
  position: Position;
}

export function formatDiagnostic(d: Diagnostic, source: string | undefined, color: boolean): string {
  const paint = color ? pc : pc.createColors(false);
  const where = `${printable(d.path)}:${d.position.line}:${d.position.col}`;
  const label = d.severity === "error" ? paint.red("error") : paint.yellow("warning");
  const head = `${paint.bold(where)}: ${label}: ${printable(d.message)} ${paint.dim(`[${d.code}]`)}`;
  if (source === undefined) return head;
  return `${head}\n${codeFrame(source, d.position, color)}`;
}

/**
 * The lines around `position`, made printable first. Lines are split at "\n" only, as the
 * lexer counts them (the code frame library would also split at CR and U+2028, and number
 * the lines differently).
 */
function codeFrame(source: string, position: Position, color: boolean): string {
  const lines = source.split("\n");
  const index = position.line - 1;
  const at = printableLine(lines[index] ?? "", position.col);
  // Only the lines shown need escaping; the others are left empty, as the frame skips them.
  const text = lines.map((line, i) => (i === index ? at.text : Math.abs(i - index) <= 2 ? printable(line) : ""));
  return codeFrameColumns(
    text.join("\n"),
    { start: { line: position.line, column: at.col } },
    { highlightCode: color, linesAbove: 2, linesBelow: 1 },
  );
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    path: d.path,
    line: d.position.line,
    column: d.position.col,
  };
}
