// Runs migrated tasks on their XanoScript schedules, each firing once across replicas.
//
// How a firing happens:
// 1. node-cron ticks on the task's tick expressions, one job each (schedule.ts
//    `tickCronsFor`: the entries' exact expressions when they have them, otherwise the
//    coarsest cron that hits every instant);
// 2. the tick is dropped unless it is a firing instant of the anchored series, within
//    its bounds, after the scheduler started (no catch-up), and not already handled (two
//    expressions may share an instant: it fires once);
// 3. a firing that comes while the task's previous run is still going is skipped and
//    logged, as in Xano (skip, not queue);
// 4. the firing is claimed in the app's database (`xs2ts_task_runs`): one replica wins,
//    and it also skips the firing when the previous run is still going on another replica
//    (one that renewed its row within the lease: see task-history.ts `Liveness`; a run not
//    renewed for longer is marked abandoned, and no longer blocks the task);
// 5. the winner runs the task, renewing its row every heartbeat; an error is logged (and
//    kept in the run's row), and the next firing happens as usual;
// 6. the end of the run is written to its row; when that fails (the database is briefly
//    away), the replica keeps it in memory and writes it again every heartbeat, and before
//    its next claim, until it is written: a run that succeeded is never left unfinished;
// 7. the task's older rows are pruned to its `history` setting (task-history.ts): the rows
//    are the task's history, read by `npm run history -- <task>`.
//
// The tick source is injectable (`ticks`), and so is the clock (`now`), so tests drive
// instants themselves instead of waiting for them.
//
// node-cron's own `noOverlap` and `runCoordinator` options are not used for these jobs: they
// act on the ticks of one cron job, while a task may tick on several jobs (two for every 90
// minutes), or more often than it fires (every 2 days ticks daily), and overlap is a matter
// of the task, not of a tick; and they cannot be driven by a test clock. The database coordinator below still implements
// node-cron's RunCoordinator, for cron jobs written by hand (`distributed: true`).

import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import cron from "node-cron";
import type { RunCoordinator } from "node-cron";
import type { Knex } from "knex";
import {
  cronList,
  cronsFor,
  describeSchedule,
  firesAt,
  formatIso,
  lastFiring,
  tickCronsFor,
  toSeries,
  type Series,
} from "./schedule.js";
import type { Task } from "./task.js";
import { unreachable } from "./db-unreachable.js";
import { checkHistory, historyFromEnv, livenessFromEnv, pruneHistory, type History } from "./task-history.js";
import { closeAll, workDone } from "./shutdown.js";

// ---------------------------------------------------------------------------------------
// Logging

/** What the scheduler logs through; `console` fits. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** The console, with debug messages only when LOG_LEVEL=debug. */
export const consoleLogger: Logger = {
  debug: (message, ...details) => {
    if (process.env.LOG_LEVEL?.toLowerCase() === "debug") console.debug(message, ...details);
  },
  info: (message, ...details) => console.info(message, ...details),
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};

// ---------------------------------------------------------------------------------------
// Ticks

/** Calls back at the instants of cron expressions (UTC). */
export interface TickSource {
  /**
   * Starts ticking `expression` for the task `name`: `onTick(instantMs)` at each instant,
   * `onMissed(instantMs)` for an instant that passed unseen (event loop blocked).
   * Returns the function that stops it.
   */
  start(
    name: string,
    expression: string,
    onTick: (instantMs: number) => Promise<void>,
    onMissed: (instantMs: number) => void,
  ): () => void;
}

/** Real ticks, from node-cron. */
export function nodeCronTicks(logger: Logger = consoleLogger): TickSource {
  const cronLogger = {
    info: (message: string) => logger.debug(`node-cron: ${message}`),
    warn: (message: string) => logger.warn(`node-cron: ${message}`),
    error: (message: string | Error, err?: Error) => logger.error(`node-cron: ${String(message)}`, err),
    debug: (message: string | Error, err?: Error) => logger.debug(`node-cron: ${String(message)}`, err),
  };
  return {
    start(name, expression, onTick, onMissed) {
      const job = cron.schedule(expression, (context) => onTick(context.date.getTime()), {
        name,
        timezone: "UTC", // schedules are UTC; the server's zone must not matter
        logger: cronLogger,
      });
      job.on("execution:missed", (context) => onMissed(context.date.getTime()));
      return () => void job.destroy();
    },
  };
}

/** Ticks driven by hand, for tests: no cron, no waiting. */
export interface ManualTicks extends TickSource {
  /**
   * Delivers a tick at `instantMs` to every started job (whatever its cron: the scheduler
   * decides whether the instant is a firing, and a task ticking on several expressions
   * handles it once) and resolves once each has decided to run it or not; a run itself
   * may still be going.
   */
  tick(instantMs: number): Promise<void>;
  /** Reports `instantMs` as missed to every started job. */
  miss(instantMs: number): void;
}

export function manualTicks(): ManualTicks {
  const jobs = new Set<{ onTick: (ms: number) => Promise<void>; onMissed: (ms: number) => void }>();
  return {
    start(_name, _expression, onTick, onMissed) {
      const job = { onTick, onMissed };
      jobs.add(job);
      return () => void jobs.delete(job);
    },
    tick(instantMs) {
      return Promise.all(Array.from(jobs, (job) => job.onTick(instantMs))).then(() => {});
    },
    miss(instantMs) {
      for (const job of jobs) job.onMissed(instantMs);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Claims: one replica per firing

export type Claim =
  | { won: true }
  /** `claimed`: another replica has this firing; `busy`: the task's previous run still goes. */
  | { won: false; reason: "claimed" | "busy"; detail: string };

export type Outcome = "ok" | "failed" | "done";

/** Decides which replica runs a firing. */
export interface FiringClaims {
  claim(task: string, fireAtMs: number): Promise<Claim>;
  /**
   * Records the end of the run; `error`: the failed run's error message. When that cannot be
   * written now, it rejects, and the claims keep the end to write it later.
   */
  finish(task: string, fireAtMs: number, outcome: Outcome, error?: string): Promise<void>;
  /** Writes the ends kept from failed finishes; resolves to how many are still unwritten. */
  flush?(): Promise<number>;
  /** Stops background timers. */
  close?(): void;
}

/** Claims for a single replica: every firing is this process's, each instant once. */
export function memoryClaims(): FiringClaims {
  const last = new Map<string, number>(); // latest claimed instant per task: O(1) memory
  return {
    async claim(task, fireAtMs) {
      const previous = last.get(task);
      if (previous !== undefined && fireAtMs <= previous) {
        return { won: false, reason: "claimed", detail: "already claimed in this process" };
      }
      last.set(task, fireAtMs);
      return { won: true };
    },
    async finish() {},
  };
}

export interface KnexRunCoordinatorOptions {
  /** Default "xs2ts_task_runs". */
  table?: string;
  /** Written to claimed_by. Default host:pid:random, distinct for each coordinator. */
  replicaId?: string;
  /**
   * A run still going renews its row every heartbeatMs; one not renewed for missedBeats
   * beats (its replica died) is abandoned and no longer blocks the task's next firings.
   * Defaults: TASK_HEARTBEAT_MS and TASK_MISSED_BEATS, else 5 s and 3 (task-history.ts).
   */
  heartbeatMs?: number;
  missedBeats?: number;
  /** Where the coordinator says that a kept run's end was written at last. Default: console. */
  logger?: Logger;
  /**
   * How many finished runs of a task to keep, pruned after each of its runs and hourly.
   * Default: "all", for every task.
   */
  history?: (task: string) => History;
  now?: () => number;
}

/**
 * Claims firings in the app's database through knex: a row per (task, fire_at), inserted by
 * whichever replica gets there first. The insert is atomic in PostgreSQL across processes
 * and in SQLite across connections, so exactly one replica wins each firing. Also a
 * node-cron RunCoordinator, for cron jobs written by hand (`distributed: true`).
 */
export class KnexRunCoordinator implements FiringClaims, RunCoordinator {
  readonly table: string;
  readonly replicaId: string;
  readonly heartbeatMs: number;
  /** heartbeatMs × missedBeats: a run not renewed for this long is abandoned. */
  readonly leaseMs: number;
  private readonly history: (task: string) => History;
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly heartbeats = new Map<string, NodeJS.Timeout>();
  /** Ends of runs this replica could not write yet, by `task\nfire_at`: kept until written. */
  private readonly unwritten = new Map<string, RunEnd>();
  private retryTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Knex,
    options: KnexRunCoordinatorOptions = {},
  ) {
    const fromEnv = livenessFromEnv();
    this.table = options.table ?? "xs2ts_task_runs";
    this.replicaId = options.replicaId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.heartbeatMs = options.heartbeatMs ?? fromEnv.heartbeatMs;
    this.leaseMs = this.heartbeatMs * (options.missedBeats ?? fromEnv.missedBeats);
    this.history = options.history ?? (() => "all");
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? consoleLogger;
  }

  /**
   * Creates the table when missing, and starts hourly pruning. Call once, before claims.
   * A database it cannot reach rejects with DatabaseUnreachable (one line naming DATABASE_URL).
   */
  async init(): Promise<void> {
    try {
      await this.ensureTable();
    } catch (error) {
      throw unreachable(error);
    }
    clearInterval(this.pruneTimer);
    // Hourly too: a task that no longer runs, or rows a run left within the claim guard.
    await this.prune();
    this.pruneTimer = setInterval(() => void this.prune().catch(() => {}), 3_600_000).unref();
  }

  private async ensureTable(): Promise<void> {
    if (await this.db.schema.hasTable(this.table)) return this.ensureColumns();
    try {
      // Instants are ISO 8601 UTC strings of one fixed length (toISOString), so they
      // compare correctly as text in every database.
      await this.db.schema.createTable(this.table, (t) => {
        t.string("task", 255).notNullable();
        t.string("fire_at", 24).notNullable();
        t.string("claimed_by", 255).notNullable();
        t.string("claimed_at", 24).notNullable();
        t.string("heartbeat_at", 24).notNullable();
        t.string("finished_at", 24).nullable();
        // ok | failed | skipped | abandoned | done (finished, outcome unknown)
        t.string("outcome", 16).nullable();
        t.text("error").nullable(); // the message of a failed run; why a run was abandoned
        t.string("trigger", 16).nullable(); // "manual" for npm run task; null: its schedule
        t.primary(["task", "fire_at"]);
      });
    } catch (error) {
      // Replicas starting together race to create it; losing that race is fine.
      if (!(await this.db.schema.hasTable(this.table))) throw error;
    }
  }

  /** A table created before runs kept their error or trigger gets the columns; existing rows stay as they are. */
  private async ensureColumns(): Promise<void> {
    await this.ensureColumn("error", (t) => void t.text("error").nullable());
    await this.ensureColumn("trigger", (t) => void t.string("trigger", 16).nullable());
  }

  private async ensureColumn(name: string, add: (t: Knex.AlterTableBuilder) => void): Promise<void> {
    if (await this.db.schema.hasColumn(this.table, name)) return;
    try {
      await this.db.schema.alterTable(this.table, add);
    } catch (error) {
      // Replicas upgrading together race to add it; losing that race is fine.
      if (!(await this.db.schema.hasColumn(this.table, name))) throw error;
    }
  }

  async claim(task: string, fireAtMs: number): Promise<Claim> {
    // The ends this replica still holds go first: its own finished run must not look running.
    if (this.unwritten.size > 0) await this.flush();
    const fireAt = new Date(fireAtMs).toISOString();
    const now = new Date(this.now()).toISOString();
    const inserted = await this.db(this.table)
      .insert({ task, fire_at: fireAt, claimed_by: this.replicaId, claimed_at: now, heartbeat_at: now })
      .onConflict(["task", "fire_at"])
      .ignore()
      .returning(["task"]);
    if (inserted.length === 0) return { won: false, reason: "claimed", detail: "claimed by another replica" };
    // This replica owns the firing, so only it decides (and logs) whether the previous run,
    // perhaps on another replica, is still going, and whether one was abandoned.
    await this.markAbandoned(task, fireAt);
    const ownEnds = [...this.unwritten.values()].filter((end) => end.task === task).map((end) => end.fireAt);
    const running = await this.db(this.table)
      .where({ task })
      .where("fire_at", "<", fireAt)
      .whereNull("finished_at")
      .whereNotIn("fire_at", ownEnds)
      .where("heartbeat_at", ">=", new Date(this.now() - this.leaseMs).toISOString())
      .orderBy("fire_at", "desc")
      .first("fire_at", "claimed_by");
    if (running) {
      await this.db(this.table).where({ task, fire_at: fireAt }).update({ finished_at: now, outcome: "skipped" });
      return {
        won: false,
        reason: "busy",
        detail: `the run of ${formatIso(Date.parse(running.fire_at))} is still going on ${running.claimed_by}`,
      };
    }
    this.startHeartbeat(task, fireAt);
    return { won: true };
  }

  /**
   * Records a run started by hand (`npm run task`) as one of the task's runs, marked manual,
   * renewed like any run until `finish(task, <the instant returned>, …)`. It does not wait
   * for a run of the schedule that is going; the schedule's next firings wait for it.
   */
  async claimManual(task: string): Promise<number> {
    for (let startMs = this.now(); ; startMs++) {
      const at = new Date(startMs).toISOString();
      const inserted = await this.db(this.table)
        .insert({ task, fire_at: at, claimed_by: this.replicaId, claimed_at: at, heartbeat_at: at, trigger: "manual" })
        .onConflict(["task", "fire_at"])
        .ignore() // a firing of the same millisecond: the next one is free
        .returning(["task"]);
      if (inserted.length === 0) continue;
      this.startHeartbeat(task, at);
      return startMs;
    }
  }

  /**
   * Rows of the task's runs that nobody renewed within the lease: their replica died (or lost
   * the database for that long). They end where their last heartbeat was, marked abandoned.
   * A replica that was only cut off still writes its own end over this when it can.
   */
  private async markAbandoned(task: string, before: string): Promise<void> {
    const staleBefore = new Date(this.now() - this.leaseMs).toISOString();
    await this.db(this.table)
      .where({ task })
      .where("fire_at", "<", before)
      .whereNull("finished_at")
      .where("heartbeat_at", "<", staleBefore)
      .update({
        finished_at: this.db.ref("heartbeat_at"),
        outcome: "abandoned",
        error: `its replica stopped renewing it for ${this.leaseMs} ms (killed, or cut off from the database)`,
      });
  }

  async finish(task: string, fireAtMs: number, outcome: Outcome, error?: string): Promise<void> {
    const fireAt = new Date(fireAtMs).toISOString();
    this.stopHeartbeat(task, fireAt);
    const end: RunEnd = { task, fireAt, finishedAt: new Date(this.now()).toISOString(), outcome, error: error ?? null };
    try {
      await this.writeEnd(end);
    } catch (failure) {
      this.keep(end);
      throw failure;
    }
    // The run is recorded; rows a failed prune leaves go at the next run or the hourly prune.
    await this.pruneTask(task).catch(() => {});
  }

  flush(): Promise<number> {
    // The retry timer and a claim may both ask: one pass at a time.
    this.flushing ??= this.writeKept().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async writeKept(): Promise<number> {
    for (const [key, end] of this.unwritten) {
      await this.writeEnd(end).then(
        () => {
          this.unwritten.delete(key);
          this.logger.info(
            `Task "${end.task}": the end of the run of ${formatIso(Date.parse(end.fireAt))} is recorded (${end.outcome})`,
          );
        },
        () => {}, // still away: kept for the next try
      );
    }
    if (this.unwritten.size === 0) {
      clearInterval(this.retryTimer);
      this.retryTimer = undefined;
    }
    return this.unwritten.size;
  }

  private writeEnd(end: RunEnd): Promise<unknown> {
    // Written with this replica's id: a row another replica marked abandoned meanwhile gets
    // the real end, which is what happened.
    return this.db(this.table)
      .where({ task: end.task, fire_at: end.fireAt, claimed_by: this.replicaId })
      .update({ finished_at: end.finishedAt, outcome: end.outcome, error: end.error });
  }

  /** Keeps an end that could not be written, and retries it every heartbeat until it is. */
  private keep(end: RunEnd): void {
    this.unwritten.set(`${end.task}\n${end.fireAt}`, end);
    this.retryTimer ??= setInterval(() => void this.flush(), this.heartbeatMs);
    // A replica that is not stopping (stop() flushes) must not stay up only for this.
    this.retryTimer.unref();
  }

  /** Prunes every task's rows to its history setting; returns how many were deleted. */
  async prune(): Promise<number> {
    const tasks = (await this.db(this.table).distinct("task")) as { task: string }[];
    let deleted = 0;
    for (const { task } of tasks) deleted += await this.pruneTask(task);
    return deleted;
  }

  /**
   * Keeps the task's `history` most recent finished runs. Firings of the last leaseMs stay
   * in any case: they are the claims that stop a replica ticking late from running them again
   * (a replica that late counts as dead anyway).
   */
  private pruneTask(task: string): Promise<number> {
    const guardFrom = new Date(this.now() - this.leaseMs).toISOString();
    return pruneHistory(this.db, this.table, task, this.history(task), guardFrom);
  }

  close(): void {
    for (const timer of this.heartbeats.values()) clearInterval(timer);
    this.heartbeats.clear();
    clearInterval(this.pruneTimer);
    clearInterval(this.retryTimer);
    this.retryTimer = undefined;
  }

  // node-cron's RunCoordinator: keys are `${name}:${slot.toISOString()}`.
  async shouldRun(key: string): Promise<boolean> {
    const { task, fireAtMs } = parseCoordinatorKey(key);
    return (await this.claim(task, fireAtMs)).won;
  }

  async onComplete(key: string): Promise<void> {
    const { task, fireAtMs } = parseCoordinatorKey(key);
    await this.finish(task, fireAtMs, "done");
  }

  private startHeartbeat(task: string, fireAt: string): void {
    const beat = () =>
      void this.db(this.table)
        .where({ task, fire_at: fireAt, claimed_by: this.replicaId })
        .update({ heartbeat_at: new Date(this.now()).toISOString() })
        .catch(() => {}); // a missed beat only matters after missedBeats of them; the next one retries
    this.heartbeats.set(`${task}\n${fireAt}`, setInterval(beat, this.heartbeatMs).unref());
  }

  private stopHeartbeat(task: string, fireAt: string): void {
    const key = `${task}\n${fireAt}`;
    clearInterval(this.heartbeats.get(key));
    this.heartbeats.delete(key);
  }
}

/** The end of a run, as written to its row. */
interface RunEnd {
  task: string;
  fireAt: string;
  finishedAt: string;
  outcome: Outcome;
  error: string | null;
}

function parseCoordinatorKey(key: string): { task: string; fireAtMs: number } {
  const iso = key.slice(-24); // toISOString() is always 24 characters
  return { task: key.slice(0, -25), fireAtMs: Date.parse(iso) };
}

// ---------------------------------------------------------------------------------------
// The scheduler

export interface SchedulerOptions {
  /**
   * The app's database. Firings are claimed in it, so replicas sharing it run each firing
   * once. Without it (and without `claims`) this process runs every firing: one replica.
   */
  db?: Knex;
  /** Table for claims in `db`, created when missing. Default "xs2ts_task_runs". */
  table?: string;
  /** See KnexRunCoordinatorOptions. */
  heartbeatMs?: number;
  missedBeats?: number;
  replicaId?: string;
  /**
   * The history of tasks without their own (`Task.history`): how many finished runs each
   * keeps in `table`. Default: TASK_HISTORY, or "all".
   */
  history?: History;
  /** Another way to coordinate replicas; replaces `db`. */
  claims?: FiringClaims;
  /** Default: console, debug only when LOG_LEVEL=debug. */
  logger?: Logger;
  /** Stop on SIGTERM/SIGINT (waiting up to stopTimeoutMs for running tasks), then exit. */
  handleSignals?: boolean;
  /** How long stop() waits for running tasks by default. Default 25 s. */
  stopTimeoutMs?: number;
  /** Default: node-cron. */
  ticks?: TickSource;
  /** Default: Date.now. */
  now?: () => number;
}

export interface ScheduledTaskInfo {
  name: string;
  /** The cron expression it ticks on, or the expressions (one node-cron job each). */
  tick: string | readonly string[];
  /** Its schedule in words, one entry per line. */
  description: string;
}

export interface Scheduler {
  readonly scheduled: readonly ScheduledTaskInfo[];
  /**
   * Stops scheduling new runs and waits up to timeoutMs for running ones, and for work
   * they started with `async = true`. Resolves true when none is left running, false when
   * some were still running at the deadline (they are not interrupted; the process may
   * exit under them).
   */
  stop(timeoutMs?: number): Promise<boolean>;
  /** Resolves when no run is going (for tests driving `manualTicks`). */
  idle(): Promise<void>;
}

export async function startScheduler(tasks: readonly Task[], options: SchedulerOptions = {}): Promise<Scheduler> {
  const logger = options.logger ?? consoleLogger;
  const now = options.now ?? Date.now;
  const ticks = options.ticks ?? nodeCronTicks(logger);
  const stopTimeoutMs = options.stopTimeoutMs ?? 25_000;
  const startedAt = now();

  // Plan first, so a bad schedule or history fails the start before anything is claimed or run.
  const inherited = options.history ?? historyFromEnv();
  const histories = new Map<string, History>();
  const plans: { task: Task; series: Series[]; last: number; ticks: string[] }[] = [];
  for (const task of tasks) {
    if (histories.has(task.name)) throw new Error(`Two tasks are named "${task.name}"`);
    histories.set(
      task.name,
      task.history === undefined ? inherited : checkHistory(task.history, `Task "${task.name}"`),
    );
    if (!task.active) {
      logger.info(`Task "${task.name}" is inactive (active = false): not scheduled`);
      continue;
    }
    const series = task.schedule.map((entry, i) => {
      try {
        const s = toSeries(entry);
        const written = cronList(entry.cron);
        if (written.length > 0 && written.join("\n") !== cronList(cronsFor(s)).join("\n")) {
          logger.warn(
            `Task "${task.name}", schedule entry ${i + 1}: cron ${written.map((c) => `"${c}"`).join(" + ")} does not match ` +
              `startsOn/everySeconds; the task follows startsOn/everySeconds (${describeSchedule(s)})`,
          );
        }
        return s;
      } catch (error) {
        throw new Error(`Task "${task.name}", schedule entry ${i + 1}: ${(error as Error).message}`);
      }
    });
    const last = lastFiring(series);
    if (last === undefined || last <= startedAt) {
      logger.info(`Task "${task.name}" has no firing left: not scheduled`);
      continue;
    }
    plans.push({ task, series, last, ticks: tickCronsFor(series) as string[] });
  }

  // Claims this scheduler creates are its own to set up and close; `options.claims` is not.
  const ownClaims = options.claims === undefined;
  const claims: FiringClaims =
    options.claims ??
    (options.db
      ? new KnexRunCoordinator(options.db, {
          table: options.table,
          heartbeatMs: options.heartbeatMs,
          missedBeats: options.missedBeats,
          replicaId: options.replicaId,
          history: (name) => histories.get(name) ?? inherited,
          logger,
          now,
        })
      : memoryClaims());
  if (ownClaims && claims instanceof KnexRunCoordinator) await claims.init();
  else if (ownClaims && plans.length > 0) {
    logger.info("No database given: this process runs every firing (do not run replicas)");
  }

  const runners = plans.map((plan) => {
    const runner = new TaskRunner(plan.task, plan.series, plan.last, { claims, logger, now, startedAt });
    runner.start(ticks, plan.ticks);
    logger.info(`Task "${plan.task.name}" scheduled: ${plan.series.map(describeSchedule).join("; ")}`);
    return runner;
  });

  let stopping: Promise<boolean> | undefined;
  const stop = (timeoutMs = stopTimeoutMs): Promise<boolean> => {
    stopping ??= (async () => {
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      for (const runner of runners) runner.stopTicking();
      const busy = runners.filter((r) => r.running);
      if (busy.length > 0) {
        logger.info(`Waiting up to ${timeoutMs} ms for ${busy.map((r) => `"${r.name}"`).join(", ")} to finish`);
      }
      // Work a run started with async = true goes on after the run: it is waited for too.
      const allDone = await settlesWithin(Promise.all(busy.map((r) => r.running)).then(workDone), timeoutMs);
      if (!allDone) {
        const left = runners.filter((r) => r.running).map((r) => `"${r.name}"`);
        logger.error(`Stopped while ${left.join(", ")} still running after ${timeoutMs} ms`);
      }
      // Ends of runs the database did not take yet get a last try; what stays unwritten is said.
      const unwritten = await claims.flush?.().catch(() => undefined);
      if (unwritten)
        logger.error(`Stopped with the end of ${unwritten} run(s) not recorded: the database did not take it`);
      if (ownClaims) claims.close?.();
      // What the tasks opened (a Redis connection, for redis.* statements) would keep the process alive.
      await closeAll();
      return allDone;
    })();
    return stopping;
  };

  // Removing the handlers on the first signal leaves the second to Node's default: exit now.
  function onSignal(signal: NodeJS.Signals): void {
    logger.info(`${signal}: stopping the scheduler`);
    void stop().then((clean) => process.exit(clean ? 0 : 1));
  }
  if (options.handleSignals) {
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  }

  return {
    scheduled: plans.map((plan) => ({
      name: plan.task.name,
      tick: plan.ticks.length === 1 ? (plan.ticks[0] as string) : plan.ticks,
      description: plan.series.map(describeSchedule).join("\n"),
    })),
    stop,
    idle: () => Promise.all(runners.map((r) => r.running)).then(() => {}),
  };
}

export interface RunNowOptions {
  /** The app's database: the run is recorded in its table of runs. */
  db: Knex;
  /** Default "xs2ts_task_runs". */
  table?: string;
  /** The history of a task without its own. Default: TASK_HISTORY, or "all". */
  history?: History;
  logger?: Logger;
  now?: () => number;
}

/**
 * `npm run task`: runs the task now, once, whatever its schedule, recorded in its history as
 * a manual run and pruned with its other runs. A database it cannot reach rejects with
 * DatabaseUnreachable before the task runs; the task's own error is rethrown once recorded.
 */
export async function runNow(task: Task, options: RunNowOptions): Promise<void> {
  const logger = options.logger ?? consoleLogger;
  const history =
    task.history === undefined
      ? (options.history ?? historyFromEnv())
      : checkHistory(task.history, `Task "${task.name}"`);
  // Other tasks' rows are theirs to prune, as their own settings say: "all" here leaves them be.
  const histories = (name: string): History => (name === task.name ? history : "all");
  const claims = new KnexRunCoordinator(options.db, {
    table: options.table,
    history: histories,
    logger,
    now: options.now,
  });
  await claims.init();
  let startMs: number;
  try {
    startMs = await claims.claimManual(task.name);
  } catch (error) {
    claims.close();
    throw unreachable(error);
  }
  let outcome: Outcome = "ok";
  let message: string | undefined;
  try {
    await task.run();
  } catch (error) {
    outcome = "failed";
    message = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    await recordEnd(claims, task.name, startMs, outcome, message, logger);
    claims.close();
  }
}

/** A manual run's end: written now, or retried for a few heartbeats before the command exits. */
async function recordEnd(
  claims: KnexRunCoordinator,
  task: string,
  startMs: number,
  outcome: Outcome,
  message: string | undefined,
  logger: Logger,
): Promise<void> {
  try {
    await claims.finish(task, startMs, outcome, message);
    return;
  } catch {
    logger.warn(`Task "${task}": could not record the end of this run (${outcome}); trying again`);
  }
  for (let tries = 0; tries < 3; tries++) {
    await new Promise((resolve) => setTimeout(resolve, claims.heartbeatMs));
    if ((await claims.flush()) === 0) return;
  }
  logger.error(
    `Task "${task}": the end of this run (${outcome}) could not be recorded; its history will show it abandoned`,
  );
}

/** Resolves true when `promise` settles within `ms`, false otherwise; holds no timer after. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([
      promise.then(
        () => true as const,
        () => true as const,
      ),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const DONE = Promise.resolve();

interface RunnerContext {
  claims: FiringClaims;
  logger: Logger;
  now: () => number;
  startedAt: number;
}

/** One task on its schedule: decides on each tick, never runs twice at once in this process. */
class TaskRunner {
  /** The current firing: claim and run; undefined when idle. */
  running: Promise<void> | undefined;
  private runningFireAt = 0;
  /** The latest firing instant ticked, and missed: each is handled once, whichever job ticks it. */
  private lastTicked = -Infinity;
  private lastMissed = -Infinity;
  private stopTicks: (() => void) | undefined;

  constructor(
    private readonly task: Task,
    private readonly series: readonly Series[],
    private readonly last: number,
    private readonly ctx: RunnerContext,
  ) {}

  get name(): string {
    return this.task.name;
  }

  start(ticks: TickSource, expressions: readonly string[]): void {
    const stops = expressions.map((expression) =>
      ticks.start(
        this.task.name,
        expression,
        (ms) => this.onTick(ms),
        (ms) => this.onMissed(ms),
      ),
    );
    this.stopTicks = () => stops.forEach((stop) => stop());
  }

  stopTicking(): void {
    this.stopTicks?.();
    this.stopTicks = undefined;
  }

  /** Resolves once the firing at `ms` (if it is one) is decided: skipped, lost, or started. */
  onTick(ms: number): Promise<void> {
    if (!this.stopTicks || ms <= this.ctx.startedAt || ms <= this.lastTicked || !firesAt(this.series, ms)) {
      return DONE;
    }
    // Ticks come in order; an instant already handled comes again from another expression.
    this.lastTicked = ms;
    if (ms >= this.last) {
      this.stopTicking();
      this.ctx.logger.info(`Task "${this.name}": last firing of its schedule (${formatIso(ms)})`);
    }
    if (this.running) {
      this.ctx.logger.warn(
        `Task "${this.name}": firing at ${formatIso(ms)} skipped: ` +
          `the run of ${formatIso(this.runningFireAt)} is still going`,
      );
      return DONE;
    }
    let decided!: () => void;
    const decision = new Promise<void>((resolve) => (decided = resolve));
    // Set synchronously, before any await, so a tick that follows at once sees it.
    this.runningFireAt = ms;
    this.running = this.claimAndRun(ms, decided).finally(() => {
      this.running = undefined;
      decided();
    });
    return decision;
  }

  private onMissed(ms: number): void {
    if (ms > this.ctx.startedAt && ms > this.lastMissed && firesAt(this.series, ms)) {
      this.lastMissed = ms;
      this.ctx.logger.warn(`Task "${this.name}": firing at ${formatIso(ms)} missed (the process was busy)`);
    }
  }

  private async claimAndRun(ms: number, decided: () => void): Promise<void> {
    const { claims, logger } = this.ctx;
    const at = formatIso(ms);
    let claim: Claim;
    try {
      claim = await claims.claim(this.name, ms);
    } catch (error) {
      logger.error(`Task "${this.name}": firing at ${at} skipped: could not claim it`, error);
      return;
    }
    if (!claim.won) {
      if (claim.reason === "busy") logger.warn(`Task "${this.name}": firing at ${at} skipped: ${claim.detail}`);
      else logger.debug(`Task "${this.name}": firing at ${at} runs elsewhere (${claim.detail})`);
      return;
    }
    decided();
    const started = this.ctx.now();
    logger.debug(`Task "${this.name}": run of ${at} started`);
    let outcome: Outcome = "ok";
    let message: string | undefined;
    try {
      await this.task.run();
    } catch (error) {
      outcome = "failed";
      message = error instanceof Error ? error.message : String(error);
      logger.error(`Task "${this.name}" failed (firing at ${at}):`, error);
    }
    logger.debug(`Task "${this.name}": run of ${at} ${outcome} after ${this.ctx.now() - started} ms`);
    try {
      await claims.finish(this.name, ms, outcome, message);
    } catch (error) {
      logger.warn(
        `Task "${this.name}": could not record the end of the run of ${at} (${outcome}); kept, and written again until it is recorded`,
        error,
      );
    }
  }
}
