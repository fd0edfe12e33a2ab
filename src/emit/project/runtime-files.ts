// What a generated project carries of templates/runtime/ and of npm: only what its code reaches.
// Starting from the generated modules' imports of src/runtime/…, the runtime modules' own
// imports are followed to a fixed point; the npm packages are those the project's modules and
// those runtime modules import. A project with one task then has no Redis client, no search
// or lambda code, and its typecheck does not read their types.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { ts } from "ts-morph";
import type { EmittedModule } from "../core/module-text.js";

const runtimeDir = join(dirname(fileURLToPath(import.meta.url)), "../../../templates/runtime");

/** Every npm package a generated project may use: its version range, and its types package if separate. */
const PACKAGES: Record<string, { version: string; dev?: true; types?: [string, string] }> = {
  "@fastify/cors": { version: "^11.0.0" },
  "@fastify/formbody": { version: "^9.0.0" },
  "@fastify/multipart": { version: "^10.0.0" },
  bcryptjs: { version: "^3.0.0" },
  "better-sqlite3": { version: "^12.0.0" },
  "cli-progress": { version: "^3.12.0", types: ["@types/cli-progress", "^3.11.6"] },
  "csv-parse": { version: "^7.0.3" },
  fastify: { version: "^5.0.0" },
  fflate: { version: "^0.8.2" },
  "image-size": { version: "^2.1.0" },
  knex: { version: "^3.1.0" },
  "node-cron": { version: "^4.6.0" },
  pg: { version: "^8.13.0", types: ["@types/pg", "^8.11.0"] },
  "pg-copy-streams": { version: "^7.0.0", types: ["@types/pg-copy-streams", "^1.2.5"] },
  redis: { version: "^6.3.1" },
  tsx: { version: "^4.19.0", dev: true },
  typescript: { version: "^5.9.0", dev: true },
  "@types/node": { version: "^20.0.0", dev: true },
};

/**
 * Needed though no module imports them: tsx runs the development scripts, tsc and Node's types
 * check and compile the project, and knex opens the default SQLite database through better-sqlite3, loaded by name.
 */
const ALWAYS = ["tsx", "typescript", "@types/node", "better-sqlite3"];

export interface ProjectRuntime {
  /** The runtime modules, as src/runtime/… files, sorted by path. */
  files: EmittedModule[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** The module specifiers a TypeScript text imports: static, `import type`, `export … from`, `import()`. */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative and node: imports. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** The runtime modules and npm packages the project's `modules` (paths relative to the project) reach. */
export function projectRuntime(modules: readonly EmittedModule[]): ProjectRuntime {
  const runtime = new Map<string, EmittedModule>();
  const packages = new Set(ALWAYS);
  const userPackages = new Set<string>();
  const queue = modules.filter((m) => m.path.endsWith(".ts"));
  for (let module = queue.shift(); module !== undefined; module = queue.shift()) {
    for (const specifier of importsOf(module.text)) {
      const pkg = packageOf(specifier);
      if (pkg !== undefined) {
        // A package the user's own code imports (api.lambda's `import("npm:…")`, reported as
        // XS5010) is theirs to pin; one the runtime imports without a version here is our bug.
        if (!(pkg in PACKAGES) && !module.path.startsWith("src/runtime/")) userPackages.add(pkg);
        else if (!(pkg in PACKAGES))
          throw new Error(
            `${module.path} imports "${pkg}", which has no version in PACKAGES (src/emit/project/runtime-files.ts)`,
          );
        else packages.add(pkg);
        continue;
      }
      if (!specifier.startsWith(".")) continue;
      const path = posix.join(posix.dirname(module.path), specifier).replace(/\.js$/, ".ts");
      if (!path.startsWith("src/runtime/") || runtime.has(path)) continue;
      const template = join(runtimeDir, path.slice("src/runtime/".length));
      if (!existsSync(template))
        throw new Error(`${module.path} imports ${specifier}, which is not in templates/runtime`);
      // Copied as they are: the templates are formatted source already (see EmittedModule.verbatim).
      const file = { path, text: readFileSync(template, "utf8"), verbatim: true };
      runtime.set(path, file);
      queue.push(file);
    }
  }
  const dependencies: Record<string, string> = {};
  const devDependencies: Record<string, string> = {};
  for (const name of [...packages].sort()) {
    const { version, dev, types } = PACKAGES[name]!;
    (dev ? devDependencies : dependencies)[name] = version;
    if (types) devDependencies[types[0]] = types[1];
  }
  for (const name of userPackages) dependencies[name] = "*";
  const sortedDependencies = Object.fromEntries(Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : 1)));
  const files = [...runtime.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  return {
    files,
    dependencies: sortedDependencies,
    devDependencies: Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}
