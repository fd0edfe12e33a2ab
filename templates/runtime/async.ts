// Statements written with `async = true` (function.run, api.request): started without waiting.
// In Xano such work runs to its end even when the stack that started it has returned, so
// each one is tracked here: `npm run task` / `npm run job` and the scheduler's stop wait for
// them (asyncWorkDone, registered with shutdown.ts) before closing the database and exiting.

import { waitAtShutdown } from "./shutdown.js";

const running = new Set<Promise<unknown>>();

function track(work: Promise<unknown>): void {
  running.add(work);
  // Handled here so that a failure before the `await` that reads it (or a failure nothing
  // reads) never crashes the process; startAsync's caller still gets it at its `await`.
  work.then(
    () => running.delete(work),
    () => running.delete(work),
  );
}

/**
 * `… { async = true } as $x` read by an `await $x`: the work starts now; awaiting the promise
 * gives its result, or throws its error there.
 */
export function startAsync<T>(work: Promise<T>): Promise<T> {
  track(work);
  return work;
}

/**
 * `… { async = true }` that nothing awaits (fire and forget): the work starts now and its
 * failure is logged with the statement it came from, never lost.
 */
export function runInBackground<T>(work: Promise<T>, statement: string): Promise<T> {
  track(work);
  work.catch((error: unknown) => console.error(`${statement}, run with async = true, failed:`, error));
  return work;
}

/** Resolves once every async statement has finished, including ones started meanwhile. */
export async function asyncWorkDone(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

// Loaded only by modules that start async work: registered here, the entry points wait for it.
waitAtShutdown(asyncWorkDone);
