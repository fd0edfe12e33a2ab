// npm run bench:parse — parser throughput over the shared corpus: cold (first pass in a fresh
// process) and warm (median of later passes), with the lexer alone for comparison, and peak memory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { lex } from "../src/lexer/lexer.js";
import { Feeder } from "../src/parser/feeder.js";
import { parse } from "../src/parser/parse.js";
import { filesUnder, sharedRoot } from "../test/support/shared.js";

const PASSES = Number(process.env.PASSES ?? 15);
const files = filesUnder(join(sharedRoot, "corpus"), ".xs").map((path) => ({ path, text: readFileSync(path, "utf8") }));
if (files.length === 0) {
  console.error("no corpus at ../shared/corpus: nothing to measure");
  process.exit(1);
}
const megabytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0) / 1e6;
let peakRss = process.memoryUsage().rss;

/** CPU time of each warm parse pass: steadier than wall time when other work shares the cores. */
const cpuMs: number[] = [];

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

const parseFile = (t: string, p: string) => parse(t, p);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
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
console.log(`parse cold (first pass):      ${cold.toFixed(0)} ms  ${rate(cold)}`);
console.log(`parse warm:                   ${median(runs.parse).toFixed(0)} ms  ${rate(median(runs.parse))}`);
console.log(`parse warm, CPU time:         ${median(cpuMs).toFixed(0)} ms  ${rate(median(cpuMs))} (median; fastest ${rate(Math.min(...cpuMs))})`);
console.log(`  lexer alone (moo):          ${median(runs.lex).toFixed(0)} ms  ${rate(median(runs.lex))}`);
console.log(`  lexer + feeder/expressions: ${median(runs.feed).toFixed(0)} ms  ${rate(median(runs.feed))}`);
console.log(`  nearley chart (the rest):   ${(median(runs.parse) - median(runs.feed)).toFixed(0)} ms`);
console.log(`peak RSS: ${(peakRss / 1e6).toFixed(0)} MB`);
