// A workspace: every `.xs` file below a folder, parsed and indexed by kind and name.
// Objects are known by their declaration, not their path (any export layout works).
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import type { Construct, SourceFile } from "../ast.js";
import { findXsFiles } from "./xs-files.js";
import type { Diagnostic } from "../diagnostics/format.js";
import { ParseError } from "../parser/errors.js";
import { parse } from "../parser/parse.js";

export interface WorkspaceObject {
  construct: Construct;
  file: SourceFile;
  /** Path relative to the workspace root, with `/` separators (stable across machines). */
  relativePath: string;
  source: string;
}

export interface Workspace {
  root: string;
  objects: WorkspaceObject[];
  tasks: WorkspaceObject[];
  jobs: WorkspaceObject[];
  functions: Map<string, WorkspaceObject>;
  tables: Map<string, WorkspaceObject>;
  addons: Map<string, WorkspaceObject>;
  /** API endpoints (`query`), each naming its `api_group`. */
  queries: WorkspaceObject[];
  apiGroups: Map<string, WorkspaceObject>;
  /** `middleware` definitions by name (the `middleware/` folder of a pull, any folder of an export). */
  middlewares: Map<string, WorkspaceObject>;
  /** `branch` settings (`branch.xs`): which middleware runs around endpoints, functions, tasks. */
  branches: WorkspaceObject[];
  diagnostics: Diagnostic[];
}

/** Parsed files by path, reused while their text is unchanged (watch mode, rebuilds). */
export type ParseCache = Map<string, { source: string; result: SourceFile | ParseError }>;

export function loadWorkspace(root: string, cache: ParseCache = new Map()): Workspace {
  const ws: Workspace = {
    root,
    objects: [],
    tasks: [],
    jobs: [],
    functions: new Map(),
    tables: new Map(),
    addons: new Map(),
    queries: [],
    apiGroups: new Map(),
    middlewares: new Map(),
    branches: [],
    diagnostics: [],
  };
  for (const path of findXsFiles([root])) {
    const relativePath = relative(root, path).split(sep).join("/");
    const source = readFileSync(path, "utf8");
    let cached = cache.get(path);
    if (cached === undefined || cached.source !== source) {
      let result: SourceFile | ParseError;
      try {
        result = parse(source, relativePath);
      } catch (error) {
        if (!(error instanceof ParseError)) throw error;
        result = error;
      }
      cache.set(path, (cached = { source, result }));
    }
    const file = cached.result;
    if (file instanceof ParseError) {
      ws.diagnostics.push({
        severity: "error",
        code: "XS1001",
        message: file.message,
        path: relativePath,
        position: file.position,
      });
      continue;
    }
    const object: WorkspaceObject = { construct: file.construct, file, relativePath, source };
    ws.objects.push(object);
    switch (file.construct.type) {
      case "task":
        ws.tasks.push(object);
        break;
      case "run.job":
        ws.jobs.push(object);
        break;
      case "function":
        register(ws, ws.functions, object);
        break;
      case "table":
        register(ws, ws.tables, object);
        break;
      case "addon":
        register(ws, ws.addons, object);
        break;
      case "query":
        ws.queries.push(object);
        break;
      case "api_group":
        register(ws, ws.apiGroups, object);
        break;
      case "middleware":
        register(ws, ws.middlewares, object);
        break;
      case "branch":
        ws.branches.push(object);
        break;
    }
  }
  const byName = (a: WorkspaceObject, b: WorkspaceObject) =>
    (a.construct.name ?? "") < (b.construct.name ?? "") ? -1 : 1;
  ws.tasks.sort(byName);
  ws.jobs.sort(byName);
  ws.queries.sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  ws.branches.sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  return ws;
}

function register(ws: Workspace, index: Map<string, WorkspaceObject>, object: WorkspaceObject): void {
  const name = object.construct.name ?? "";
  const existing = index.get(name);
  if (existing === undefined) {
    index.set(name, object);
    return;
  }
  ws.diagnostics.push({
    severity: "error",
    code: "XS2001",
    message: `${object.construct.type} "${name}" is also defined in ${existing.relativePath}`,
    path: object.relativePath,
    position: object.construct.span.start,
  });
}
