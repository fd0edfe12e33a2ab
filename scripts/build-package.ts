// Compiles xs2ts to JavaScript with declarations in dist/, for `npm pack` and the registry.
// The layout mirrors the repository (dist/src, dist/templates) so that paths the code resolves
// relative to itself (templates/, the prettier worker) hold in both.
import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")],
  { stdio: "inherit" },
);

// Generated projects are given templates/ as TypeScript source, so it ships as source too.
cpSync(join(root, "templates"), join(dist, "templates"), { recursive: true });

// Files tsc does not emit (worker scripts) go beside the compiled modules that load them.
for (const file of filesUnder(join(root, "src"))) {
  if (file.endsWith(".mjs")) cpSync(file, join(dist, "src", relative(join(root, "src"), file)));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
