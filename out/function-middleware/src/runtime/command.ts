// What the command-line entry points (npm run task / job / fn) share: a usage error, the JSON
// they print, and one way to end. An error the XanoScript raises (an input that fails
// validation, a precondition, a throw) is one line in Xano's words on stderr and exit code 1,
// as Xano answers it with a message and no trace; anything else is a bug and keeps its stack.
import { XanoError } from "./errors.js";
import { shutdown } from "./shutdown.js";

/** Prints `message` (a usage mistake) and exits with code 2. */
export function usageError(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `value` as JSON; a field read from a missing key is null in Xano's output, not left out. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? null : v), 2) ?? "null";
}

/**
 * Runs `main`, then what it started with async = true (to its end, as in Xano), then closes
 * what it opened (a Redis connection) and the database (`close`).
 */
export async function runCommand(main: () => Promise<void>, close: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof XanoError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await shutdown();
    await close();
  }
}
