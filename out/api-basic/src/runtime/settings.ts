// The settings the runtime reads from the environment (TASK_HEARTBEAT_MS, TASK_MISSED_BEATS,
// TASK_HISTORY): a wrong value stops the start with one line naming the variable and exit 1
// (exitIfDatabaseUnreachable in db-unreachable.ts prints it), never a stack trace.

/** An environment variable holds a value the runtime cannot use: the message names it. */
export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

/** The whole number ≥ `min` that `name` holds, `fallback` when it is unset or blank. */
export function wholeNumberSetting(
  name: string,
  fallback: number,
  min = 1,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const value = env[name];
  if (value === undefined || value.trim() === "") return fallback;
  const text = value.trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min)
    throw new SettingError(`${name} is a whole number ≥ ${min}, not ${JSON.stringify(value)}`);
  return Number(text);
}
