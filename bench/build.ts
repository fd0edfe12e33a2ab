// npm run bench:build — builds ../shared/corpus/bwats cold (first build in this process), then
// again after one file changed (the watch-mode path, caches kept), and, in the same run, times
// `tsc --noEmit` over the generated project. Medians of several rebuilds.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, createBuildCache } from "../src/build.js";
import { repoRoot, sharedRoot } from "../test/support/shared.js";

const REBUILDS = Number(process.env.REBUILDS ?? 7);
const scratch = mkdtempSync(join(tmpdir(), "xs2ts-bench-build-"));
const workspace = join(scratch, "bwats");
const out = join(scratch, "out");
cpSync(join(sharedRoot, "corpus/bwats"), workspace, { recursive: true });
const changed = join(workspace, "functions/1962_log_change.xs");
const original = readFileSync(changed, "utf8");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

try {
  const cache = createBuildCache();
  let started = performance.now();
  const first = await build({ workspace, out, cache, name: "bwats" });
  const cold = performance.now() - started;

  const rebuilds: number[] = [];
  let written = 0;
  for (let i = 0; i < REBUILDS; i++) {
    writeFileSync(changed, original.replace(/\bstack \{/, `stack {\n    debug.log { value = "edit ${i}" }`));
    started = performance.now();
    const r = await build({ workspace, out, cache, name: "bwats" });
    rebuilds.push(performance.now() - started);
    written = r.written;
  }
  writeFileSync(changed, original);

  symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
  started = performance.now();
  try {
    execFileSync(
      process.execPath,
      [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(out, "tsconfig.json")],
      { stdio: "pipe" },
    );
  } catch {
    // Type errors do not change how long the check takes; the conformance run reports them.
  }
  const tsc = performance.now() - started;

  console.log(`workspace: ../shared/corpus/bwats, ${first.files.length} files generated`);
  console.log(`cold build:                 ${cold.toFixed(0)} ms`);
  console.log(
    `rebuild after one change:   ${median(rebuilds).toFixed(0)} ms median of ${REBUILDS} (${written} files rewritten)`,
  );
  console.log(`tsc --noEmit over output:   ${tsc.toFixed(0)} ms`);
  console.log(`cold build / typecheck:     ${(cold / tsc).toFixed(2)}x`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
