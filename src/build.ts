// build(): a workspace folder in, a standalone TypeScript project out.
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { loadWorkspace, type ParseCache, type Workspace, type WorkspaceObject } from "./analyze/workspace.js";
import type { Diagnostic } from "./diagnostics/format.js";
import { notGeneratedFinding, type Finding } from "./emit/core/context.js";
import { functionModulePath } from "./emit/families/functions.js";
import type { EmittedModule } from "./emit/core/module-text.js";
import { emitFunction } from "./emit/modules/function.js";
import { emitTask } from "./emit/modules/task.js";
import { branchTargets, emitBranchMiddleware } from "./emit/modules/branch-middleware.js";
import { branchMiddleware, middlewareModules } from "./emit/modules/middleware.js";
import { emitTable } from "./emit/modules/table.js";
import { emitJob, jobsIndex } from "./emit/modules/job.js";
import { migrations } from "./emit/modules/migration.js";
import { formatAll } from "./emit/project/format.js";
import { typeTogether } from "./emit/expr/javascript.js";
import { lambdaCodes } from "./emit/families/lambda.js";
import {
  dataLayer,
  environment,
  packageJson,
  projectTest,
  historyModule,
  readme,
  tsconfig,
} from "./emit/project/project.js";
import { deployment } from "./emit/project/deployment.js";
import { runFunctionModule, runTaskModule, schedulerModule } from "./emit/project/entry-points.js";
import { coverageOf, migrationReport, type Coverage } from "./emit/project/migration-report.js";
import { countStatements } from "./analyze/coverage.js";
import { projectRuntime } from "./emit/project/runtime-files.js";
import { unknownStatements } from "./emit/modules/unknown-statements.js";
import { FileSystemError, withFileSystemErrors } from "./diagnostics/fs-errors.js";
import { MANIFEST_FILE, readManifest } from "./output/manifest.js";
import { checkOutPath, inspectOutput, isNonEmptyFolder, writeOutput } from "./output/write.js";
import { envNameErrors } from "./analyze/env-names.js";
import { tableNameErrors } from "./analyze/table-names.js";
import { credentialsOf, findCredentials } from "./analyze/credentials.js";
import { projectNameClashes } from "./emit/core/naming.js";
import { apiProject, endpointCounts, endpointSection, type EndpointReport } from "./emit/project/api.js";
import { dataTransfer } from "./emit/project/data-transfer.js";

export interface BuildOptions {
  /** The workspace folder: every .xs file below it is read. */
  workspace: string;
  /** Where the project is written; omit to only compute it. */
  out?: string;
  /** The generated package's name (default: the workspace folder's name). */
  name?: string;
  /** Compare with what is in `out` instead of writing. */
  check?: boolean;
  /** Overwrite (or remove) files in `out` that xs2ts did not write or that were edited since. */
  force?: boolean;
  /** Write the project even when the input has errors (the files that have them are left out). */
  allowErrors?: boolean;
  /** Keep one across builds (watch mode) so unchanged files are neither parsed nor formatted again. */
  cache?: BuildCache;
  /** Called as files are written (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface BuildCache {
  parsed: ParseCache;
  /** Emitted modules by object, reused while the object and the workspace's names are unchanged. */
  emitted: Map<string, { key: string; module: EmittedModule; findings: Finding[] }>;
  /** Module text as emitted → as prettier formats it. */
  formatted: Map<string, string>;
}

export function createBuildCache(): BuildCache {
  return { parsed: new Map(), emitted: new Map(), formatted: new Map() };
}

export interface BuildResult {
  files: EmittedModule[];
  /** Definitions per kind (`task`, `function`, `query`, …). */
  kinds: Record<string, number>;
  /** What MIGRATION.md's coverage table shows: definitions generated, statements translated. */
  coverage: Coverage;
  diagnostics: Diagnostic[];
  findings: Finding[];
  /** Generated files whose content differs from what is on disk (with `check`: what a build would write). */
  stale: string[];
  /** Files xs2ts wrote into `out` that were edited since: not overwritten without `force`. */
  edited: string[];
  /** Files xs2ts wrote earlier that no longer have a source: removed by the build. */
  orphaned: string[];
  /** Files in `out` in the way of a generated file, not written by xs2ts: kept without `force`. */
  foreign: string[];
  /** `out` holds files but no manifest (with `check`; a build refuses it without `force`). */
  unmanaged: boolean;
  /** Why nothing was written: errors in the input, or files of the user's in the way. */
  held?: "errors" | "conflicts";
  written: number;
  removed: number;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  return withFileSystemErrors(async () => {
    if (options.out !== undefined) checkOutPath(options.out, options.workspace);
    const manifest = options.out === undefined ? undefined : readManifest(options.out);
    // Refused before the work of building: a folder of someone else's files.
    if (
      options.out !== undefined &&
      !options.check &&
      !options.force &&
      manifest === undefined &&
      isNonEmptyFolder(options.out)
    ) {
      throw new FileSystemError(
        generatedBeforeManifests(options.out)
          ? `--out ${options.out} looks like an earlier xs2ts output but has no ${MANIFEST_FILE}, so your edits cannot be told from its files: pass --force once to write over the files it generates (others are left alone; from then on the manifest protects your edits)`
          : `--out ${options.out} holds files xs2ts did not write (it has no ${MANIFEST_FILE}): choose a new or empty folder, or pass --force to write over them`,
      );
    }
    const cache = options.cache ?? createBuildCache();
    const ws = loadWorkspace(resolve(options.workspace), cache.parsed);
    const name =
      options.name ??
      (basename(resolve(options.workspace))
        .replace(/[^a-z0-9-]+/gi, "-")
        .toLowerCase() ||
        "app");
    const findings: Finding[] = [];
    const diagnostics = [
      ...ws.diagnostics,
      ...unknownStatements(ws.objects),
      ...envNameErrors(ws),
      ...tableNameErrors(ws),
      ...projectNameClashes(ws),
    ];
    await findCredentials(ws);
    const generated = generate(ws, name, findings, cache);
    const files = await format(generated.files, diagnostics, cache.formatted);
    const result: BuildResult = {
      files,
      kinds: kindsOf(ws),
      coverage: generated.coverage,
      diagnostics,
      findings,
      stale: [],
      edited: [],
      orphaned: [],
      foreign: [],
      unmanaged: false,
      written: 0,
      removed: 0,
    };
    if (options.out === undefined) return result;
    const state = inspectOutput(options.out, files, manifest);
    Object.assign(result, state);
    if (options.check) return result;
    if (diagnostics.some((d) => d.severity === "error") && !options.allowErrors) return { ...result, held: "errors" };
    if ((state.edited.length > 0 || state.foreign.length > 0) && !options.force)
      return { ...result, held: "conflicts" };
    result.written = writeOutput(options.out, files, state, options.onProgress);
    result.removed = state.orphaned.length;
    return result;
  });
}

const GENERATED_KINDS = new Set([
  "task",
  "function",
  "table",
  "run.job",
  "addon",
  "query",
  "api_group",
  "middleware",
  "branch",
]);

/** How many definitions of each kind the workspace has (for the build summary). */
export function kindsOf(ws: Workspace): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of ws.objects) counts[o.construct.type] = (counts[o.construct.type] ?? 0) + 1;
  return counts;
}

function coverage(ws: Workspace, findings: readonly Finding[], endpoints: readonly EndpointReport[]): Coverage {
  const notGenerated = new Set(findings.filter((f) => f.code === "XS3006").map((f) => f.path));
  const statements = ws.objects
    .filter((o) => !notGenerated.has(o.relativePath))
    .reduce((n, o) => n + countStatements(o.construct), 0);
  const covered = coverageOf(kindsOf(ws), findings, statements);
  if (endpoints.length === 0) return covered;
  const { total, migrated } = endpointCounts(endpoints, findings);
  return { ...covered, endpoints: { total, migrated } };
}

/** The project's modules, and the coverage MIGRATION.md opens with (the build's summary prints it too). */
function generate(
  ws: Workspace,
  name: string,
  findings: Finding[],
  cache: BuildCache,
): { files: EmittedModule[]; coverage: Coverage } {
  const files: EmittedModule[] = [];
  // A module depends on its own source and on which functions and tables exist (imports, findings).
  // …and on the environment variable each credential got (one name per value, project-wide).
  const credentials = [...credentialsOf(ws).byValue.values()].map((c) => c.env);
  const names = [
    ...ws.functions.keys(),
    "|",
    ...ws.tables.keys(),
    "|",
    ...credentials,
    "|",
    ...ws.middlewares.keys(),
    // …and on the branch's middleware lists (a function runs inside its function middleware).
    ...ws.branches.map((b) => b.source),
  ].join("\n");
  const cached = (object: WorkspaceObject, emit: (findings: Finding[]) => EmittedModule): EmittedModule => {
    const key = `${names}\n${object.source}`;
    const hit = cache.emitted.get(object.relativePath);
    if (hit !== undefined && hit.key === key) {
      findings.push(...hit.findings);
      return hit.module;
    }
    const own: Finding[] = [];
    const module = emit(own);
    cache.emitted.set(object.relativePath, { key, module, findings: own });
    findings.push(...own);
    return module;
  };
  // The type checker reads a build's api.lambda code in one pass rather than one module at a time.
  typeTogether(
    [...ws.tasks, ...ws.jobs, ...ws.functions.values(), ...ws.queries].flatMap((o) => lambdaCodes(o.construct.body)),
  );
  const branch = branchMiddleware(ws, findings);
  const around = branchTargets(ws, branch);
  const aroundFunctions = around.includes("function");
  const aroundTasks = around.includes("task");
  for (const task of ws.tasks) files.push(cached(task, (f) => emitTask(task, ws, f)));
  for (const job of ws.jobs) files.push(cached(job, (f) => emitJob(job, ws, f)));
  if (ws.jobs.length > 0) files.push(...jobsIndex(ws.jobs, ws));
  for (const [fnName, object] of [...ws.functions].sort(([a], [b]) => (a < b ? -1 : 1)))
    files.push(cached(object, (f) => emitFunction(object, ws, f, functionModulePath(fnName), aroundFunctions)));
  for (const [, object] of [...ws.tables].sort(([a], [b]) => (a < b ? -1 : 1)))
    files.push(cached(object, (f) => emitTable(object, f)));
  const api = apiProject(ws, findings, cached, branch.query);
  files.push(...api.files);
  // Middleware runs around endpoints, and around functions and tasks when branch.xs names lists for them.
  const aroundNothing = ws.queries.length === 0 && !aroundFunctions && !aroundTasks;
  if (!aroundNothing) files.push(...middlewareModules(ws, cached));
  const branchModule = emitBranchMiddleware(ws, branch, findings);
  if (branchModule !== undefined) files.push(branchModule);
  // Definitions of kinds xs2ts does not generate yet are listed, never silently left out.
  for (const object of ws.objects) {
    const unused = aroundNothing && ["middleware", "branch"].includes(object.construct.type);
    if (GENERATED_KINDS.has(object.construct.type) && !unused) continue;
    const kind = object.construct.type;
    const why = `xs2ts generates tasks, functions, tables, jobs and API endpoints${kind === "addon" ? " (addons are used inside db.query)" : unused ? " (middleware runs around API endpoints, and around functions and tasks when branch.xs names them: here there is nothing to run around)" : ""}`;
    findings.push(
      notGeneratedFinding(kind, object.construct.name, why, object.relativePath, object.construct.span.start),
    );
  }
  files.push(
    schedulerModule(ws, aroundTasks),
    runTaskModule(),
    runFunctionModule(ws),
    historyModule(),
    projectTest(ws),
    ...migrations(ws, findings),
    ...dataTransfer(ws),
    dataLayer(),
    ...tsconfig(),
    ...deployment(),
  );
  // Only the runtime modules and packages the modules above reach (their imports do not change when formatted).
  const runtime = projectRuntime(files);
  files.push(...runtime.files, packageJson(name, runtime, ws.jobs.length > 0, api.endpoints.length > 0));
  const sendsEmail = runtime.files.some((f) => f.path === "src/runtime/email.ts");
  const covered = coverage(ws, findings, api.endpoints);
  files.push(
    ...environment(findings, { sendsEmail, hasApi: api.endpoints.length > 0 }),
    readme(name, ws, { sendsEmail }),
    migrationReport(findings, covered, endpointSection(api.endpoints, findings)),
  );
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), coverage: covered };
}

async function format(
  files: EmittedModule[],
  diagnostics: Diagnostic[],
  cache: Map<string, string>,
): Promise<EmittedModule[]> {
  const targets = files.filter((f) => f.path.endsWith(".ts") && !f.verbatim);
  const formatted = await formatAll(
    targets.map((f) => f.text),
    cache,
  );
  const byPath = new Map(targets.map((f, i) => [f.path, formatted[i]!]));
  return files.map((f) => {
    const r = byPath.get(f.path);
    if (r === undefined) return f;
    if ("text" in r) return { ...f, text: r.text };
    // Generated code that does not parse is our bug: say so, and keep the file to look at.
    diagnostics.push({
      severity: "error",
      code: "XS9001",
      message: `internal error: generated ${f.path} is not valid TypeScript (${r.error.split("\n")[0]}); please report the .xs file it came from`,
      path: f.path,
      position: { offset: 0, line: 1, col: 1 },
    });
    return f;
  });
}

/** A project xs2ts wrote before it kept a manifest: its README.md opens with xs2ts's own line. */
function generatedBeforeManifests(out: string): boolean {
  try {
    return /^Generated by xs2ts from a XanoScript workspace\./m.test(
      readFileSync(join(out, "README.md"), "utf8").slice(0, 2000),
    );
  } catch {
    return false;
  }
}
