// `xs2ts schedule <task.xs or folder> [--from <iso>] [--next N]`: the next firings of a task (or
// of every task in a workspace), computed by the same code the generated scheduler runs, to
// check a migration before switching over.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Construct } from "../ast.js";
import { scheduleOf } from "../analyze/schedule.js";
import { loadWorkspace } from "../analyze/workspace.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import { ParseError } from "../parser/errors.js";
import { parse } from "../parser/parse.js";
import {
  cronsFor,
  describeSchedule,
  formatIso,
  nextFirings,
  parseTimestamp,
} from "../../templates/runtime/schedule.js";
import type { Io } from "./io.js";
import { UsageError } from "../analyze/xs-files.js";
import { readArgs } from "./args.js";

const USAGE =
  "Usage: xs2ts schedule <task.xs or workspace folder> [--from <ISO instant, default now>] [--next N (default 10)]";

export async function scheduleCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = readArgs(
    "schedule",
    args,
    { from: { type: "string" }, next: { type: "string", default: "10" }, help: { type: "boolean" } },
    USAGE,
  );
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [path, extra] = positionals;
  if (path === undefined) throw new UsageError(`schedule needs a task file or a workspace folder\n\n${USAGE}`);
  if (extra !== undefined) throw new UsageError(`schedule takes one task file or folder, not also "${extra}"`);
  const count = Number(values.next);
  if (!Number.isInteger(count) || count < 1)
    throw new UsageError(`--next must be a positive whole number, not "${values.next}"`);
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
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) return scheduleWorkspace(path, from, count, io);
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch {
    throw new UsageError(`no such file or folder: ${path}`);
  }
  let construct;
  try {
    construct = parse(source, path).construct;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    io.err(
      formatDiagnostic(
        { severity: "error", code: "XS1001", message: error.message, path, position: error.position },
        source,
        io.color,
      ),
    );
    return 1;
  }
  if (construct.type !== "task") {
    io.err(`${path}: error: this file defines a ${construct.type}, not a task`);
    return 1;
  }
  return printFirings(construct, path, source, from, count, io) ? 0 : 1;
}

/** Every task below a workspace folder, by name; files that do not parse are reported (exit 1). */
function scheduleWorkspace(folder: string, from: number, count: number, io: Io): number {
  const ws = loadWorkspace(folder);
  for (const d of ws.diagnostics) io.err(formatDiagnostic(d, readFileSync(join(folder, d.path), "utf8"), io.color));
  if (ws.tasks.length === 0) io.out(`no tasks in ${folder}`);
  let ok = ws.diagnostics.length === 0;
  for (const [i, task] of ws.tasks.entries()) {
    if (i > 0) io.out("");
    ok = printFirings(task.construct, join(folder, task.relativePath), task.source, from, count, io) && ok;
  }
  return ok ? 0 : 1;
}

/** A task's schedule in words and its next firings; false when the schedule has problems. */
function printFirings(
  construct: Construct,
  path: string,
  source: string,
  from: number,
  count: number,
  io: Io,
): boolean {
  const schedule = scheduleOf(construct);
  for (const p of schedule.problems) {
    io.err(
      formatDiagnostic(
        { severity: "error", code: "XS3005", message: p.message, path, position: p.position },
        source,
        io.color,
      ),
    );
  }
  if (schedule.problems.length > 0) return false;
  io.out(
    `task ${JSON.stringify(construct.name)}${schedule.active ? "" : " (active = false: generated, never scheduled)"}`,
  );
  for (const entry of schedule.entries) {
    const crons = cronsFor(entry);
    io.out(
      `  ${describeSchedule(entry)}${crons ? ` — cron ${crons.join(" + ")} (UTC)` : " — anchored interval, checked every tick"}`,
    );
  }
  if (schedule.entries.length === 0) {
    io.out("  no schedule: it runs only when started by hand (npm run task)");
    return true;
  }
  const firings = nextFirings(schedule.entries, from, count);
  io.out(`next ${firings.length} firing${firings.length === 1 ? "" : "s"} after ${formatIso(from)}:`);
  for (const ms of firings) io.out(`  ${formatIso(ms)}`);
  if (firings.length < count) io.out(`  (no more firings: the schedule ends)`);
  return true;
}
