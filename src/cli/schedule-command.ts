// `xs2ts schedule <task.xs> [--from <iso>] [--next N]`: the next firings of a task, computed by
// the same code the generated scheduler runs, to check a migration before switching over.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { scheduleOf } from "../analyze/schedule.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { ParseError } from "../parser/errors.js";
import { parse } from "../parser/parse.js";
import { cronsFor, describeSchedule, formatIso, nextFirings, parseTimestamp } from "../../templates/runtime/schedule.js";
import type { Io } from "./io.js";
import { UsageError } from "../analyze/xs-files.js";

export async function scheduleCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: "string" }, next: { type: "string", default: "10" }, help: { type: "boolean" } },
  });
  if (values.help) {
    io.out("Usage: xs2ts schedule <task.xs> [--from <ISO instant, default now>] [--next N (default 10)]");
    return 0;
  }
  const [path] = positionals;
  if (path === undefined) throw new UsageError("schedule needs a task file: xs2ts schedule <task.xs>");
  const count = Number(values.next);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--next must be a positive whole number, not "${values.next}"`);
  let from = Date.now();
  if (values.from !== undefined) {
    from = Date.parse(values.from);
    if (Number.isNaN(from)) {
      try {
        from = parseTimestamp(values.from);
      } catch {
        throw new UsageError(`--from is not an instant: "${values.from}" (use ISO 8601, e.g. 2025-10-01T06:00:00Z)`);
      }
    }
  }
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`no such file: ${path}`);
  }
  let construct;
  try {
    construct = parse(source, path).construct;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    io.err(formatDiagnostic({ severity: "error", code: "XS1001", message: error.message, path, position: error.position }, source, io.color));
    return 1;
  }
  if (construct.type !== "task") {
    io.err(`${path}: error: this file defines a ${construct.type}, not a task`);
    return 1;
  }
  const schedule = scheduleOf(construct);
  for (const p of schedule.problems) {
    io.err(formatDiagnostic({ severity: "error", code: "XS3005", message: p.message, path, position: p.position }, source, io.color));
  }
  if (schedule.problems.length > 0) return 1;
  io.out(`task ${JSON.stringify(construct.name)}${schedule.active ? "" : " (active = false: generated, never scheduled)"}`);
  for (const entry of schedule.entries) {
    const crons = cronsFor(entry);
    io.out(`  ${describeSchedule(entry)}${crons ? ` — cron ${crons.join(" + ")} (UTC)` : " — anchored interval, checked every tick"}`);
  }
  const firings = nextFirings(schedule.entries, from, count);
  io.out(`next ${firings.length} firing${firings.length === 1 ? "" : "s"} after ${formatIso(from)}:`);
  for (const ms of firings) io.out(`  ${formatIso(ms)}`);
  if (firings.length < count) io.out(`  (no more firings: the schedule ends)`);
  return 0;
}
