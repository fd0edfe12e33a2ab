// The settings the runtime reads from the environment (TASK_HEARTBEAT_MS, TASK_MISSED_BEATS,
// TASK_HISTORY, PORT, BODY_LIMIT): a wrong value stops the start with one line naming the
// variable and exit 1 (exitIfDatabaseUnreachable in db-unreachable.ts prints it, or `serve`),
// never a stack trace.

/** An environment variable holds a value the runtime cannot use: the message names it. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

/** The whole number from `min` to `max` that `name` holds, `fallback` when it is unset or blank. */
export function wholeNumberSetting(
  name: string,
  fallback: number,
  min = 1,
  env: NodeJS.ProcessEnv = process.env,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = env[name];
  if (value === undefined || value.trim() === "") return fallback;
  const text = value.trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min || Number(text) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new SettingError(`${name} is a whole number ${range}, not ${JSON.stringify(value)}`);
  }
  return Number(text);
}

/** For an entry point's start: a SettingError is one line on stderr and exit 1; any other error goes on. */
export function exitOnSettingError(error: unknown): never {
  if (!(error instanceof SettingError)) throw error;
  console.error(error.message);
  process.exit(1);
}
