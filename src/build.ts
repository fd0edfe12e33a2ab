// build(): a workspace folder in, a standalone TypeScript project out.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import * as prettier from "prettier";
import { loadWorkspace, type Workspace } from "./analyze/workspace.js";
import type { Diagnostic } from "./diagnostics/format.js";
import type { Finding } from "./emit/context.js";
import { functionModulePath } from "./emit/functions.js";
import { emitFunction, emitTask, type EmittedModule } from "./emit/modules.js";
import { emitTable } from "./emit/tables.js";
import { emitJob, jobsIndex } from "./emit/jobs.js";
import { migrations } from "./emit/migrations.js";
import { environment, migrationReport, packageJson, readme, runTaskModule, runtimeFiles, schedulerModule, tsconfig } from "./emit/project.js";

export interface BuildOptions {
  /** The workspace folder: every .xs file below it is read. */
  workspace: string;
  /** Where the project is written; omit to only compute it. */
  out?: string;
  /** The generated package's name (default: the workspace folder's name). */
  name?: string;
  /** Compare with what is in `out` instead of writing. */
  check?: boolean;
}

export interface BuildResult {
  files: EmittedModule[];
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** With `check`: files whose content differs from what is on disk. */
  stale: string[];
  written: number;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const ws = loadWorkspace(resolve(options.workspace));
  const name = options.name ?? (basename(resolve(options.workspace)).replace(/[^a-z0-9-]+/gi, "-").toLowerCase() || "app");
  const findings: Finding[] = [];
  const files = await format(generate(ws, name, findings));
  const result: BuildResult = { files, diagnostics: ws.diagnostics, findings, stale: [], written: 0 };
  if (options.out === undefined) return result;
  for (const file of files) {
    const path = join(options.out, file.path);
    const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (current === file.text) continue;
    if (options.check) {
      result.stale.push(file.path);
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
    result.written++;
  }
  return result;
}

function generate(ws: Workspace, name: string, findings: Finding[]): EmittedModule[] {
  const files: EmittedModule[] = [];
  for (const object of ws.objects) (object as typeof object & { workspace: Workspace }).workspace = ws;
  for (const task of ws.tasks) files.push(emitTask(task, findings));
  for (const job of ws.jobs) files.push(emitJob(job, ws, findings));
  if (ws.jobs.length > 0) files.push(...jobsIndex(ws.jobs));
  for (const [fnName, object] of [...ws.functions].sort(([a], [b]) => (a < b ? -1 : 1))) files.push(emitFunction(object, findings, functionModulePath(fnName)));
  for (const [, object] of [...ws.tables].sort(([a], [b]) => (a < b ? -1 : 1))) files.push(emitTable(object));
  files.push(schedulerModule(ws), runTaskModule(), ...migrations(ws), ...runtimeFiles(), packageJson(name), tsconfig(), readme(name, ws));
  files.push(...environment(findings), migrationReport(findings));
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

async function format(files: EmittedModule[]): Promise<EmittedModule[]> {
  return Promise.all(
    files.map(async (f) => {
      if (!f.path.endsWith(".ts")) return f;
      const text = await prettier.format(f.text, { parser: "typescript", printWidth: 100 });
      return { ...f, text };
    }),
  );
}
