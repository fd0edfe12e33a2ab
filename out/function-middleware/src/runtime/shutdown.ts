// What has to happen before the process exits, registered by the modules that need it, so that
// the entry points (`npm run task`, `npm run job`, the scheduler's stop) need not import them:
// a project that runs no redis.* statement carries no Redis code, yet one that does still
// closes its connection (an open one keeps the process from exiting).
//
// Two kinds, in this order: work to wait for (statements run with async = true, which in
// Xano run to their end), then resources to close (the Redis connection). The database is
// the entry points' own to close, after these, since both kinds may still use it.

type Hook = () => Promise<void>;

const waits = new Set<Hook>();
const closes = new Set<Hook>();

/** `wait` runs at shutdown before anything is closed; registering it again changes nothing. */
export function waitAtShutdown(wait: Hook): void {
  waits.add(wait);
}

/** `close` runs at shutdown once the work is done; registering it again changes nothing. */
export function onShutdown(close: Hook): void {
  closes.add(close);
}

/** Resolves once the registered work is done (the scheduler bounds this with its timeout). */
export async function workDone(): Promise<void> {
  for (const wait of waits) await wait();
}

/** Closes what was registered; one failing is logged and the others still close. */
export async function closeAll(): Promise<void> {
  for (const close of closes)
    await close().catch((error: unknown) => console.error("closing at shutdown failed:", error));
}

/** Waits for the work, then closes the resources: what an entry point does before exiting. */
export async function shutdown(): Promise<void> {
  await workDone();
  await closeAll();
}

/**
 * The scheduler's way out: on SIGTERM or SIGINT, `stop` (true when everything running finished
 * in time), then exit 0, or 1 when something was cut off. Installed before the scheduler starts,
 * so a signal during start-up is not lost to Node's default (killed, exit 143). A second signal
 * gets that default: exit now.
 */
export function exitOnSignal(stop: () => Promise<boolean>): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
    console.info(`${signal}: stopping the scheduler`);
    stop().then(
      (clean) => process.exit(clean ? 0 : 1),
      (error: unknown) => {
        console.error("stopping failed:", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
