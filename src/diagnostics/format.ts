// Diagnostics as people read them: `path:line:col: error: message` and a code frame.
import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import type { Position } from "../ast.js";

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
  const where = `${d.path}:${d.position.line}:${d.position.col}`;
  const label = d.severity === "error" ? paint.red("error") : paint.yellow("warning");
  const head = `${paint.bold(where)}: ${label}: ${d.message} ${paint.dim(`[${d.code}]`)}`;
  if (source === undefined) return head;
  const frame = codeFrameColumns(source, { start: { line: d.position.line, column: d.position.col } }, { highlightCode: color, linesAbove: 2, linesBelow: 1 });
  return `${head}\n${frame}`;
}

export function diagnosticJson(d: Diagnostic): Record<string, unknown> {
  return { severity: d.severity, code: d.code, message: d.message, path: d.path, line: d.position.line, column: d.position.col };
}
