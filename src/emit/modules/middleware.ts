// Middleware: one module per `middleware` definition (its input's type and a Middleware object:
// name, exception_policy, response_strategy, input fields, and its stack as `handle`, written
// as an endpoint's is), and where each runs, read from the branch settings (`branch.xs`,
// `middleware = {query: {pre, post}, …}`) or an api_group's or query's own `middleware`.
import { unparen, wordValue, type Expr, type Position } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { namedImport, type ImportStructure } from "../core/entry-point.js";
import { filePath } from "../core/escape.js";
import type { EmittedModule } from "../core/module-text.js";
import { handlerModule } from "./handler-module.js";
import { props } from "./stack-body.js";

export const EXCEPTION_POLICIES = ["silent", "rethrow", "critical"] as const;
export const RESPONSE_STRATEGIES = ["merge", "replace"] as const;

/** Where a middleware's module is, and the name it exports. */
export interface MiddlewarePlace {
  object: WorkspaceObject;
  name: string;
  /** From src/, without extension: `middleware/require_key`. */
  modulePath: string;
  exportName: string;
}

/** The middleware that run around an endpoint, by name, in order. */
export interface MiddlewareNames {
  pre: string[];
  post: string[];
  /** A list that is not literal names (reported): it becomes a middleware that fails every request. */
  unreadable?: ("pre" | "post")[];
  /** The file and position the list was read from (for findings about it). */
  from: { path: string; position: Position };
  /** What a middleware that cannot run fails: "every request", "every function call", "every task run". */
  fails: string;
}

const placed = new WeakMap<Workspace, ReadonlyMap<string, MiddlewarePlace>>();

/**
 * Each middleware's module and export (`require_key` → `middleware/require_key.ts`,
 * `requireKey`), unique; worked out once per workspace, whichever module asks first.
 */
export function placeMiddlewares(ws: Workspace): ReadonlyMap<string, MiddlewarePlace> {
  const known = placed.get(ws);
  if (known !== undefined) return known;
  const places = new Map<string, MiddlewarePlace>();
  const files = new Set<string>();
  const exports = new Set<string>();
  for (const [name, object] of [...ws.middlewares].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const base = filePath(name.replace(/\//g, "_")) || "middleware";
    let file = base;
    for (let n = 2; files.has(file.toLowerCase()); n++) file = `${base}_${n}`;
    files.add(file.toLowerCase());
    let exportName = camelCase(name);
    for (let n = 2; exports.has(exportName); n++) exportName = `${camelCase(name)}${n}`;
    exports.add(exportName);
    places.set(name, { object, name, modulePath: `middleware/${file}`, exportName });
  }
  placed.set(ws, places);
  return places;
}

/** `src/middleware/<name>.ts`. */
export function emitMiddleware(place: MiddlewarePlace, ws: Workspace, findings: Finding[]): EmittedModule {
  const { object } = place;
  const p = props(object.construct);
  const setting = <T extends string>(key: string, allowed: readonly T[], fallback: T): T => {
    const value = p.get(key);
    const text = wordValue(value);
    if (text === undefined && value === undefined) return fallback;
    if (text !== undefined && (allowed as readonly string[]).includes(text)) return text as T;
    findings.push({
      kind: "difference",
      code: "XS5304",
      message: `the middleware "${place.name}"'s ${key} is not one of ${allowed.join(", ")}: it is taken as ${fallback}`,
      path: object.relativePath,
      position: value!.span.start,
    });
    return fallback;
  };
  const exceptionPolicy = setting("exception_policy", EXCEPTION_POLICIES, "rethrow");
  const responseStrategy = setting("response_strategy", RESPONSE_STRATEGIES, "merge");
  // `vars` is always passed, and is null after an endpoint that answers null: never "missing".
  const kind = { typeModule: "runtime/middleware", typeName: "Middleware", label: place.name, alwaysPassed: ["vars"] };
  // `$auth` is the endpoint's (null without auth), passed in as for the endpoint itself.
  return handlerModule(place, ws, findings, kind, () => ({
    before: [
      { name: "name", value: JSON.stringify(place.name) },
      { name: "exceptionPolicy", value: JSON.stringify(exceptionPolicy) },
      { name: "responseStrategy", value: JSON.stringify(responseStrategy) },
    ],
  }));
}

/** `["a", "b"]` → its texts; undefined for anything else. */
function nameList(value: Expr | undefined): string[] | undefined {
  const v = value ? unparen(value) : undefined;
  if (v === undefined) return [];
  if (v.kind !== "Array") return undefined;
  const names = v.elements.map((item) => wordValue(item));
  return names.every((n): n is string => n !== undefined) ? names : undefined;
}

function entry(value: Expr, key: string): Expr | undefined {
  const v = unparen(value);
  return v.kind === "Object" ? v.entries.find((e) => e.key === key)?.value : undefined;
}

/**
 * `{pre: [...], post: [...]}` read at `value`; a list that is not literal names is reported and
 * left empty, never guessed.
 */
export function readMiddlewareNames(
  value: Expr,
  object: WorkspaceObject,
  what: string,
  findings: Finding[],
  fails = "every request",
): MiddlewareNames {
  const from = { path: object.relativePath, position: value.span.start };
  const unreadable: ("pre" | "post")[] = [];
  const read = (key: "pre" | "post"): string[] => {
    const names = nameList(entry(value, key));
    if (names !== undefined && unparen(value).kind === "Object") return names;
    findings.push({
      kind: "not-migrated",
      code: "XS3008",
      message: `${what}'s ${key} middleware is not a list of middleware names: ${fails} it is around fails until it is written`,
      ...from,
    });
    unreadable.push(key);
    return [];
  };
  const names: MiddlewareNames = { pre: read("pre"), post: read("post"), from, fails };
  return unreadable.length > 0 ? { ...names, unreadable } : names;
}

/** The kinds of object branch.xs's `middleware` setting names lists for, and those that are run around. */
export type BranchTarget = "query" | "function" | "task";

/** branch.xs's lists, by what they run around; a target without a list is absent. */
export type BranchMiddleware = Partial<Record<BranchTarget, MiddlewareNames>>;

/** A list that runs something: a name, or one that could not be read (it fails until written). */
export function runsAny(names: MiddlewareNames | undefined): names is MiddlewareNames {
  return names !== undefined && (names.pre.length > 0 || names.post.length > 0 || names.unreadable !== undefined);
}

/**
 * What the branch settings say of middleware: the `query`, `function` and `task` lists; the
 * `tool` one is reported (xs2ts generates no tools). Reports, so it is read once per build.
 */
export function branchMiddleware(ws: Workspace, findings: Finding[]): BranchMiddleware {
  const [branch, ...others] = ws.branches;
  for (const other of others)
    findings.push({
      kind: "difference",
      code: "XS5305",
      message: `only one branch's settings are applied (${branch.relativePath}); ${JSON.stringify(other.construct.name ?? "")}'s are not`,
      path: other.relativePath,
      position: other.construct.span.start,
    });
  if (branch === undefined) return {};
  const setting = props(branch.construct).get("middleware");
  if (setting === undefined) return {};
  const v = unparen(setting);
  if (v.kind !== "Object") return { query: readMiddlewareNames(setting, branch, "the branch's query", findings) };
  const lists: BranchMiddleware = {};
  for (const e of v.entries) {
    if (e.key === "query" || e.key === "function" || e.key === "task") {
      const fails = { query: "every request", function: "every function call", task: "every task run" }[e.key];
      lists[e.key] = readMiddlewareNames(e.value, branch, `the branch's ${e.key}`, findings, fails);
      continue;
    }
    const names = [...(nameList(entry(e.value, "pre")) ?? []), ...(nameList(entry(e.value, "post")) ?? [])];
    if (names.length === 0) continue;
    findings.push({
      kind: "difference",
      code: "XS5306",
      message: `the branch's ${e.key} middleware (${names.join(", ")}) is not applied: xs2ts does not generate ${e.key === "tool" ? "AI tools" : `${e.key} objects`}`,
      path: branch.relativePath,
      position: e.value.span.start,
    });
  }
  return lists;
}

/** The middleware around the endpoints, as src/server.ts writes them. */
export interface ServerMiddleware {
  /** `import { requireKey } from "./middleware/require_key.js"`, one per middleware the lists name. */
  imports: ImportStructure[];
  /** The branch's list, declared once as `middleware` (undefined without one). */
  branch?: string;
  /** Where the branch's list was read (for the comment above it). */
  branchSource?: string;
}

/**
 * `{ pre: [requireKey], post: [addMeta] }` for a list of names; a name no middleware has is
 * reported and becomes `missingMiddleware("name")`, which fails everything it is around
 * (a check that is not there must not pass silently).
 */
export function middlewareListText(
  names: MiddlewareNames,
  places: ReadonlyMap<string, MiddlewarePlace>,
  findings: Finding[],
  /** The name a middleware has where the list is written (importing it), and `missingMiddleware`'s. */
  refer: { to(place: MiddlewarePlace): string; missing(): string },
): string {
  const one = (name: string) => {
    const place = places.get(name);
    if (place !== undefined) return refer.to(place);
    findings.push({
      kind: "not-migrated",
      code: "XS3009",
      message: `the middleware "${name}" is not defined in the workspace: ${names.fails} it is around fails until it is written`,
      ...names.from,
    });
    return `${refer.missing()}(${JSON.stringify(name)}) /* TODO(xs2ts): not defined in the workspace */`;
  };
  const list = (key: "pre" | "post") => {
    const items = names[key].map(one);
    if (names.unreadable?.includes(key))
      items.push(
        `${refer.missing()}(${JSON.stringify(`the ${key} list at ${names.from.path}:${names.from.position.line}`)}) /* TODO(xs2ts): not a list of names */`,
      );
    return `[${items.join(", ")}]`;
  };
  return `{ pre: ${list("pre")}, post: ${list("post")} }`;
}

/** The import lines of src/server.ts for the middleware it names. */
export function middlewareImports(used: ReadonlySet<MiddlewarePlace>, missing: boolean): ImportStructure[] {
  const imports = [...used]
    .sort((a, b) => (a.modulePath < b.modulePath ? -1 : 1))
    .map((p) => namedImport(`./${p.modulePath}.js`, p.exportName));
  return missing ? [namedImport("./runtime/middleware.js", "missingMiddleware"), ...imports] : imports;
}

type Emit = (object: WorkspaceObject, emit: (findings: Finding[]) => EmittedModule) => EmittedModule;

/**
 * The middleware part of the API: which list each group runs (its api_group's own
 * `middleware = {pre, post}`, else the branch's `middleware.query`), and what src/server.ts imports.
 */
export function middlewareFiles(ws: Workspace, findings: Finding[], branch: MiddlewareNames | undefined) {
  const places = placeMiddlewares(ws);
  const used = new Set<MiddlewarePlace>();
  let missing = false;
  const refer = {
    to: (place: MiddlewarePlace) => (used.add(place), place.exportName),
    missing: () => ((missing = true), "missingMiddleware"),
  };
  const branchText = branch === undefined ? undefined : middlewareListText(branch, places, findings, refer);
  return {
    ofGroup(group: { name: string; source?: WorkspaceObject }): string | undefined {
      const own = group.source ? props(group.source.construct).get("middleware") : undefined;
      if (own === undefined) return branchText === undefined ? undefined : "middleware";
      const names = readMiddlewareNames(own, group.source!, `the API group "${group.name}"`, findings);
      return middlewareListText(names, places, findings, refer);
    },
    server(): ServerMiddleware {
      return {
        imports: middlewareImports(used, missing),
        ...(branchText === undefined ? {} : { branch: branchText, branchSource: ws.branches[0]?.relativePath }),
      };
    },
  };
}

/** Every middleware's module: one no list names is generated all the same. */
export function middlewareModules(ws: Workspace, cached: Emit): EmittedModule[] {
  return [...placeMiddlewares(ws).values()].map((place) => cached(place.object, (f) => emitMiddleware(place, ws, f)));
}

/**
 * An endpoint's own `middleware = {pre, post}`: its Endpoint's `middleware` member (the
 * middleware imported into its module), or undefined when it has none.
 */
export function endpointMiddleware(
  object: WorkspaceObject,
  ws: Workspace,
  ctx: ModuleContext,
  findings: Finding[],
): string | undefined {
  const own = props(object.construct).get("middleware");
  if (own === undefined) return undefined;
  const names = readMiddlewareNames(own, object, `the query ${JSON.stringify(object.construct.name ?? "")}`, findings);
  return middlewareListText(names, placeMiddlewares(ws), findings, {
    to: (place) => ctx.use(place.modulePath, place.exportName),
    missing: () => ctx.rt("middleware", "missingMiddleware"),
  });
}
