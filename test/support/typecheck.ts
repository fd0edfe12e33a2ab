// tsc over a generated project, under strict and --noUnusedLocals: its errors, and apart from
// them the imports its code never uses (an unused local variable of a stack is not an error here:
// the source declared it).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { repoRoot } from "./shared.ts";

export interface TypecheckResult {
  /** Every error but an unused name. */
  errors: string[];
  /** `file(line,col): name`, for each import the module does not use. */
  unusedImports: string[];
}

export function typecheck(tsconfig: string): TypecheckResult {
  let output = "";
  try {
    execFileSync(
      process.execPath,
      [join(repoRoot, "node_modules/typescript/bin/tsc"), "--noEmit", "--noUnusedLocals", "-p", tsconfig],
      { encoding: "utf8" },
    );
  } catch (error) {
    output = (error as { stdout?: string }).stdout ?? String(error);
  }
  const errors: string[] = [];
  const unusedImports: string[] = [];
  for (const line of output.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (m === null) {
      if (line.trim() !== "" && !line.startsWith(" ")) errors.push(line);
      continue;
    }
    const [, file, row, column, code] = m;
    if (code !== "TS6133" && code !== "TS6192" && code !== "TS6196") {
      errors.push(line);
      continue;
    }
    // tsc names files from the working directory.
    if (inImport(resolve(file!), Number(row), Number(column))) unusedImports.push(line);
  }
  return { errors, unusedImports };
}

/** Whether the position (1-based) lies inside an import declaration of the file. */
function inImport(path: string, row: number, column: number): boolean {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const offset = source.getPositionOfLineAndCharacter(row - 1, column - 1);
  return source.statements.some((s) => ts.isImportDeclaration(s) && s.getStart() <= offset && offset < s.getEnd());
}
