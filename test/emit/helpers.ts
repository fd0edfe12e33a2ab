// Builds a small workspace from XanoScript text into a temp folder, and gives back the
// generated function's TypeScript, what MIGRATION.md lists, a way to run it (imported through
// tsx's loader, with the repository's node_modules linked for the runtime's packages), and a
// way to typecheck the whole generated project under strict.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "../../src/build.ts";
import type { Finding } from "../../src/emit/core/context.ts";
import { repoRoot } from "../support/shared.ts";

export interface Built {
  code: string;
  /** The generated project's folder. */
  out: string;
  findings: Finding[];
  run(input?: Record<string, unknown>): Promise<unknown>;
  /** tsc --noEmit over the generated project: the compiler's output, "" when it passes. */
  typeErrors(): string;
}

let counter = 0;

export async function buildFunction(name: string, source: string): Promise<Built> {
  return buildWorkspace({ [`function/${name}.xs`]: source }, name);
}

/** Builds `files` (paths in the workspace → XanoScript) and gives back the function `main`. */
export async function buildWorkspace(files: Record<string, string>, main: string): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-emit-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, "ws", path)), { recursive: true });
    writeFileSync(join(dir, "ws", path), text);
  }
  const out = join(dir, "out");
  const result = await build({ workspace: join(dir, "ws"), out, name: `t${counter++}` });
  const file = result.files.find((f) => f.path === `src/functions/${main}.ts`);
  if (file === undefined) throw new Error(`no module for ${main}: ${result.files.map((f) => f.path).join(", ")}`);
  symlinkSync(join(repoRoot, "node_modules"), join(out, "node_modules"), "dir");
  return {
    code: file.text,
    out,
    findings: result.findings,
    async run(input = {}) {
      const module = (await import(pathToFileURL(join(out, file.path)).href)) as Record<
        string,
        (i: unknown) => Promise<unknown>
      >;
      const fn = Object.values(module).find((v) => typeof v === "function")!;
      return fn(input);
    },
    typeErrors() {
      try {
        execFileSync(
          process.execPath,
          [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", join(out, "tsconfig.json")],
          { encoding: "utf8" },
        );
        return "";
      } catch (error) {
        return (error as { stdout?: string }).stdout ?? String(error);
      }
    },
  };
}
