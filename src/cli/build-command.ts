// `xs2ts build <workspace> --out <dir> [--check] [--watch] [--quiet] [--format text|json]`.
import { existsSync, readdirSync, readFileSync, statSync, watch } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build, createBuildCache, type BuildOptions, type BuildResult } from "../build.js";
import { diagnosticJson, formatDiagnostic } from "../diagnostics/format.js";
import type { Io } from "./io.js";
import { UsageError } from "../analyze/xs-files.js";

const USAGE = `Usage: xs2ts build <workspace> --out <dir> [options]

  --check            write nothing; exit 1 and list the files that differ when out/ is stale
  --watch            rebuild what a changed .xs file affects, until interrupted
  --quiet            print only errors
  --format json      diagnostics and the summary as JSON on stdout (for tools)
  --name <name>      the generated package's name (default: the workspace folder's name)`;

export async function buildCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      check: { type: "boolean" },
      watch: { type: "boolean" },
      quiet: { type: "boolean" },
      format: { type: "string", default: "text" },
      name: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [workspace, extra] = positionals;
  if (workspace === undefined || values.out === undefined) throw new UsageError(`build needs a workspace folder and --out <dir>\n\n${USAGE}`);
  if (extra !== undefined) throw new UsageError(`build takes one workspace folder, not also "${extra}"`);
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`--format is text or json, not "${values.format}"`);
  if (values.check && values.watch) throw new UsageError("--check and --watch do not go together");
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) throw new UsageError(`no such folder: ${workspace}`);
  const json = values.format === "json";
  const quiet = values.quiet === true || json;
  const options: BuildOptions = { workspace, out: values.out, check: values.check === true, cache: createBuildCache(), ...(values.name ? { name: values.name } : {}) };
  if (!quiet && io.interactive) options.onProgress = progressBar(io);

  const result = await build(options);
  const code = report(result, workspace, values.out, { json, quiet, check: values.check === true }, io);
  if (!values.watch) return code;
  return watchWorkspace(workspace, options, io);
}

/** A one-line bar on an interactive terminal, cleared when done. */
function progressBar(io: Io): (done: number, total: number) => void {
  return (done, total) => {
    if (total < 50) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} files${done === total ? "\r\x1b[K" : ""}`);
    void io;
  };
}

function report(result: BuildResult, workspace: string, out: string, mode: { json: boolean; quiet: boolean; check: boolean }, io: Io): number {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const count = (kind: string) => result.findings.filter((f) => f.kind === kind).length;
  const summary = {
    definitions: result.kinds,
    filesGenerated: result.files.length,
    filesWritten: result.written,
    coverage: result.coverage,
    notMigrated: count("not-migrated"),
    warnings: result.findings.length - count("not-migrated") - count("env"),
    environmentVariables: new Set(result.findings.filter((f) => f.kind === "env").map((f) => f.message)).size,
    errors,
    stale: result.stale,
  };
  if (mode.json) {
    io.out(JSON.stringify({ diagnostics: result.diagnostics.map(diagnosticJson), summary }, null, 2));
  } else {
    for (const d of result.diagnostics) {
      const file = join(workspace, d.path);
      io.err(formatDiagnostic(d, existsSync(file) ? readFileSync(file, "utf8") : undefined, io.color));
    }
    if (mode.check) for (const path of result.stale) io.err(`stale: ${join(out, path)}`);
    if (!mode.quiet) {
      if (mode.check) io.out(result.stale.length === 0 ? "up to date" : `${counted(result.stale.length, "generated file")} ${result.stale.length === 1 ? "is" : "are"} stale: run xs2ts build again`);
      else {
        for (const line of summaryLines(result, out)) io.out(line);
        if (errors > 0) io.out(counted(errors, "error"));
      }
    }
  }
  return errors > 0 || (mode.check && result.stale.length > 0) ? 1 : 0;
}

/** The counts MIGRATION.md's coverage table shows, in a few lines. */
function summaryLines(result: BuildResult, out: string): string[] {
  const { definitions, statements } = result.coverage;
  const found = definitions.reduce((n, d) => n + d.found, 0);
  const generated = definitions.reduce((n, d) => n + d.generated, 0);
  const missing = definitions.filter((d) => d.generated < d.found).map((d) => `${d.found - d.generated} ${d.kind}`);
  const envCount = new Set(result.findings.filter((f) => f.kind === "env").map((f) => f.message)).size;
  const secrets = result.findings.filter((f) => f.kind === "secret").length;
  return [
    `${counted(generated, "definition")} of ${found} generated${missing.length > 0 ? ` (not generated: ${missing.join(", ")})` : ""}`,
    `${counted(statements.total - statements.notMigrated, "statement")} translated, ${statements.notMigrated} not migrated`,
    `${counted(envCount, "environment variable")}, ${counted(secrets, "credential")} moved to the environment: see MIGRATION.md`,
    `${counted(result.files.length, "file")} generated, ${result.written} written to ${out}`,
  ];
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function foldersUnder(dir: string): string[] {
  const out = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") out.push(...foldersUnder(join(dir, entry.name)));
  }
  return out;
}

/** Rebuilds on every change below the workspace (caches keep it to what changed) until SIGINT/SIGTERM. */
function watchWorkspace(workspace: string, options: BuildOptions, io: Io): Promise<number> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const onChange = (file: string | Buffer | null) => {
      if (file !== null && !String(file).endsWith(".xs")) return;
      clearTimeout(timer);
      // Editors write in bursts: wait for the burst to end.
      timer = setTimeout(() => {
        running = running.then(async () => {
          const started = performance.now();
          const result = await build({ ...options, onProgress: undefined });
          const changed = result.written;
          io.out(`rebuilt in ${(performance.now() - started).toFixed(0)} ms: ${changed} file${changed === 1 ? "" : "s"} written, ${result.diagnostics.length} errors`);
          for (const d of result.diagnostics) io.err(formatDiagnostic(d, undefined, io.color));
        });
      }, 100);
    };
    // One watcher per folder, installed before "watching" is printed (Node 20's recursive
    // watch on Linux attaches to subfolders later, and misses changes made meanwhile).
    const watchers = foldersUnder(workspace).map((dir) => watch(dir, (_event, file) => onChange(file)));
    io.out(`watching ${workspace} (Ctrl-C to stop)`);
    const stop = () => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
      void running.then(() => resolve(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
