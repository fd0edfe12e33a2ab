// The logger generated code writes to. `debug.log` is a no-op in Xano's scheduled runs, so it
// logs at debug level: quiet unless LOG_LEVEL=debug.
const debugOn = (process.env.LOG_LEVEL ?? "").toLowerCase() === "debug";

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export const log = {
  debug(value: unknown): void {
    if (debugOn) console.debug(show(value));
  },
  info(value: unknown): void {
    console.info(show(value));
  },
};

/**
 * `debug.stop`: in Xano the stack halts there and the value shows in the debugger. Here the
 * stack ends there too, its value logged (at debug level) and returned.
 */
export function debugStop<T>(value: T): T {
  log.debug(value);
  return value;
}
