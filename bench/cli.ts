// npm run bench:cli — start-up time of the xs2ts command: `xs2ts --help` and `xs2ts parse` of one
// small file, run as the installed package runs (compiled JavaScript in dist/, built first when
// missing) and as a clone ran it before the package was compiled (tsx over src/), in one run.
// Runs alternate between the two so that load from other work on the machine falls on both.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../test/support/shared.js";

const RUNS = Number(process.env.RUNS ?? 15);
const smallFile = join(repoRoot, "fixtures/task-calls-function/task/notify_inactive_users.xs");

// A clone's bin/xs2ts.js prefers dist/ when present, so a dist/ built here is removed at the end.
const builtHere = !existsSync(join(repoRoot, "dist/src/cli/main.js"));
if (builtHere) execFileSync("npm", ["run", "--silent", "build:package"], { cwd: repoRoot, stdio: "inherit" });
process.on("exit", () => {
  if (builtHere) rmSync(join(repoRoot, "dist"), { recursive: true, force: true });
});

const ways = {
  "compiled (bin/xs2ts.js → dist/)": [join(repoRoot, "bin/xs2ts.js")],
  "tsx over src/ (before)": ["--import", "tsx", join(repoRoot, "src/cli/main.ts")],
};
const commands = { "--help": ["--help"], "parse <small file>": ["parse", smallFile] };

function secondsOf(args: string[]): number {
  const started = performance.now();
  execFileSync(process.execPath, args, { cwd: repoRoot, stdio: "ignore" });
  return (performance.now() - started) / 1000;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

for (const [commandName, commandArgs] of Object.entries(commands)) {
  const times = new Map<string, number[]>(Object.keys(ways).map((way) => [way, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [way, prefix] of Object.entries(ways)) times.get(way)!.push(secondsOf([...prefix, ...commandArgs]));
  }
  const baseline = median(times.get("tsx over src/ (before)")!);
  for (const [way, samples] of times) {
    const m = median(samples);
    console.log(
      `xs2ts ${commandName.padEnd(18)} ${way.padEnd(32)} median ${m.toFixed(3)} s  (${(m / baseline).toFixed(2)}x of before, ${RUNS} runs)`,
    );
  }
}
const nodeAlone = median(Array.from({ length: RUNS }, () => secondsOf(["-e", ""])));
console.log(`node -e "" (the floor)                                   median ${nodeAlone.toFixed(3)} s`);
