// The import's closing report: a row per table, then each table's first rejection explained.
import type { TableResult } from "./load.js";

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) =>
    r
      .map((cell, i) => (i >= 2 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd(),
  );
}

function shown(value: unknown): string {
  const text = value === undefined ? "(missing)" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function reportLines(results: readonly TableResult[], notes: readonly string[]): string[] {
  const lines = pad([
    ["table", "source", "read", "written", "rejected", "status"],
    ...results.map((r) => [r.table, r.source, String(r.read), String(r.written), String(r.rejected), r.status]),
  ]);
  for (const r of results) {
    if (r.first)
      lines.push(
        `${r.table}: row id ${shown(r.first.id)}, field ${r.first.field || "(row)"}, value ${shown(r.first.value)}: ${r.first.reason}`,
      );
    if (r.error) lines.push(`${r.table}: the database refused it, nothing of it was written: ${r.error}`);
  }
  const failed = results.filter((r) => r.status === "failed").map((r) => r.table);
  if (failed.length > 0) lines.push(`Failed, rolled back: ${failed.join(", ")}`);
  return [...lines, ...notes];
}
