// The shape of a migrated background task, shared by every task module and the scheduler.

/** One entry of a XanoScript `schedule`: fires at startsOn + k·everySeconds, never after endsOn. */
export interface ScheduleEntry {
  /** ISO 8601 instant in UTC, e.g. "2025-10-01T06:00:00Z". */
  startsOn: string;
  /** Seconds between firings; absent when the entry fires once, at startsOn. */
  everySeconds?: number;
  /** ISO 8601 instant in UTC; a firing at exactly this instant still happens. */
  endsOn?: string;
  /**
   * Plain node-cron expressions (UTC) whose union fires at exactly the entry's instants,
   * when there are any: one expression ("0 6 * * 3"), or several when one cannot (every
   * 90 minutes from 01:00: ["0 1-22/3 * * *", "30 2-23/3 * * *"]). For reading and for cron
   * tooling; the scheduler follows startsOn/everySeconds and warns when these do not match.
   */
  cron?: string | readonly string[];
}

export interface Task {
  /** The task's name in Xano, unchanged. */
  name: string;
  /** Inactive tasks are generated but never scheduled (as in Xano). */
  active: boolean;
  description?: string;
  datasource?: string;
  tags?: readonly string[];
  /** Xano's own identifier, carried as metadata only. */
  guid?: string;
  /**
   * How many finished runs the scheduler keeps in its table (`npm run history -- <name>`):
   * a number (0: none), or "all". Absent: TASK_HISTORY, as Xano's `{inherit: true}`.
   */
  history?: number | "all";
  schedule: readonly ScheduleEntry[];
  run(): Promise<void>;
}

/** A `run.job`: runs its main function once with fixed input and gives back the result. */
export interface Job {
  /** The job's name in Xano, unchanged. */
  name: string;
  description?: string;
  run(): Promise<unknown>;
}
