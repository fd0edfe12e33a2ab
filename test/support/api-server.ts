// A generated project's API server in its own process, as `npm run serve` runs it (migrated
// first, on a free port), and a fetch helper that reads Xano's JSON bodies.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
export const AUTH_TOKEN_KEY = "a-test-key-of-at-least-sixteen-characters";
export const SWAGGER_TOKEN = "swagger-test-token";

export interface Server {
  base: string;
  logs: string[];
  /** What the server wrote to standard error so far (warnings). */
  stderr(): string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

function projectEnv(database: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AUTH_TOKEN_KEY, SWAGGER_TOKEN_NOTES: SWAGGER_TOKEN, ...database };
  if (!("DATABASE_URL" in database)) delete env.DATABASE_URL;
  return env;
}

/** Migrates, then starts `src/server.ts` on a free port; resolves once it listens. */
export async function startServer(dir: string, database: Record<string, string>): Promise<Server> {
  const env = projectEnv(database);
  await run(process.execPath, ["--import", "tsx", "src/migrate.ts"], { cwd: dir, env });
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: dir,
    env: { ...env, PORT: "0", HOST: "127.0.0.1" },
  });
  const logs: string[] = [];
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d: Buffer) => {
      for (const line of d
        .toString()
        .split("\n")
        .filter((l) => l !== "")) {
        logs.push(line);
        const listening = /API listening on (http:\/\/[^ ]+)/.exec(line);
        if (listening) resolve(listening[1]);
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return {
    base,
    logs,
    stderr: () => stderr,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.form) body = options.form;
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}
