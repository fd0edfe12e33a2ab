// Builds a fixture into a temporary project that can run: node_modules linked from this repo.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { build } from "../../src/build.ts";
import { repoRoot } from "./shared.ts";

export interface GeneratedProject {
  dir: string;
  /** Runs a TypeScript file placed in the project, returns its stdout. */
  run(script: string, env: Record<string, string>): Promise<string>;
  remove(): void;
}

export async function generate(fixture: string): Promise<GeneratedProject> {
  const dir = mkdtempSync(join(tmpdir(), `xs2ts-${fixture}-`));
  const result = await build({ workspace: join(repoRoot, "fixtures", fixture), out: dir, name: fixture });
  if (result.diagnostics.length > 0) throw new Error(`build of ${fixture} failed: ${result.diagnostics.map((d) => d.message).join("; ")}`);
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return {
    dir,
    run(script, env) {
      const file = join(dir, `driver-${Math.random().toString(36).slice(2)}.ts`);
      writeFileSync(file, script);
      return new Promise((resolve, reject) => {
        execFile(process.execPath, ["--import", "tsx", file], { cwd: dir, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`));
          else resolve(stdout);
        });
      });
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A local HTTP server standing in for an e-mail provider or an API: records every request. */
export async function recordingServer(answer: (r: Received) => { status: number; body: unknown } = () => ({ status: 200, body: { id: "msg_1" } })) {
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

const ADMIN = "postgres://postgres@127.0.0.1:5432/test";

/** A fresh PostgreSQL database for one test, or a skip reason (a failure under CI=true). */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> } | string> {
  const admin = new pg.Client({ connectionString: ADMIN });
  try {
    await admin.connect();
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`CI=true but PostgreSQL at 127.0.0.1:5432 is unreachable: ${(error as Error).message}`);
    return "PostgreSQL at 127.0.0.1:5432 is not reachable";
  }
  const name = `xs2ts_e2e_${process.pid}_${Date.now()}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
