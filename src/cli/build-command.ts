// `xs2ts build <workspace> --out <dir> [--check] [--force] [--allow-errors] [--watch] [--quiet] [--format text|json]`.
import { existsSync, readdirSync, readFileSync, statSync, watch } from "node:fs";
import { join } from "node:path";
import { build, createBuildCache, type BuildOptions, type BuildResult } from "../build.js";
import { diagnosticJson, formatDiagnostic } from "../diagnostics/format.js";
import type { Io } from "./io.js";
import { UsageError } from "../analyze/xs-files.js";
import { readArgs } from "./args.js";
import { FileSystemError } from "../diagnostics/fs-errors.js";

const USAGE = `Usage: xs2ts build <workspace> --out <dir> [options]

  --check            write nothing; exit 1 and list what a build would change: stale files,
                     files edited since xs2ts wrote them, files it would remove (orphaned)
  --force            overwrite files edited since xs2ts wrote them, and files it did not write
  --allow-errors     write the project even when the input has errors (without what has them)
  --watch            rebuild what a changed .xs file affects, until interrupted
  --quiet            print only errors
  --format json      diagnostics and the summary as JSON on stdout (for tools)
  --name <name>      the generated package's name (default: the workspace folder's name)`;

export async function buildCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = readArgs(
    "build",
    args,
    {
      out: { type: "string" },
      check: { type: "boolean" },
      force: { type: "boolean" },
      "allow-errors": { type: "boolean" },
      watch: { type: "boolean" },
      quiet: { type: "boolean" },
      format: { type: "string", default: "text" },
      name: { type: "string" },
      help: { type: "boolean" },
    },
    USAGE,
  );
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const [workspace, extra] = positionals;
  if (workspace === undefined || values.out === undefined)
    throw new UsageError(`build needs a workspace folder and --out <dir>\n\n${USAGE}`);
  if (extra !== undefined) throw new UsageError(`build takes one workspace folder, not also "${extra}"`);
  if (values.format !== "text" && values.format !== "json")
    throw new UsageError(`--format is text or json, not "${values.format}"`);
  if (values.check && values.watch) throw new UsageError("--check and --watch do not go together");
  if (values.check && values.force) throw new UsageError("--check writes nothing: --force does not go with it");
  if (!existsSync(workspace) || !statSync(workspace).isDirectory())
    throw new UsageError(`no such folder: ${workspace}`);
  const json = values.format === "json";
  const quiet = values.quiet === true || json;
  const options: BuildOptions = {
    workspace,
    out: values.out,
    check: values.check === true,
    force: values.force === true,
    allowErrors: values["allow-errors"] === true,
    cache: createBuildCache(),
    ...(values.name ? { name: values.name } : {}),
  };
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
    process.stderr.write(
      `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} files${done === total ? "\r\x1b[K" : ""}`,
    );
    void io;
  };
}

function report(
  result: BuildResult,
  workspace: string,
  out: string,
  mode: { json: boolean; quiet: boolean; check: boolean },
  io: Io,
): number {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const count = (kind: string) => result.findings.filter((f) => f.kind === kind).length;
  const summary = {
    definitions: result.kinds,
    filesGenerated: result.files.length,
    filesWritten: result.written,
    coverage: result.coverage,
    filesRemoved: result.removed,
    notMigrated: count("not-migrated"),
    warnings: result.findings.length - count("not-migrated") - count("env"),
    environmentVariables: new Set(result.findings.filter((f) => f.kind === "env").map((f) => f.message)).size,
    errors,
    stale: result.stale,
    edited: result.edited,
    orphaned: result.orphaned,
    foreign: result.foreign,
    unmanaged: result.unmanaged,
    ...(result.held ? { nothingWritten: result.held } : {}),
  };
  const problems = outputProblems(result, out, mode.check);
  if (mode.json) {
    io.out(JSON.stringify({ diagnostics: result.diagnostics.map(diagnosticJson), summary }, null, 2));
  } else {
    for (const d of result.diagnostics) {
      const file = join(workspace, d.path);
      io.err(formatDiagnostic(d, existsSync(file) ? readFileSync(file, "utf8") : undefined, io.color));
    }
    for (const line of problems) io.err(line);
    if (!mode.quiet) {
      if (mode.check)
        io.out(
          problems.length === 0
            ? "up to date"
            : `${problems.length === 1 ? "1 file differs" : `${problems.length} files differ`} from what xs2ts build would write`,
        );
      else {
        for (const line of summaryLines(result, out)) io.out(line);
        if (errors > 0) io.out(counted(errors, "error"));
      }
    }
    const held = heldReason(result, out);
    if (held) io.err(held);
  }
  return errors > 0 || result.held !== undefined || (mode.check && problems.length > 0) ? 1 : 0;
}

/** One line per file a build would not write as it is, or would write or remove (with --check). */
function outputProblems(result: BuildResult, out: string, check: boolean): string[] {
  const lines: string[] = [];
  if (check && result.unmanaged) lines.push(`not generated by xs2ts: ${out} has files but no manifest`);
  const edited = new Set(result.edited);
  const foreign = new Set(result.foreign);
  for (const path of result.edited)
    lines.push(
      `edited since xs2ts wrote it: ${join(out, path)}${result.orphaned.includes(path) ? " (no longer generated)" : ""}`,
    );
  for (const path of result.foreign)
    lines.push(`not written by xs2ts, in the way of a generated file: ${join(out, path)}`);
  if (!check) return lines;
  for (const path of result.stale) if (!edited.has(path) && !foreign.has(path)) lines.push(`stale: ${join(out, path)}`);
  for (const path of result.orphaned)
    if (!edited.has(path)) lines.push(`orphaned (its source is gone; a build removes it): ${join(out, path)}`);
  return lines;
}

function heldReason(result: BuildResult, out: string): string | undefined {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  if (result.held === "errors")
    return `nothing written to ${out}: the input has ${counted(errors, "error")} (fix them, or pass --allow-errors to write the rest)`;
  if (result.held === "conflicts")
    return `nothing written to ${out}: the files above were changed by hand or are not xs2ts's (move your changes elsewhere, or pass --force to overwrite them)`;
  return undefined;
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
    ...(result.coverage.endpoints === undefined
      ? []
      : [
          `${counted(result.coverage.endpoints.total, "API endpoint")}, ${result.coverage.endpoints.migrated} with no statement left to migrate (their functions' included)`,
        ]),
    `${counted(envCount, "environment variable")}, ${counted(secrets, "credential")} moved to the environment: see MIGRATION.md`,
    `${counted(result.files.length, "file")} generated, ${result.written} written to ${out}${result.removed > 0 ? `, ${result.removed} removed (no longer generated)` : ""}`,
  ];
}

function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function foldersUnder(dir: string): string[] {
  const out = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules")
      out.push(...foldersUnder(join(dir, entry.name)));
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
          let result: BuildResult;
          try {
            result = await build({ ...options, onProgress: undefined });
          } catch (error) {
            // A file-system failure while watching is reported; the next change tries again.
            if (!(error instanceof FileSystemError)) throw error;
            io.err(`xs2ts: ${error.message}`);
            return;
          }
          const changed = result.written;
          io.out(
            `rebuilt in ${(performance.now() - started).toFixed(0)} ms: ${changed} file${changed === 1 ? "" : "s"} written, ${result.diagnostics.length} errors`,
          );
          for (const d of result.diagnostics) io.err(formatDiagnostic(d, undefined, io.color));
          for (const line of outputProblems(result, options.out!, false)) io.err(line);
          const held = heldReason(result, options.out!);
          if (held) io.err(held);
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
