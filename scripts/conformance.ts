// npm run conformance [-- [--keep DIR] [--json FILE] [--no-typecheck] [folder…]]
//
// Builds every exercise folder of the shared corpus with xs2ts, runs its job, and compares
// the printed JSON with the README's expected value (as the shared expectations tool reads
// it). Prints passed / failed / unknown (no high-confidence expectation) and each failure's
// reason; then typechecks all generated projects with one tsc run.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "../src/build.js";
import { repoRoot, sharedRoot } from "../test/support/shared.js";
import { difference, viewsFor } from "../test/support/conformance/compare.js";

interface Expectation {
  exercise: string;
  input: unknown;
  expected: unknown;
  confidence: "high" | "low" | "none";
}

type Outcome =
  | { kind: "pass"; view?: string }
  | { kind: "transpile"; message: string }
  | { kind: "runtime"; message: string }
  | { kind: "wrong"; expected: unknown; actual: unknown; where: string }
  | { kind: "ran"; actual: unknown };

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const flag = (name: string): boolean => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const keep = option("--keep");
const jsonOut = option("--json");
const noTypecheck = flag("--no-typecheck");
const timeoutMs = Number(option("--timeout") ?? 10_000);

const exercisesDir = join(sharedRoot, "corpus/exercises");
const tool = join(sharedRoot, "tools/exercise-expectations.mjs");
if (!existsSync(exercisesDir) || !existsSync(tool)) {
  console.error(`conformance: ${exercisesDir} or ${tool} is missing`);
  process.exit(2);
}

const started = Date.now();
const expectations = new Map<string, Expectation>(
  (
    JSON.parse(
      execFileSync(process.execPath, [tool, exercisesDir], {
        encoding: "utf8",
        maxBuffer: 64 << 20,
        stdio: ["ignore", "pipe", "ignore"],
      }),
    ) as Expectation[]
  ).map((e) => [e.exercise, e]),
);
const folders = readdirSync(exercisesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && (args.length === 0 || args.includes(d.name)))
  .map((d) => d.name)
  .sort();

const root = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), "xs2ts-conformance-"));
if (keep) rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
symlinkSync(join(repoRoot, "node_modules"), join(root, "node_modules"));
// One copy of the runtime for all projects (it is the same in each): tsc checks it once.
const sharedRuntime = join(root, "_runtime");

// ── build ──
const outcomes = new Map<string, Outcome>();
const jobFiles = new Map<string, string>();
for (const folder of folders) {
  const out = join(root, folder);
  try {
    const result = await build({ workspace: join(exercisesDir, folder), out, name: folder });
    if (result.diagnostics.length > 0) {
      outcomes.set(folder, { kind: "transpile", message: result.diagnostics.map((d) => d.message).join("; ") });
      continue;
    }
    const job = result.files.find((f) => f.path.startsWith("src/jobs/"));
    if (job === undefined) {
      outcomes.set(folder, { kind: "transpile", message: "no job module was generated" });
      continue;
    }
    jobFiles.set(folder, join(out, job.path));
  } catch (error) {
    outcomes.set(folder, { kind: "transpile", message: `xs2ts crashed: ${(error as Error).stack ?? error}` });
    continue;
  }
  // Each project carries only the runtime modules it uses: all of them are in the shared copy.
  const runtime = join(out, "src/runtime");
  if (!existsSync(sharedRuntime)) cpSync(join(repoRoot, "templates/runtime"), sharedRuntime, { recursive: true });
  rmSync(runtime, { recursive: true, force: true });
  symlinkSync(sharedRuntime, runtime);
}
const built = Date.now();

// ── run: a small pool of child processes with tsx's loader; a job over the timeout kills its child ──
interface Reply {
  id: number;
  ok: boolean;
  json?: string;
  error?: string;
}

const worker = join(repoRoot, "test/support/conformance/worker.ts");
const queue = [...jobFiles.keys()];
let nextId = 1;

function spawnWorker(): Promise<ChildProcess> {
  return new Promise((resolveWorker, reject) => {
    const child = fork(worker, [], {
      execArgv: ["--import", "tsx"],
      cwd: root,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: { ...process.env, SQLITE_FILE: ":memory:" },
    });
    child.stderr?.resume();
    child.once("message", () => resolveWorker(child));
    child.once("error", reject);
  });
}

function runOne(child: ChildProcess, file: string): Promise<Reply | "timeout" | "exit"> {
  const id = nextId++;
  return new Promise((done) => {
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    const onMessage = (reply: Reply) => {
      if (reply.id === id) finish(reply);
    };
    const onExit = () => finish("exit");
    function finish(r: Reply | "timeout" | "exit") {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      done(r);
    }
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send({ id, file });
  });
}

async function lane(): Promise<void> {
  let child = await spawnWorker();
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    const reply = await runOne(child, jobFiles.get(folder)!);
    if (reply === "timeout" || reply === "exit") {
      outcomes.set(folder, {
        kind: "runtime",
        message: reply === "timeout" ? `no result after ${timeoutMs} ms` : "the process died",
      });
      child.kill("SIGKILL");
      child = await spawnWorker();
      continue;
    }
    if (!reply.ok) {
      outcomes.set(folder, { kind: "runtime", message: reply.error ?? "unknown error" });
      continue;
    }
    const actual: unknown = JSON.parse(reply.json!);
    const expectation = expectations.get(folder);
    if (expectation?.confidence !== "high") {
      outcomes.set(folder, { kind: "ran", actual });
      continue;
    }
    const where = difference(expectation.expected, actual);
    if (where === undefined) {
      outcomes.set(folder, { kind: "pass" });
      continue;
    }
    const view = viewsFor(readFileSync(join(exercisesDir, folder, "README.md"), "utf8")).find((v) => {
      const read = v.read(actual, expectation.expected);
      return read !== undefined && difference(expectation.expected, read) === undefined;
    });
    outcomes.set(
      folder,
      view !== undefined
        ? { kind: "pass", view: view.name }
        : { kind: "wrong", expected: expectation.expected, actual, where },
    );
  }
  child.kill();
}
await Promise.all([lane(), lane()]);
const ran = Date.now();

// ── typecheck: every project in one tsc run ──
const typeErrors = new Map<string, string[]>();
let typecheckNote = "skipped";
if (!noTypecheck) {
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
      },
      // The code generated from XanoScript of every project; the scaffolding (db, scheduler,
      // run-task, …) is the same in each, so one project's is checked for all.
      include: [
        "*/src/functions/**/*.ts",
        "*/src/jobs/**/*.ts",
        ...(jobFiles.size > 0 ? [`${[...jobFiles.keys()][0]}/src/**/*.ts`] : []),
      ],
    }),
  );
  let output = "";
  try {
    execFileSync(
      process.execPath,
      [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(root, "tsconfig.json")],
      { encoding: "utf8", maxBuffer: 64 << 20, cwd: root },
    );
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  for (const line of output.split("\n")) {
    const m = /^([^/(]+)\/(\S+?)\(\d+,\d+\): error/.exec(line);
    if (!m) continue;
    const scaffolding = !/^src\/(functions|jobs)\//.test(m[2]!);
    const folder = m[1] === "_runtime" ? "(runtime)" : scaffolding ? "(scaffolding)" : m[1]!;
    if (!typeErrors.has(folder)) typeErrors.set(folder, []);
    typeErrors.get(folder)!.push(line);
  }
  const shared = ["(runtime)", "(scaffolding)"].filter((k) => typeErrors.has(k));
  typecheckNote =
    `${folders.filter((f) => jobFiles.has(f) && !typeErrors.has(f)).length} of ${jobFiles.size} generated projects' functions and jobs typecheck` +
    (shared.length > 0
      ? `; errors in the code all projects share: ${shared.map((k) => `${k} ${typeErrors.get(k)!.length}`).join(", ")}`
      : "; the shared runtime and scaffolding typecheck");
}
const checked = Date.now();

// ── report ──
const high = folders.filter((f) => expectations.get(f)?.confidence === "high");
const count = (kind: Outcome["kind"], list = high) => list.filter((f) => outcomes.get(f)?.kind === kind).length;
const passed = count("pass");
const failed = high.length - passed;
const unknown = folders.length - high.length;
const show = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
};
console.log("Failures (high-confidence folders):");
for (const folder of high) {
  const o = outcomes.get(folder)!;
  if (o.kind === "pass") continue;
  const types = typeErrors.has(folder) ? ` [${typeErrors.get(folder)!.length} type errors]` : "";
  if (o.kind === "wrong")
    console.log(
      `  ${folder}: wrong value at ${o.where}${types}\n      expected ${show(o.expected)}\n      actual   ${show(o.actual)}`,
    );
  else if (o.kind === "ran") console.log(`  ${folder}: ran${types}`);
  else console.log(`  ${folder}: ${o.kind} error: ${o.message.split("\n")[0]}${types}`);
}
const otherErrors = folders.filter(
  (f) => !high.includes(f) && (outcomes.get(f)?.kind === "runtime" || outcomes.get(f)?.kind === "transpile"),
);
if (otherErrors.length > 0) {
  console.log("Errors in folders without a high-confidence expectation:");
  for (const f of otherErrors) {
    const o = outcomes.get(f) as { kind: string; message: string };
    console.log(`  ${f}: ${o.kind} error: ${o.message.split("\n")[0]}`);
  }
}
if (typeErrors.size > 0) {
  console.log("Type errors:");
  for (const [folder, lines] of [...typeErrors].sort()) {
    for (const line of lines.slice(0, 5)) console.log(`  ${line}`);
    if (lines.length > 5) console.log(`  … and ${lines.length - 5} more in ${folder}`);
  }
}
const transpileErrors = folders.filter((f) => outcomes.get(f)?.kind === "transpile").length;
const runtimeErrors = count("runtime");
const viewed = high.flatMap((f) => {
  const o = outcomes.get(f);
  return o?.kind === "pass" && o.view !== undefined ? [`${f} (${o.view})`] : [];
});
console.log(
  `\nConformance: ${passed} passed, ${failed} failed (${count("wrong")} wrong value, ${runtimeErrors} runtime error, ${count("transpile")} transpile error), ` +
    `${unknown} unknown — ${((100 * passed) / Math.max(1, high.length)).toFixed(1)}% of ${high.length} high-confidence folders.`,
);
console.log(
  `Of the passes, ${passed - viewed.length} match as printed and ${viewed.length} as the README shows the value` +
    (viewed.length > 0 ? `: ${viewed.join(", ")}.` : "."),
);
console.log(
  `Folders without a high-confidence expectation: ${count("ran", folders)} ran, ${otherErrors.length} failed with an error. Transpile errors in all folders: ${transpileErrors}.`,
);
console.log(`Typecheck: ${typecheckNote}.`);
console.log(
  `Time: build ${((built - started) / 1000).toFixed(1)} s, run ${((ran - built) / 1000).toFixed(1)} s, typecheck ${((checked - ran) / 1000).toFixed(1)} s.${keep ? ` Projects kept in ${root}.` : ""}`,
);
if (jsonOut)
  writeFileSync(
    jsonOut,
    JSON.stringify(
      Object.fromEntries(
        [...outcomes].map(([f, o]) => [
          f,
          { ...o, confidence: expectations.get(f)?.confidence ?? "none", typeErrors: typeErrors.get(f) ?? [] },
        ]),
      ),
      null,
      2,
    ),
  );
if (!keep) rmSync(root, { recursive: true, force: true });
// Exit 0: the figures are a measurement; a crash of the transpiler is the only hard failure.
process.exit(
  transpileErrors > 0 &&
    folders.some((f) => (outcomes.get(f) as { message?: string } | undefined)?.message?.startsWith("xs2ts crashed"))
    ? 1
    : 0,
);
