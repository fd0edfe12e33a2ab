// What every entry point of a generated project (scheduler, run-task, run-fn, run-job, migrate,
// history, server) is made of, shared by the modules and project layers that write them.
import type { ImportDeclarationStructure, OptionalKind } from "ts-morph";
import { moduleText, type EmittedModule, type ModuleStatement } from "./module-text.js";

export type ImportStructure = OptionalKind<ImportDeclarationStructure>;

/** True when the module is the one Node was started with (not imported by a test or another entry point); uses pathToFileURL from node:url. */
export const IS_MAIN = 'import.meta.url === pathToFileURL(process.argv[1] ?? "").href';

/** `import { a, type B } from "…"`: a name written `type B` is imported as a type only. */
export function namedImport(moduleSpecifier: string, ...names: string[]): ImportStructure {
  return {
    moduleSpecifier,
    namedImports: names.map((n) => (n.startsWith("type ") ? { name: n.slice(5), isTypeOnly: true } : n)),
  };
}

/** `import type { A } from "…"`. */
export function typeImport(moduleSpecifier: string, ...names: string[]): ImportStructure {
  return { moduleSpecifier, namedImports: names, isTypeOnly: true };
}

/**
 * An entry point in src/: its header, the import that loads .env first (ESM evaluates imports
 * in order, so .env is loaded before db.ts reads DATABASE_URL), then those of `imports` its
 * statements use, in the order given.
 */
export function entryPoint(
  path: string,
  headerComment: string,
  statements: readonly ModuleStatement[],
  imports: readonly ImportStructure[],
): EmittedModule {
  return {
    path,
    text: moduleText(headerComment, undefined, statements, [{ moduleSpecifier: "./runtime/env-file.js" }, ...imports]),
  };
}
