// Locates ../shared (the corpus and reference beside the project). Tests that need it skip
// with a one-line reason when it is absent, except under CI=true, where absence fails them.
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const sharedRoot = resolve(repoRoot, "../shared");

/** The folder under ../shared, or a skip reason for node:test's `skip` option. */
export function sharedPath(relative: string): { path: string; skip: false } | { path: string; skip: string } {
  const path = join(sharedRoot, relative);
  if (existsSync(path)) return { path, skip: false };
  if (process.env.CI === "true")
    throw new Error(`CI=true but ${path} is missing: the corpus must be beside the project`);
  return { path, skip: `../shared/${relative} is not beside this clone` };
}

export function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}
