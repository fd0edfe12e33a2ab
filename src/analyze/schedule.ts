// A task's `schedule = [{starts_on, freq, ends_on?}, …]` as data, read the same way by the
// task module, the generated README and `xs2ts schedule`.
import { prop, unparen, type Construct, type Position } from "../ast.js";
import { xanoTimestampToIso } from "../../templates/runtime/schedule.js";
import type { ScheduleEntry } from "../../templates/runtime/task.js";

export interface TaskSchedule {
  active: boolean;
  entries: ScheduleEntry[];
  /** Entries that could not be read, with where they are. */
  problems: { message: string; position: Position }[];
}

export function scheduleOf(task: Construct): TaskSchedule {
  const active = prop(task, "active");
  const result: TaskSchedule = {
    active: !(active && unparen(active).kind === "Bool" && (unparen(active) as { value: boolean }).value === false),
    entries: [],
    problems: [],
  };
  const schedule = prop(task, "schedule");
  if (schedule === undefined) return result;
  const list = unparen(schedule);
  // The older block form `schedule { events = [...] }` is not a property; a lone object is one entry.
  for (const e of list.kind === "Array" ? list.elements : [list]) {
    const entry = unparen(e);
    if (entry.kind !== "Object") {
      result.problems.push({
        message: "a schedule entry must be an object {starts_on, freq, ends_on}",
        position: entry.span.start,
      });
      continue;
    }
    const get = (key: string) => {
      const v = entry.entries.find((x) => x.key === key)?.value;
      return v === undefined ? undefined : unparen(v);
    };
    const starts = get("starts_on");
    const freq = get("freq");
    const ends = get("ends_on");
    try {
      if (starts?.kind !== "Timestamp" && starts?.kind !== "String")
        throw new Error("starts_on must be a timestamp like 2025-10-01 06:00:00+0000");
      const out: ScheduleEntry = { startsOn: xanoTimestampToIso(starts.kind === "String" ? starts.value : starts.raw) };
      if (freq !== undefined && freq.kind !== "Null") {
        if (freq.kind !== "Number") throw new Error("freq must be a number of seconds");
        out.everySeconds = freq.value;
      }
      if (ends !== undefined && ends.kind !== "Null") {
        if (ends.kind !== "Timestamp" && ends.kind !== "String") throw new Error("ends_on must be a timestamp");
        out.endsOn = xanoTimestampToIso(ends.kind === "String" ? ends.value : ends.raw);
      }
      result.entries.push(out);
    } catch (error) {
      result.problems.push({ message: (error as Error).message, position: entry.span.start });
    }
  }
  return result;
}
