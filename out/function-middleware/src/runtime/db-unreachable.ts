// A database the app cannot reach at start (a wrong DATABASE_URL, a server down or refusing),
// said in one line that names the variable to fix, instead of the driver's stack. A wrong
// setting (TASK_HEARTBEAT_MS, …: settings.ts) ends a start the same way.
import { exitOnSettingError } from "./settings.js";

/** The first contact with the database failed: the message is the one line to print. */
export class DatabaseUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnreachable";
  }
}

/** Driver error codes that mean "could not connect", in words. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name could not be resolved",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  SQLITE_CANTOPEN: "cannot open the file",
};

/** Why `error` means the database could not be reached, or undefined when it means something else. */
function reasonOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as one AggregateError.
  if (error instanceof AggregateError) return error.errors.map(reasonOf).find((r) => r !== undefined);
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code in REASONS) return REASONS[code];
  // PostgreSQL refusing the login (class 28) or naming a database that does not exist (3D000).
  if (typeof code === "string" && (code.startsWith("28") || code === "3D000")) return error.message;
  if (error.name === "KnexTimeoutError") return "timed out waiting for a connection";
  if (/^Cannot open database/.test(error.message)) return error.message; // better-sqlite3
  return undefined;
}

/** Where DATABASE_URL points, without its user name or password. */
function whereUrlPoints(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return "not a valid URL";
  }
}

/**
 * `error` as a DatabaseUnreachable when it says the database could not be reached, naming the
 * variable that chose it (DATABASE_URL, or SQLITE_FILE when that is unset); otherwise `error`.
 */
export function unreachable(error: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (error instanceof DatabaseUnreachable) return error;
  const reason = reasonOf(error);
  if (reason === undefined) return error;
  const message = env.DATABASE_URL
    ? `Cannot connect to the database at DATABASE_URL (${whereUrlPoints(env.DATABASE_URL)}): ${reason}`
    : `Cannot open the SQLite database at SQLITE_FILE (${env.SQLITE_FILE ?? "data.sqlite"}; DATABASE_URL is unset): ${reason}`;
  return new DatabaseUnreachable(message, { cause: error });
}

/**
 * For an entry point's start: an unreachable database, or an environment variable holding a
 * value the runtime cannot use, is one line on stderr and exit 1; any other error goes on.
 */
export function exitIfDatabaseUnreachable(error: unknown): never {
  if (!(error instanceof DatabaseUnreachable)) return exitOnSettingError(error);
  console.error(error.message);
  process.exit(1);
}
