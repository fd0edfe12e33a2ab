// A task's run history, as Xano keeps one (status, start, duration, error): the rows the
// scheduler claims in `xs2ts_task_runs`, one per firing (and one per `npm run task`), pruned
// to the task's `history`.

import type { Knex } from "knex";
import { unreachable } from "./db-unreachable.js";
import { SettingError, wholeNumberSetting } from "./settings.js";

/** A task's `history` setting: how many finished runs to keep, or "all". */
export type History = number | "all";

/** Checks a `history` value; `from` says where it was read, for the error. */
export function checkHistory(value: unknown, from: string): History {
  if (value === "all") return value;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  throw new Error(`${from}: history is "all" or a whole number of runs ≥ 0, not ${JSON.stringify(value)}`);
}

/**
 * The history of tasks that inherit it (`history = {inherit: true}` in Xano, or no setting):
 * TASK_HISTORY, "all" when unset. It stands for the Xano workspace's own setting.
 */
export function historyFromEnv(value = process.env.TASK_HISTORY): History {
  if (value === undefined || value.trim() === "") return "all";
  const text = value.trim();
  if (text === "all") return text;
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  throw new SettingError(`TASK_HISTORY is "all" or a whole number of runs ≥ 0, not ${JSON.stringify(value)}`);
}

/**
 * How replicas tell a live run from one whose replica died: the replica running it renews its
 * row every `heartbeatMs`; a row not renewed for `missedBeats` beats (`leaseMs`) is abandoned,
 * and no longer blocks its task. Defaults: a beat every 5 s, 3 missed beats, so a task whose
 * replica was killed runs again at its first firing 15 s after the last beat (at most 15 s
 * after the kill). TASK_HEARTBEAT_MS and TASK_MISSED_BEATS change them; every replica, and
 * `npm run history`, must be given the same. Replicas compare their own clocks: keep them in
 * sync (NTP) to well within the lease.
 */
export interface Liveness {
  heartbeatMs: number;
  missedBeats: number;
  leaseMs: number;
}

export function livenessFromEnv(env: NodeJS.ProcessEnv = process.env): Liveness {
  const heartbeatMs = wholeNumberSetting("TASK_HEARTBEAT_MS", 5_000, 1, env);
  const missedBeats = wholeNumberSetting("TASK_MISSED_BEATS", 3, 1, env);
  return { heartbeatMs, missedBeats, leaseMs: heartbeatMs * missedBeats };
}

/**
 * Xano's statuses, plus `skipped` (the previous run was still going) and `abandoned` (its
 * replica stopped renewing it: killed, or cut off from the database).
 */
export type RunStatus = "running" | "complete" | "error" | "skipped" | "abandoned";

/** What started a run: its schedule, or `npm run task`. */
export type RunTrigger = "schedule" | "manual";

/** One firing of a task, as `npm run history` prints it. */
export interface RunRecord {
  task: string;
  /** The firing instant (ISO 8601 UTC). */
  fire_at: string;
  status: RunStatus;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  /** The error's message when the run failed. */
  error: string | null;
  /** The replica that ran it. */
  replica: string;
  trigger: RunTrigger;
}

interface RunRow {
  task: string;
  fire_at: string;
  claimed_by: string;
  claimed_at: string;
  heartbeat_at: string;
  finished_at: string | null;
  outcome: string | null;
  error?: string | null;
  trigger?: string | null;
}

/** The rows' outcome column, in Xano's words; an unfinished row is running until its lease runs out. */
function statusOf(row: RunRow, staleBefore: string): RunStatus {
  if (row.finished_at === null) return row.heartbeat_at < staleBefore ? "abandoned" : "running";
  if (row.outcome === "failed") return "error";
  if (row.outcome === "skipped") return "skipped";
  if (row.outcome === "abandoned") return "abandoned"; // marked by the replica that took the task over
  return "complete"; // ok, or done (a hand-written node-cron job: finished, outcome unknown)
}

export interface ReadHistoryOptions {
  /** Default "xs2ts_task_runs". */
  table?: string;
  /** The most recent runs first, at most this many. Default 20. */
  limit?: number;
  /** An unfinished run not renewed for this long is abandoned. Default: livenessFromEnv(). */
  leaseMs?: number;
  now?: () => number;
}

/** The task's recent runs, the most recent first; none when the scheduler never ran. */
export async function readHistory(db: Knex, task: string, options: ReadHistoryOptions = {}): Promise<RunRecord[]> {
  const table = options.table ?? "xs2ts_task_runs";
  // The first query is where a wrong DATABASE_URL shows: one line naming it.
  if (!(await db.schema.hasTable(table).catch((error: unknown) => Promise.reject(unreachable(error))))) return [];
  const leaseMs = options.leaseMs ?? livenessFromEnv().leaseMs;
  const staleBefore = new Date((options.now ?? Date.now)() - leaseMs).toISOString();
  const rows = (await db(table)
    .where({ task })
    .orderBy("fire_at", "desc")
    .limit(options.limit ?? 20)) as RunRow[];
  return rows.map((row) => ({
    task: row.task,
    fire_at: row.fire_at,
    status: statusOf(row, staleBefore),
    started_at: row.claimed_at, // a firing is claimed right before it runs
    finished_at: row.finished_at,
    duration_ms: row.finished_at === null ? null : Date.parse(row.finished_at) - Date.parse(row.claimed_at),
    error: row.error ?? null,
    replica: row.claimed_by,
    trigger: row.trigger === "manual" ? "manual" : "schedule",
  }));
}

/**
 * Deletes the task's finished rows beyond the `keep` most recent runs (skipped firings are
 * not runs: they go too). Firings at `guardFrom` or later stay whatever `keep` says: a
 * replica whose tick comes late would otherwise find its firing unclaimed and run it again.
 * Manual runs need no such guard: no tick comes for them.
 */
export async function pruneHistory(
  db: Knex,
  table: string,
  task: string,
  keep: History,
  guardFrom: string,
): Promise<number> {
  if (keep === "all") return 0;
  const old = db(table)
    .where({ task })
    .whereNotNull("finished_at")
    .where((q) => void q.where("fire_at", "<", guardFrom).orWhere("trigger", "manual"));
  if (keep > 0) {
    const kept = db(table)
      .select("fire_at")
      .where({ task })
      .whereNotNull("finished_at")
      .whereNot("outcome", "skipped")
      .orderBy("fire_at", "desc")
      .limit(keep);
    // SQLite and PostgreSQL take a LIMIT inside IN (…); the rows kept are chosen in one statement.
    old.whereNotIn("fire_at", kept);
  }
  return old.delete();
}
