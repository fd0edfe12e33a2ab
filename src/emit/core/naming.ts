// One naming scope per function body: every XanoScript variable gets exactly one TypeScript
// name, distinct from every other name visible there (the module's own names, imports,
// temporaries the emitters add, a lambda's parameters, a catch's value).
import { prop, wordValue } from "../../ast.js";
import { camelCase, safeIdentifier } from "../../analyze/names.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import type { Diagnostic } from "../../diagnostics/format.js";
import { filePath } from "./escape.js";

export class NameScope {
  /** XanoScript variable name → its TypeScript name. */
  private readonly ids = new Map<string, string>();
  /** Every TypeScript name in use in the body. */
  private readonly taken = new Set<string>();

  /**
   * `variables` are every XanoScript variable of the body, known before any is written, so a
   * name does not depend on which was met first. Names that would merge (`$user_id` and
   * `$userId` both read `userId`) keep their own spelling (`user_id`, `userId`).
   */
  constructor(variables: Iterable<string>, reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
    const byCamel = new Map<string, string[]>();
    for (const name of new Set(variables)) {
      const id = camelCase(name);
      byCamel.set(id, [...(byCamel.get(id) ?? []), name]);
    }
    for (const [id, names] of [...byCamel].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      for (const name of names.sort()) {
        const wanted = names.length === 1 ? id : ownSpelling(name);
        this.ids.set(name, this.claim(wanted));
      }
    }
  }

  /** The TypeScript name of a XanoScript variable (one not met before gets a fresh one). */
  idOf(name: string): string {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = this.claim(camelCase(name))));
    return id;
  }

  has(id: string): boolean {
    return this.taken.has(id);
  }

  /** Every TypeScript name the scope gave a variable. */
  variableIds(): string[] {
    return [...this.ids.values()];
  }

  /** A name for something the emitter adds (`i`, `end`, `caught`): `base`, or `base2`, … when taken. */
  fresh(base: string): string {
    return this.claim(base);
  }

  /** A name free in the body for a parameter that lives only inside one arrow function. */
  free(base: string): string {
    if (!this.taken.has(base)) return base;
    let n = 2;
    while (this.taken.has(`${base}${n}`)) n++;
    return `${base}${n}`;
  }

  private claim(wanted: string): string {
    let id = wanted;
    for (let n = 2; this.taken.has(id); n++) id = `${wanted}${n}`;
    this.taken.add(id);
    return id;
  }
}

/** `$user_id` → `user_id`: the name as written, made a valid identifier. */
function ownSpelling(name: string): string {
  const plain = name.replace(/^\$+/, "").replace(/[^A-Za-z0-9_$]+/g, "_");
  return safeIdentifier(plain === "" ? "value" : plain);
}

// ── per project: files and exports ──

/** The kinds of definition that become a module, and the folder each goes in (from src/). */
const FOLDERS: Record<string, string> = { task: "tasks", function: "functions", "run.job": "jobs", table: "tables" };

/** branch.xs's lists around functions and tasks: their module, from src/, and their exports. */
export const BRANCH_MIDDLEWARE_MODULE = "branch-middleware";
export const BRANCH_LIST_EXPORT = { function: "functionMiddleware", task: "taskMiddleware" } as const;

/**
 * A definition's module path from src/ (`tasks/send_report`). A function's name keeps its
 * folders (`billing/charge.card` → `functions/billing/charge_card`); a task's, job's or
 * table's `/` is no folder.
 */
export function modulePathFor(kind: "task" | "function" | "run.job" | "table", name: string): string {
  return `${FOLDERS[kind]}/${filePath(kind === "function" ? name : name.replace(/\//g, "_"))}`;
}

/** A folder name for an API group: `Default` → `default`, `linkedin applicants` → `linkedin-applicants`. */
export function groupFolder(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "group"
  );
}

/** The file name part a table's migration and index import use (`user_accounts`). */
export function tableFileName(name: string): string {
  return filePath(name.replace(/\//g, "_"));
}

/**
 * Two definitions whose modules would be one file (`"send report"` and `send_report`; `Report`
 * and `report` on a file system that ignores case) or whose exports would be one name in the
 * module that imports them all: an error naming both .xs files. Nothing is silently lost.
 */
export function projectNameClashes(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, WorkspaceObject>();
  const reported = new Set<string>();
  const claim = (key: string, object: WorkspaceObject, what: string) => {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, object);
      return;
    }
    // One error per pair, naming the first thing they would share (the file, else the export).
    const pair = `${first.relativePath}\n${object.relativePath}`;
    if (reported.has(pair)) return;
    reported.add(pair);
    const describe = (o: WorkspaceObject) =>
      `${o.construct.type} ${JSON.stringify(o.construct.name ?? "")} (${o.relativePath})`;
    out.push({
      severity: "error",
      code: "XS2011",
      message: `${describe(first)} and ${describe(object)} would both be ${what}: rename one`,
      path: object.relativePath,
      position: object.construct.span.start,
    });
  };
  // API groups: one folder (and one import in src/server.ts) each, one canonical each.
  for (const [name, object] of ws.apiGroups) {
    const folder = groupFolder(name);
    claim(`group folder ${folder}`, object, `src/api/${folder}/`);
    claim(
      `group import ${camelCase(`${folder} api`)}`,
      object,
      `the import ${camelCase(`${folder} api`)} in src/server.ts`,
    );
    const canonical = wordValue(prop(object.construct, "canonical"));
    if (canonical !== undefined && canonical !== "")
      claim(`canonical ${canonical}`, object, `served at /api:${canonical}`);
  }
  for (const object of ws.objects) {
    const kind = object.construct.type;
    if (!(kind in FOLDERS)) continue;
    const name = object.construct.name ?? kind;
    // Exact duplicates of functions and tables are reported when the workspace is loaded.
    if (
      (kind === "function" || kind === "table") &&
      ws[kind === "function" ? "functions" : "tables"].get(name) !== object
    )
      continue;
    const path = `src/${modulePathFor(kind as "task", name)}.ts`;
    claim(`file ${path.toLowerCase()}`, object, path);
    if (kind === "task")
      claim(`task ${camelCase(name)}`, object, `the task export ${camelCase(name)} in src/scheduler.ts`);
    if (kind === "table")
      claim(`table ${camelCase(name)}Table`, object, `the export ${camelCase(name)}Table in src/tables/index.ts`);
    if (kind === "table")
      claim(`migration ${tableFileName(name).toLowerCase()}`, object, `the migration *_create_${tableFileName(name)}`);
  }
  return out;
}
