// Builds a one-function workspace from XanoScript text into a temp folder, and gives back the
// generated function's TypeScript and a way to run it (imported through tsx's loader).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "../../src/build.ts";

export interface Built {
  code: string;
  run(input?: Record<string, unknown>): Promise<unknown>;
}

let counter = 0;

export async function buildFunction(name: string, source: string): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), "xs2ts-emit-"));
  mkdirSync(join(dir, "ws/function"), { recursive: true });
  writeFileSync(join(dir, "ws/function", `${name}.xs`), source);
  const result = await build({ workspace: join(dir, "ws"), out: join(dir, "out"), name: `t${counter++}` });
  const file = result.files.find((f) => f.path === `src/functions/${name}.ts`);
  if (file === undefined) throw new Error(`no module for ${name}: ${result.files.map((f) => f.path).join(", ")}`);
  return {
    code: file.text,
    async run(input = {}) {
      const module = (await import(pathToFileURL(join(dir, "out", file.path)).href)) as Record<string, (i: unknown) => Promise<unknown>>;
      const fn = Object.values(module).find((v) => typeof v === "function")!;
      return fn(input);
    },
  };
}
