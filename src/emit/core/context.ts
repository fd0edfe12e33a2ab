// What an emitter needs while it writes one module: imports, names in scope, and the
// findings that go into MIGRATION.md.
import { posix } from "node:path";
import type { ImportDeclarationStructure, OptionalKind } from "ts-morph";
import type { Position } from "../../ast.js";
import type { Workspace } from "../../analyze/workspace.js";
import type { StackModel } from "../../analyze/stack-model.js";
import type { VariableUse } from "../../analyze/variables.js";
import type { BlockItem } from "../../ast.js";
import { declaredType, type Lines, type Removal, type RowValue, type StackOptions, type StaticType } from "./types.js";
import { NameScope } from "./naming.js";

/** Something a person must act on after the migration, with where it came from. */
export interface Finding {
  kind: "not-migrated" | "env" | "secret" | "host" | "missing-table" | "difference";
  /** Stable code, documented in docs/diagnostics.md. */
  code: string;
  message: string;
  path: string;
  position: Position;
  /** For XS3006 (a definition not generated): its kind (`query`, `middleware`, …), counted by the report. */
  definitionKind?: string;
}

/** The finding that a definition of `kind` is not in the generated project (XS3006), and why. */
export function notGeneratedFinding(
  kind: string,
  name: string | null | undefined,
  why: string,
  path: string,
  position: Position,
): Finding {
  const message = `${kind} ${JSON.stringify(name ?? "")} is not migrated: ${why}`;
  return { kind: "not-migrated", code: "XS3006", message, path, position, definitionKind: kind };
}

const READS_ENV = "reads the environment variable ";

/** The finding that the code at `path` reads the environment variable `name` (XS4001). */
export function envFinding(name: string, path: string, position: Position): Finding {
  return { kind: "env", code: "XS4001", message: `${READS_ENV}${name}`, path, position };
}

/** The variable an XS4001 finding names. */
export function envNameOf(finding: Finding): string {
  return finding.message.slice(READS_ENV.length);
}

/**
 * The names that are never a variable of the stack: the system's `$input`, `$env`, `$db`,
 * `$var`, the `$` of `$$` and the empty name of a bare `$`. The one list: the body's name
 * scope, hoisting and api.lambda's `$var` read it. (`$auth` is the endpoint's parameter there,
 * a constant; in a function it is declared null like a variable the stack never assigns.)
 */
export const SYSTEM_NAMES: ReadonlySet<string> = new Set(["", "$", "input", "env", "db", "var"]);

/**
 * The names a filter's per-item expression binds (`$$`/`$this`, `$index`, `$result`,
 * `$parent`): a variable of the stack only where the stack assigns one itself.
 */
export const LAMBDA_NAMES = ["$", "this", "index", "result", "parent"] as const;

/**
 * Whether a name bound in `ModuleContext.variables` is a variable the stack holds: not a system
 * name, and not the catch block's `$error` (declared by the catch itself).
 */
export function isStackVariable(name: string): boolean {
  return !SYSTEM_NAMES.has(name) && name !== "error";
}

export class ModuleContext {
  /** Module (path from the project's src/, without extension) → names imported from it. */
  private readonly imports = new Map<string, Set<string>>();
  private readonly typeImports = new Map<string, Set<string>>();
  /** XanoScript variable name → TypeScript name, for the function being written. */
  readonly variables = new Map<string, string>();
  /** Variables declared where first assigned (`const`, or `let` when assigned again). */
  readonly constants = new Set<string>();
  /** Loop variables: declared by their loop, never hoisted. */
  readonly loopVariables = new Set<string>();
  /** How the stack being written uses its variables (see analyze/variables.ts). */
  uses = new Map<string, VariableUse>();
  /** Nesting of the statement being written: 0 for the stack's own statements. */
  depth = 0;
  /** Static types of the function's validated input fields (`$input.n` on a required int). */
  readonly inputTypes = new Map<string, StaticType>();
  /** The function's optional or nullable bool input fields: a boolean or null once validated. */
  readonly boolOrNullInputs = new Set<string>();
  /** What is known of each variable's type. */
  readonly variableTypes = new Map<string, StaticType>();
  /** The variables known to hold rows of a table, by XanoScript name (emit/expr/rows.ts). */
  readonly rowVariables = new Map<string, RowValue>();
  /** The rows a db statement gives, noted while it is written and read when its result is bound. */
  readonly rowResults = new Map<BlockItem, RowValue>();
  /** Variables that hold one scalar type or null (see InferredTypes.orNull): only declared with it. */
  readonly variableTypesOrNull = new Map<string, StaticType>();

  /** The TypeScript type a stack variable is declared with: its inferred type, `T | null`, or `any`. */
  declaredTypeOf(name: string): string {
    const exact = this.variableTypes.get(name);
    if (exact !== undefined) return declaredType(exact);
    const orNull = this.variableTypesOrNull.get(name);
    return orNull === undefined ? "any" : `${declaredType(orNull)} | null`;
  }
  /** What is known of the stack being written (analyze/stack-model.ts), set when its writing starts. */
  stackModel: StackModel | undefined;
  /**
   * Writes a block of statements: the dispatcher (emit/stack/dispatch.ts) hands itself over
   * here when it starts, so that families below it (db.transaction) can write nested stacks.
   */
  writeStack: (items: readonly BlockItem[], ctx: ModuleContext, options: StackOptions) => Lines = () => {
    throw new Error("a nested stack was written before emitStack started");
  };
  /** The removing foreach loops (emit/families/remove.ts) being written, innermost last. */
  readonly removingLoops: Removal[] = [];
  /** Names the removing loops' bookkeeping has taken. */
  readonly removalNames = new Set<string>();
  /** A function's parameter holding its input as it was passed, before validation; a task has none. */
  receivedInput: string | undefined;
  /** The body's names: one TypeScript name per XanoScript variable, temporaries included. */
  names = new NameScope([]);

  constructor(
    readonly workspace: Workspace,
    /** This module's path from src/, e.g. "tasks/reengage_users". */
    readonly modulePath: string,
    /** The .xs file, relative to the workspace. */
    readonly sourcePath: string,
    readonly findings: Finding[],
  ) {}

  /**
   * Names this module declares itself (its export, its variables): an import with the same
   * name is aliased (`import { count as xsCount }`) so the user's names stay as they were.
   */
  readonly localNames = new Set<string>();

  use(module: string, name: string): string {
    let names = this.imports.get(module);
    if (!names) this.imports.set(module, (names = new Set()));
    names.add(name);
    // The same name from two modules (runtime/values and a filter module re-exporting it):
    // the second module's import is aliased.
    const first = this.importedFrom.get(name);
    if (first === undefined) this.importedFrom.set(name, module);
    return this.aliasIn(module, name);
  }

  /** Which module a name was first imported from. */
  private readonly importedFrom = new Map<string, string>();

  /** The name an import has in this module: itself, or an alias when it would clash. */
  private aliasIn(module: string, name: string): string {
    if (this.importedFrom.get(name) !== module) {
      const last = module.slice(module.lastIndexOf("/") + 1);
      return `${aliasOf(module, name)}${last.charAt(0).toUpperCase()}${last.slice(1)}`;
    }
    return this.localNames.has(name) ? aliasOf(module, name) : name;
  }

  useType(module: string, name: string): string {
    let names = this.typeImports.get(module);
    if (!names) this.typeImports.set(module, (names = new Set()));
    names.add(name);
    return name;
  }

  /** A runtime helper: `rt("values", "concat")` imports it from src/runtime/values.ts. */
  rt(module: string, name: string): string {
    return this.use(`runtime/${module}`, name);
  }

  /** A name the emitter adds to the body, distinct from every name the body has. */
  temp(base: string): string {
    return this.names.fresh(base);
  }

  /** The TypeScript name of a XanoScript variable of the body. */
  variableId(name: string): string {
    let id = this.variables.get(name);
    if (id === undefined) this.variables.set(name, (id = this.names.idOf(name)));
    return id;
  }

  /** An assignment to a stack variable: `const x = …` where it is its only one, else `x = …`. */
  assign(name: string, code: string): string {
    const unread = this.uses.get(name);
    // A result bound with `as $x` and never read: the statement runs for its effect only.
    if (unread !== undefined && unread.onlyBound && unread.reads === 0) return `${code};`;
    const id = this.variableId(name);
    const use = this.uses.get(name);
    if (
      use !== undefined &&
      use.assignments === 1 &&
      ((use.firstAtTopLevel && this.depth === 0) || use.localToBlock) &&
      !this.constants.has(id)
    ) {
      this.constants.add(id);
      return `const ${id} = ${code};`;
    }
    // Assigned again later, but first seen here at the top level: declared here, as a person would.
    if (
      use !== undefined &&
      use.declaredFirst &&
      this.depth === 0 &&
      !this.constants.has(id) &&
      !this.loopVariables.has(id)
    ) {
      this.constants.add(id);
      return `let ${id}: ${this.declaredTypeOf(name)} = ${code};`;
    }
    return `${id} = ${code};`;
  }

  /** Variables to declare with `let` at the top of the function. */
  hoisted(): string[] {
    // Lambda names ($$, $index, …) are unbound again after their lambda.
    return [...this.variables.entries()]
      .filter(([name, id]) => isStackVariable(name) && !this.constants.has(id) && !this.loopVariables.has(id))
      .map(([, id]) => id)
      .filter((id, i, all) => all.indexOf(id) === i);
  }

  envUsed(name: string, position: Position): void {
    this.findings.push(envFinding(name, this.sourcePath, position));
  }

  report(finding: Omit<Finding, "path">): void {
    this.findings.push({ ...finding, path: this.sourcePath });
  }

  /**
   * Import declarations of every name registered, sorted, with paths relative to this module;
   * the module's text (core/module-text.ts) keeps those its final code uses.
   */
  importDeclarations(): OptionalKind<ImportDeclarationStructure>[] {
    const from = posix.dirname(this.modulePath);
    const out: OptionalKind<ImportDeclarationStructure>[] = [];
    const modules = new Set([...this.imports.keys(), ...this.typeImports.keys()]);
    for (const module of [...modules].sort()) {
      let rel = posix.relative(from, module);
      if (!rel.startsWith(".")) rel = `./${rel}`;
      const names = [...(this.imports.get(module) ?? [])].sort();
      const values = names.map((n) => {
        const alias = this.aliasIn(module, n);
        return alias !== n ? { name: n, alias } : { name: n };
      });
      const types = [...(this.typeImports.get(module) ?? [])].filter((t) => !names.includes(t)).sort();
      if (values.length > 0) out.push({ moduleSpecifier: `${rel}.js`, namedImports: values });
      if (types.length > 0) out.push({ moduleSpecifier: `${rel}.js`, namedImports: types, isTypeOnly: true });
    }
    return out;
  }
}

/** The alias of an import whose name the module uses for something of its own. */
function aliasOf(module: string, name: string): string {
  const pascal = name.charAt(0).toUpperCase() + name.slice(1);
  return module.startsWith("runtime/") || module === "db" || module === "env" ? `xs${pascal}` : `${name}Function`;
}
