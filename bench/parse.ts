// npm run bench:parse — parser throughput and memory.
//
// 1. One function with a long stack, at 150 KB and 1.2 MB, each size in a child process of its
//    own so that its peak RSS is its own: the larger must parse within 0.7x the smaller's MB/s
//    and under 300 MB. `-- --compare <checkout>` measures another checkout's parser (e.g. main,
//    unpacked with `git archive main | tar -x -C <dir>` and node_modules linked) in the same run.
// 2. The shared corpus: cold (first pass in a fresh process) and warm (median of later passes),
//    with the lexer alone for comparison, and peak memory.
// 3. A whole build (parse, emit, format, write) of one 5 MB function, in a child process: CPU
//    and wall time, peak RSS. `-- --no-build` leaves it out (about 30 s of CPU).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { lex } from "../src/lexer/lexer.js";
import { Feeder } from "../src/parser/feeder.js";
import { parse } from "../src/parser/parse.js";
import { longFunction } from "../test/parser/long-function.js";
import { filesUnder, sharedRoot } from "../test/support/shared.js";

const here = fileURLToPath(import.meta.url);
const repoRoot = resolve(here, "../..");
const { values: options } = parseArgs({
  options: {
    one: { type: "string" },
    root: { type: "string" },
    compare: { type: "string" },
    "build-one": { type: "string" },
    "no-build": { type: "boolean" },
  },
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

interface OneResult {
  bytes: number;
  /** By CPU time: wall time swings with whatever else shares the cores. */
  mbPerSecond: number;
  wallMbPerSecond: number;
  peakRssMb: number;
}

/** In the child: parse one generated function a few times with the parser of `root`. */
async function measureOne(bytes: number, root: string): Promise<void> {
  const { parse: parseWith } = (await import(pathToFileURL(join(root, "src/parser/parse.ts")).href)) as {
    parse: (text: string, path: string) => unknown;
  };
  const { text } = longFunction(bytes);
  const passes = bytes > 500_000 ? 3 : 7;
  const ms: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < passes; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    parseWith(text, "long.xs");
    const used = process.cpuUsage(cpu);
    ms.push(performance.now() - started);
    cpuMs.push((used.user + used.system) / 1000);
  }
  const megabytes = Buffer.byteLength(text) / 1e6;
  const result: OneResult = {
    bytes: Buffer.byteLength(text),
    mbPerSecond: megabytes / (median(cpuMs) / 1000),
    wallMbPerSecond: megabytes / (median(ms) / 1000),
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
  };
  console.log(JSON.stringify(result));
}

function runOne(bytes: number, root: string): OneResult | string {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", here, "--one", String(bytes), "--root", root], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out.trim().split("\n").pop()!) as OneResult;
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    return `failed: ${stderr.split("\n").find((l) => /Error|heap/.test(l)) ?? stderr.slice(0, 200)}`;
  }
}

function longStack(label: string, root: string): void {
  const small = runOne(150_000, root);
  const large = runOne(1_200_000, root);
  const show = (r: OneResult | string) =>
    typeof r === "string"
      ? r
      : `${r.mbPerSecond.toFixed(2)} MB/s (CPU time; wall ${r.wallMbPerSecond.toFixed(2)} MB/s)  peak RSS ${r.peakRssMb.toFixed(0)} MB`;
  console.log(`one function with a long stack (${label}), medians:`);
  console.log(`  150 KB: ${show(small)}`);
  console.log(`  1.2 MB: ${show(large)}`);
  if (typeof small !== "string" && typeof large !== "string") {
    const ratio = large.mbPerSecond / small.mbPerSecond;
    const ok = ratio >= 0.7 && large.peakRssMb < 300;
    console.log(
      `  1.2 MB at ${ratio.toFixed(2)}x the 150 KB rate, ${large.peakRssMb.toFixed(0)} MB (target: >= 0.70x, < 300 MB): ${ok ? "met" : "NOT met"}`,
    );
  }
}

function corpus(): void {
  const PASSES = Number(process.env.PASSES ?? 15);
  const files = filesUnder(join(sharedRoot, "corpus"), ".xs").map((path) => ({
    path,
    text: readFileSync(path, "utf8"),
  }));
  if (files.length === 0) {
    console.log("corpus: none at ../shared/corpus, not measured");
    return;
  }
  const megabytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;
  let peakRss = process.memoryUsage().rss;
  /** CPU time of each warm parse pass: steadier than wall time when other work shares the cores. */
  const cpuMs: number[] = [];
  const parseFile = (t: string, p: string) => parse(t, p);

  function pass(fn: (text: string, path: string) => unknown): number {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const f of files) fn(f.text, f.path);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    if (fn === parseFile) cpuMs.push((used.user + used.system) / 1000);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return ms;
  }

  /** Lexing plus the feeder (expressions included): everything but the nearley chart. */
  function feedOnly(text: string): void {
    const feeder = new Feeder(lex(text));
    while (feeder.next() !== undefined);
  }

  const cold = pass((t, p) => parse(t, p));
  const runs = { parse: [] as number[], lex: [] as number[], feed: [] as number[] };
  for (let i = 0; i < PASSES; i++) {
    runs.parse.push(pass(parseFile));
    runs.lex.push(pass((t) => lex(t)));
    runs.feed.push(pass(feedOnly));
  }
  const rate = (ms: number) => `${(megabytes / (ms / 1000)).toFixed(2)} MB/s`;
  console.log(`corpus: ${files.length} files, ${megabytes.toFixed(2)} MB; ${PASSES} warm passes, medians`);
  console.log(`  parse cold (first pass):      ${cold.toFixed(0)} ms  ${rate(cold)}`);
  console.log(`  parse warm:                   ${median(runs.parse).toFixed(0)} ms  ${rate(median(runs.parse))}`);
  console.log(
    `  parse warm, CPU time:         ${median(cpuMs).toFixed(0)} ms  ${rate(median(cpuMs))} (median; fastest ${rate(Math.min(...cpuMs))})`,
  );
  console.log(`    lexer alone (moo):          ${median(runs.lex).toFixed(0)} ms  ${rate(median(runs.lex))}`);
  console.log(`    lexer + feeder/expressions: ${median(runs.feed).toFixed(0)} ms  ${rate(median(runs.feed))}`);
  console.log(`    nearley chart (the rest):   ${(median(runs.parse) - median(runs.feed)).toFixed(0)} ms`);
  console.log(`  peak RSS: ${(peakRss / 1e6).toFixed(0)} MB`);
}

/** In the child: builds a workspace of one function of `bytes` into a temporary folder. */
async function buildOne(bytes: number): Promise<void> {
  const { build } = await import("../src/build.js");
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-bench-build-"));
  try {
    mkdirSync(join(dir, "ws", "function"), { recursive: true });
    const { text, statements } = longFunction(bytes);
    writeFileSync(join(dir, "ws", "function", "long.xs"), text);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out") });
    const used = process.cpuUsage(cpu);
    console.log(
      JSON.stringify({
        statements,
        errors: result.diagnostics.filter((d) => d.severity === "error").length,
        cpuSeconds: (used.user + used.system) / 1e6,
        wallSeconds: (performance.now() - started) / 1000,
        peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function buildFigure(bytes: number): void {
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", here, "--build-one", String(bytes)], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const r = JSON.parse(out.trim().split("\n").pop()!) as {
      statements: number;
      errors: number;
      cpuSeconds: number;
      wallSeconds: number;
      peakRssMb: number;
    };
    console.log(
      `build of one ${(bytes / 1e6).toFixed(0)} MB function (${r.statements} statements): ${r.errors === 0 ? "built" : `${r.errors} errors`}, ${r.cpuSeconds.toFixed(1)} s CPU, ${r.wallSeconds.toFixed(1)} s wall, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    console.log(
      `build of one ${(bytes / 1e6).toFixed(0)} MB function: failed: ${stderr.split("\n").find((l) => /Error|heap/.test(l)) ?? stderr.slice(0, 200)}`,
    );
  }
}

if (options.one !== undefined) {
  await measureOne(Number(options.one), options.root ?? repoRoot);
} else if (options["build-one"] !== undefined) {
  await buildOne(Number(options["build-one"]));
} else {
  longStack("this checkout", repoRoot);
  if (options.compare !== undefined) longStack(`parser of ${options.compare}`, resolve(options.compare));
  corpus();
  if (!options["no-build"]) buildFigure(5_000_000);
}
