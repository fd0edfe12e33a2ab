// Running generated code in tests: a workspace built into a temporary project that can run
// (node_modules linked), a fresh PostgreSQL schema per run, a child process to run a script in
// it, and a local HTTP server standing in for e-mail providers and APIs.
import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { createClient } from "redis";
import { build } from "../../src/build.js";
import { repoRoot } from "./shared.js";

const run = promisify(execFile);

export const PG_URL = process.env.XS2TS_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.XS2TS_TEST_REDIS ?? "redis://127.0.0.1:6379";

/** A fixture of this repository by name (`fixtures/<name>`). */
export function fixture(name: string): string {
  return join(repoRoot, "fixtures", name);
}

/** Builds `workspace` into a new temporary directory; returns it. */
export async function buildProject(workspace: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-db-"));
  const result = await build({ workspace, out: dir, name: "db-test" });
  const errors = result.diagnostics.filter((d) => (d as { severity?: string }).severity === "error");
  if (errors.length > 0) throw new Error(`build failed: ${JSON.stringify(errors[0])}`);
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Is the test PostgreSQL reachable? A reason to skip when it is not (CI=true requires it). */
export async function postgresSkip(): Promise<string | false> {
  // A server that is down refuses at once; the long timeout only spares a loaded machine a false alarm.
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
    await client.end();
    return false;
  } catch (error) {
    if (process.env.CI === "true")
      throw new Error(`CI=true but PostgreSQL at ${PG_URL} is unreachable: ${(error as Error).message}`);
    return `PostgreSQL at ${PG_URL} is unreachable`;
  }
}

/** Is the test Redis reachable? A reason to skip when it is not (CI=true requires it). */
export async function redisSkip(): Promise<string | false> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on("error", () => {}); // the failed connect rejects below; nothing else to report
  try {
    await client.connect();
    await client.close();
    return false;
  } catch (error) {
    if (process.env.CI === "true")
      throw new Error(`CI=true but Redis at ${REDIS_URL} is unreachable: ${(error as Error).message}`);
    return `Redis at ${REDIS_URL} is unreachable`;
  }
}

/** Runs `use` with the URL of a new PostgreSQL schema, dropped afterwards whatever happens. */
export async function inPgSchema<T>(use: (url: string) => Promise<T>): Promise<T> {
  const schema = await pgSchema();
  try {
    return await use(schema.url);
  } finally {
    await schema.drop();
  }
}

/** A new schema for one run; the URL points its search_path there. `drop()` removes it. */
export async function pgSchema(): Promise<{
  url: string;
  schema: string;
  drop(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<any[]>;
}> {
  const schema = `xs2ts_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`create schema "${schema}"`);
  const url = `${PG_URL}${PG_URL.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    url,
    schema,
    query: async (sql, values) => (await client.query(sql, values as unknown[])).rows,
    drop: async () => {
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

/** Writes `script` into the project and runs it with tsx; returns its stdout parsed as JSON. */
export async function runScript(dir: string, script: string, env: Record<string, string>): Promise<any> {
  const file = join(dir, `scenario-${Math.random().toString(36).slice(2, 8)}.ts`);
  writeFileSync(file, script);
  const clean = { ...process.env };
  delete clean.DATABASE_URL;
  delete clean.SQLITE_FILE;
  try {
    const { stdout } = await run(process.execPath, ["--import", "tsx", file], {
      cwd: dir,
      env: { ...clean, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    const last = stdout.trim().split("\n").pop() ?? "";
    return JSON.parse(last);
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${e.message}\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
  }
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local HTTP server standing in for an e-mail provider or an API: records every request. */
export async function recordingServer(
  answer: (r: Received) => { status: number; body: unknown } = () => ({ status: 200, body: { id: "msg_1" } }),
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      let body: unknown = data;
      try {
        body = JSON.parse(data);
      } catch {
        // kept as text
      }
      const r = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      received.push(r);
      const out = answer(r);
      res.writeHead(out.status, { "content-type": "application/json" });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
