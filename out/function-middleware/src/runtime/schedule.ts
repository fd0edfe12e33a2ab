// When a migrated task fires: XanoScript timestamps, the instants of a schedule, the exact
// cron expression for it when one exists, and the schedule in plain English.
//
// The rules (decided for xs2ts; Xano does not document them):
// - an entry fires at startsOn + k·everySeconds for k = 0, 1, 2, …, never after endsOn,
//   and an instant equal to endsOn still fires;
// - an entry without everySeconds fires once, at startsOn;
// - a schedule's entries fire independently; two entries on the same instant fire it once;
// - "after" means strictly after: an instant equal to `fromMs` is not a next firing, so a
//   scheduler started at an instant does not fire for that instant (no catch-up).
//
// Pure and dependency-free; all arithmetic is on integer milliseconds.

import type { ScheduleEntry } from "./task.js";

const MS = 1000;
const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const WEEK = 604_800;

/** One schedule entry with its instants in epoch milliseconds: the anchored series. */
export interface Series {
  startMs: number;
  /** Absent when the entry fires once. */
  periodMs?: number;
  /** Inclusive. */
  endMs?: number;
}

/** What the functions below accept: one entry, or a task's whole schedule. */
export type ScheduleLike = ScheduleEntry | Series | readonly (ScheduleEntry | Series)[];

// ---------------------------------------------------------------------------------------
// Timestamps

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/**
 * Parses a XanoScript timestamp literal (`2025-10-01 06:00:00+0000`) or an ISO 8601 instant
 * (`2025-10-01T06:00:00Z`, `…+05:30`) to epoch milliseconds. The UTC offset is required:
 * a time without one would be a guess.
 */
export function parseTimestamp(text: string): number {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) {
    throw new RangeError(`Not a timestamp with a UTC offset: "${text}" (expected e.g. "2025-10-01 06:00:00+0000")`);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? 0);
  const millis = Number((m[7] ?? "").slice(0, 3).padEnd(3, "0"));
  const offsetMinutes = parseOffset(m[8] ?? "Z", text);
  if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a valid date and time: "${text}"`);
  }
  let ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (year < 100) ms = new Date(ms).setUTCFullYear(year); // Date.UTC reads 0–99 as 1900–1999
  return ms - offsetMinutes * 60 * MS;
}

function parseOffset(text: string, whole: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (hours > 23 || minutes > 59) throw new RangeError(`Not a valid UTC offset in "${whole}"`);
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Formats an instant as ISO 8601 UTC: `2025-10-01T06:00:00Z` (milliseconds only when not zero). */
export function formatIso(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}

/** `2025-10-01 06:00:00+0000` → `2025-10-01T06:00:00Z`: how generated code writes instants. */
export function xanoTimestampToIso(text: string): string {
  return formatIso(parseTimestamp(text));
}

// ---------------------------------------------------------------------------------------
// Firing instants

/**
 * Checks an entry and returns its series. Throws on what cannot be scheduled exactly: a
 * startsOn with a fraction of a second (cron has whole seconds), or a frequency that is not
 * a positive whole number of seconds.
 */
export function toSeries(entry: ScheduleEntry | Series): Series {
  if ("startMs" in entry) return entry;
  const startMs = parseTimestamp(entry.startsOn);
  if (startMs % MS !== 0) {
    throw new RangeError(`startsOn must be a whole second: "${entry.startsOn}"`);
  }
  const series: Series = { startMs };
  if (entry.everySeconds !== undefined) {
    if (!Number.isSafeInteger(entry.everySeconds) || entry.everySeconds <= 0) {
      throw new RangeError(`everySeconds must be a positive whole number, not ${entry.everySeconds}`);
    }
    series.periodMs = entry.everySeconds * MS;
  }
  if (entry.endsOn !== undefined) series.endMs = parseTimestamp(entry.endsOn);
  return series;
}

function seriesList(schedule: ScheduleLike): Series[] {
  return isList(schedule) ? schedule.map(toSeries) : [toSeries(schedule)];
}

function isList(schedule: ScheduleLike): schedule is readonly (ScheduleEntry | Series)[] {
  return Array.isArray(schedule);
}

/** True when `ms` is a firing instant of the schedule. */
export function firesAt(schedule: ScheduleLike, ms: number): boolean {
  return seriesList(schedule).some((s) => seriesFiresAt(s, ms));
}

function seriesFiresAt(s: Series, ms: number): boolean {
  if (ms < s.startMs || (s.endMs !== undefined && ms > s.endMs)) return false;
  return s.periodMs === undefined ? ms === s.startMs : (ms - s.startMs) % s.periodMs === 0;
}

/** The series' first firing strictly after `fromMs`, or undefined when it has none left. */
function nextOf(s: Series, fromMs: number): number | undefined {
  let next: number;
  if (fromMs < s.startMs) next = s.startMs;
  else if (s.periodMs === undefined) return undefined;
  else next = s.startMs + (Math.floor((fromMs - s.startMs) / s.periodMs) + 1) * s.periodMs;
  return s.endMs !== undefined && next > s.endMs ? undefined : next;
}

/** The first `count` firings strictly after `fromMs`, in order, each instant once. */
export function nextFirings(schedule: ScheduleLike, fromMs: number, count: number): number[] {
  const all = seriesList(schedule);
  const next = all.map((s) => nextOf(s, fromMs));
  const out: number[] = [];
  while (out.length < count) {
    let min = Infinity;
    for (const t of next) if (t !== undefined && t < min) min = t;
    if (min === Infinity) break;
    out.push(min);
    // Every entry due at this instant moves on: coinciding entries fire once.
    all.forEach((s, i) => {
      if (next[i] === min) next[i] = nextOf(s, min);
    });
  }
  return out;
}

/** The firings in (fromMs, toMs], at most `limit` of them. */
export function firingsBetween(schedule: ScheduleLike, fromMs: number, toMs: number, limit = 10_000): number[] {
  const all = seriesList(schedule);
  const out: number[] = [];
  let cursor = fromMs;
  while (out.length < limit) {
    const [t] = nextFirings(all, cursor, 1);
    if (t === undefined || t > toMs) break;
    out.push(t);
    cursor = t;
  }
  return out;
}

/** The last firing: Infinity when the schedule never ends, undefined when it never fires. */
export function lastFiring(schedule: ScheduleLike): number | undefined {
  let last: number | undefined;
  for (const s of seriesList(schedule)) {
    if (s.endMs !== undefined && s.endMs < s.startMs) continue;
    const t =
      s.periodMs === undefined
        ? s.startMs
        : s.endMs === undefined
          ? Infinity
          : s.startMs + Math.floor((s.endMs - s.startMs) / s.periodMs) * s.periodMs;
    if (last === undefined || t > last) last = t;
  }
  return last;
}

// ---------------------------------------------------------------------------------------
// Cron

/**
 * The fewest plain node-cron expressions (UTC) whose union fires at exactly the instants
 * startsOn + k·everySeconds for every integer k (bounds are for the scheduler to enforce),
 * or undefined when there are none: they exist when the frequency divides a minute, is
 * whole minutes dividing a day, or is exactly a week. One expression does when the
 * frequency divides a minute, is whole minutes dividing an hour, whole hours dividing a
 * day, or a week. Other frequencies of whole minutes dividing a day need one expression
 * per set of hours sharing the same minutes: every 90 minutes from 00:00 is
 * `0 0,3,…,21 * * *` plus `30 1,4,…,22 * * *`; every 8 minutes is one expression for the
 * even hours and one for the odd hours. Every 2 days has none (day-of-month steps restart
 * each month), nor has every 7 hours, nor a one-off entry.
 */
export function cronsFor(entry: ScheduleEntry | Series): string[] | undefined {
  const s = toSeries(entry);
  if (s.periodMs === undefined) return undefined;
  const anchor = s.startMs / MS;
  const period = s.periodMs / MS;
  const single = cronForPeriod(anchor, period);
  if (single !== undefined) return [single];
  if (period % MINUTE !== 0 || DAY % period !== 0) return undefined;
  return cronsForMinutes(anchor, period);
}

/**
 * `cronsFor` as a schedule entry's `cron` holds it: the expression itself when one is
 * enough (`"0 6 * * 3"`), the list when several are needed, undefined when there are none.
 */
export function cronFor(entry: ScheduleEntry | Series): string | string[] | undefined {
  const list = cronsFor(entry);
  return list?.length === 1 ? list[0] : list;
}

/** A schedule entry's `cron` as a list (it holds a string when one expression is enough). */
export function cronList(cron: string | readonly string[] | undefined): string[] {
  return cron === undefined ? [] : typeof cron === "string" ? [cron] : [...cron];
}

/**
 * The cron expression a scheduler could tick on for a whole schedule: the coarsest exact
 * cron of a series that contains every instant of every entry (at worst, every second).
 * Instants of the entries that are not firings (e.g. every 30 minutes for an
 * every-90-minutes entry) are filtered out with `firesAt`. Undefined for an empty schedule.
 */
export function tickCronFor(schedule: ScheduleLike): string | undefined {
  const all = seriesList(schedule);
  const first = all[0];
  if (first === undefined) return undefined;
  return cronForPeriod(first.startMs / MS, tickPeriod(all)) as string;
}

/**
 * The cron expressions a scheduler ticks on for a whole schedule, one node-cron job each:
 * the entries' own exact expressions (`cronsFor`) when every entry has them and they tick
 * less often than `tickCronFor` would, otherwise `tickCronFor` alone. So an entry with exact
 * expressions ticks on exactly its instants, and two daily entries share one expression
 * (`0 9,21 * * *`). An instant may be ticked by two expressions (entries that share
 * instants): the scheduler handles it once. Undefined for an empty schedule.
 */
export function tickCronsFor(schedule: ScheduleLike): string[] | undefined {
  const all = seriesList(schedule);
  const first = all[0];
  if (first === undefined) return undefined;
  const coarsePeriod = tickPeriod(all);
  const coarse = cronForPeriod(first.startMs / MS, coarsePeriod) as string;
  const exact: string[] = [];
  let exactPerWeek = 0; // ticks per week of the entries' expressions, counted per entry
  for (const s of all) {
    const crons = s.periodMs === undefined ? undefined : cronsFor(s);
    if (crons === undefined) return [coarse];
    exact.push(...crons);
    exactPerWeek += WEEK / ((s.periodMs as number) / MS);
  }
  return WEEK / coarsePeriod <= exactPerWeek ? [coarse] : [...new Set(exact)];
}

/** The period of the coarsest cron grid that holds every instant of every series. */
function tickPeriod(all: readonly Series[]): number {
  const anchor = (all[0] as Series).startMs / MS;
  // Modulo a week, every entry's instants are anchor + j·q for this q (a divisor of a week).
  let q = 0;
  for (const s of all) {
    q = gcd(q, s.periodMs === undefined ? WEEK : gcd(s.periodMs / MS, WEEK));
    q = gcd(q, mod(s.startMs / MS - anchor, WEEK));
  }
  return largestCronPeriodDividing(q);
}

/** The largest divisor of q (q divides a week) that has an exact cron. */
function largestCronPeriodDividing(q: number): number {
  if (q === WEEK) return WEEK;
  const g = gcd(q, DAY);
  if (g % HOUR === 0) return g;
  if (g % MINUTE === 0) return gcd(g, HOUR);
  return gcd(g, MINUTE);
}

/** Cron for the series anchor + k·period (seconds), if it has one. */
function cronForPeriod(anchor: number, period: number): string | undefined {
  const first = mod(anchor, period); // first instant of each day (or week) in seconds
  const timeOfDay = mod(anchor, DAY);
  let second: string;
  let minute = "*";
  let hour = "*";
  let weekday = "*";
  if (period === WEEK) {
    second = String(timeOfDay % 60);
    minute = String(Math.floor(timeOfDay / 60) % 60);
    hour = String(Math.floor(timeOfDay / 3600));
    weekday = String(new Date(anchor * MS).getUTCDay());
  } else if (DAY % period !== 0) {
    return undefined;
  } else if (MINUTE % period === 0) {
    second = progression(first, period, 60);
  } else if (period % MINUTE === 0 && HOUR % period === 0) {
    second = String(first % 60);
    minute = progression(Math.floor(first / 60), period / 60, 60);
  } else if (period % HOUR === 0) {
    second = String(first % 60);
    minute = String(Math.floor(first / 60) % 60);
    hour = progression(Math.floor(first / 3600), period / 3600, 24);
  } else {
    return undefined;
  }
  const fields = [minute, hour, "*", "*", weekday];
  return (second === "0" ? fields : [second, ...fields]).join(" ");
}

/**
 * Cron for anchor + k·period (seconds) when the period is whole minutes dividing a day but
 * has no single cron: the minutes of an hour repeat every `cycle` hours, and each hour of
 * that cycle that has firings is one expression, for its hours (one every `cycle`) and its
 * minutes. Two hours share their minutes only when they are a multiple of `cycle` apart,
 * and hours with different minutes have none in common (the minutes are one residue
 * modulo the period each), so no expression can serve two of these groups: the list is
 * as short as it can be.
 */
function cronsForMinutes(anchor: number, period: number): string[] {
  const first = mod(anchor, period); // the day's first instant, in seconds
  const second = first % 60;
  const firstMinute = Math.floor(first / 60);
  const step = period / 60; // minutes
  const cycle = step / gcd(step, 60); // hours; divides 24 since step divides 24·60
  const out: string[] = [];
  for (let h = 0; h < cycle; h++) {
    const m = mod(firstMinute - 60 * h, step); // the hour's first firing minute, if below 60
    if (m >= 60) continue;
    const fields = [progression(m, step, 60), progression(h, cycle, 24), "*", "*", "*"];
    out.push((second === 0 ? fields : [String(second), ...fields]).join(" "));
  }
  return out;
}

/** A cron field for first, first+step, … below size, written as a person would. */
function progression(first: number, step: number, size: number): string {
  if (step === 1) return "*";
  const values: number[] = [];
  for (let v = first; v < size; v += step) values.push(v);
  if (values.length === 1) return String(first);
  if (first === 0) return `*/${step}`;
  if (values.length <= 4) return values.join(",");
  return `${first}-${values.at(-1)}/${step}`;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

// ---------------------------------------------------------------------------------------
// Words

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * The entry in plain English, for comments and the README, e.g.
 * "Every 7 days at 06:00 UTC, from Wed 2025-10-01 until 2025-10-26 19:51:05 UTC",
 * "Every 90 minutes from Wed 2025-10-01 06:00 UTC", "Once, at 2025-11-28 05:56:27 UTC".
 */
export function describeSchedule(entry: ScheduleEntry | Series): string {
  const s = toSeries(entry);
  if (s.endMs !== undefined && s.endMs < s.startMs) {
    return `Never: ends (${dateTime(s.endMs)} UTC) before it starts (${dateTime(s.startMs)} UTC)`;
  }
  if (s.periodMs === undefined) return `Once, at ${dateTime(s.startMs)} UTC`;

  const period = s.periodMs / MS;
  const times = timesOfDay(s.startMs / MS, period);
  let text = every(period);
  text += times ? ` at ${times} UTC, from ${day(s.startMs)}` : ` from ${day(s.startMs)} ${time(s.startMs)} UTC`;
  if (s.endMs !== undefined) text += ` until ${dateTime(s.endMs)} UTC`;
  return text;
}

function every(period: number): string {
  for (const [size, unit] of [
    [DAY, "day"],
    [HOUR, "hour"],
    [MINUTE, "minute"],
    [1, "second"],
  ] as const) {
    if (period % size === 0) {
      const n = period / size;
      return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
    }
  }
  throw new Error("unreachable");
}

/** "06:00" for daily-or-longer periods, "00:17, 06:17, 12:17 and 18:17" for a few times a day. */
function timesOfDay(anchor: number, period: number): string | undefined {
  if (period % DAY === 0) return time(anchor * MS);
  if (period % HOUR !== 0 || DAY % period !== 0 || DAY / period > 4) return undefined;
  const list: string[] = [];
  for (let t = mod(anchor, period); t < DAY; t += period) list.push(time(t * MS));
  return `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`;
}

function day(ms: number): string {
  return `${WEEKDAYS[new Date(ms).getUTCDay()]} ${new Date(ms).toISOString().slice(0, 10)}`;
}

function dateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)} ${time(ms)}`;
}

/** "06:00", or "06:00:30" when the seconds matter. */
function time(ms: number): string {
  const hms = new Date(ms).toISOString().slice(11, 19);
  return hms.endsWith(":00") ? hms.slice(0, 5) : hms;
}
