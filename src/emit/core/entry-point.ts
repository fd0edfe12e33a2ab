// What every entry point of a generated project (scheduler, run-task, run-fn, run-job, migrate,
// import) starts with, shared by the modules and project layers that write them.

/** The first import of every entry point: ESM evaluates imports in order, so .env is loaded before db.ts reads DATABASE_URL. */
export const LOAD_ENV = `import "./runtime/env-file.js";`;

/** True when the module is the one Node was started with (not imported by a test or another entry point); needs pathToFileURL from node:url. */
export const IS_MAIN = 'import.meta.url === pathToFileURL(process.argv[1] ?? "").href';
