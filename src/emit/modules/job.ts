// run.job: a module that calls its main function once with the job's input, and the
// `npm run job -- <name>` entry point that prints the result as JSON.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { prop, stringValue, unparen, type Expr } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { functionExportName, functionModulePath } from "../families/functions.js";
import { blankLine, docs, header, moduleText, type EmittedModule, type ModuleStatement } from "../core/module-text.js";
import { entryPoint, IS_MAIN, namedImport, typeImport } from "../core/entry-point.js";
import { modulePathFor } from "../core/naming.js";
import { objectLiteral, type ObjectMember } from "../core/object-literal.js";

/**
 * The job's exported name: camelCase of its name, with `Job` added when a function of the
 * workspace exports the same name (a job is often named after the function it runs).
 */
export function jobExportName(name: string, ws: Workspace | undefined): string {
  const id = camelCase(name);
  const functions = ws ? [...ws.functions.keys()].map(functionExportName) : [];
  return functions.includes(id) ? `${id}Job` : id;
}

export function jobModulePath(name: string): string {
  return modulePathFor("run.job", name);
}

/** `{name: "fn", input: {...}}` → a call of the function's module, or a not-migrated throw. */
function call(spec: Expr | undefined, ctx: ModuleContext, what: string): string | undefined {
  if (spec === undefined) return undefined;
  const o = unparen(spec);
  const nameExpr = o.kind === "Object" ? o.entries.find((e) => e.key === "name")?.value : undefined;
  const fn = stringValue(nameExpr);
  if (o.kind !== "Object" || fn === undefined) {
    ctx.report({
      kind: "not-migrated",
      code: "XS3003",
      message: `the job's ${what} is not a {name, input} object`,
      position: spec.span.start,
    });
    return `${ctx.rt("errors", "notMigrated")}(${JSON.stringify(`the job's ${what}`)})`;
  }
  if (!ctx.workspace.functions.has(fn)) {
    ctx.report({
      kind: "not-migrated",
      code: "XS3004",
      message: `the job's ${what} calls "${fn}", which is not in the workspace`,
      position: spec.span.start,
    });
    return `${ctx.rt("errors", "notMigrated")}(${JSON.stringify(`the function ${fn}`)})`;
  }
  const input = o.entries.find((e) => e.key === "input")?.value;
  const id = ctx.use(functionModulePath(fn), functionExportName(fn));
  return `await ${id}(${input ? expr(input, ctx) : "{}"})`;
}

export function emitJob(object: WorkspaceObject, ws: Workspace, findings: Finding[]): EmittedModule {
  const name = object.construct.name ?? "job";
  const modulePath = jobModulePath(name);
  const ctx = new ModuleContext(ws, modulePath, object.relativePath, findings);
  const lines: string[] = [];
  const pre = call(prop(object.construct, "pre"), ctx, "pre");
  if (pre) lines.push(`${pre};`);
  const main = call(prop(object.construct, "main"), ctx, "main") ?? "null";
  const post = call(prop(object.construct, "post"), ctx, "post");
  if (post) lines.push(`const result = ${main};`, `${post};`, "return result;");
  else lines.push(`return ${main};`);
  const description = prop(object.construct, "description");
  const members: ObjectMember[] = [{ name: "name", value: JSON.stringify(name) }];
  if (description && unparen(description).kind === "String")
    members.push({ name: "description", value: expr(description, ctx) });
  members.push({ method: "run", isAsync: true, statements: lines });
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(object.construct.comments.map((c) => c.text.trim())),
      declarations: [
        {
          name: jobExportName(name, ws),
          type: ctx.useType("runtime/task", "Job"),
          initializer: objectLiteral(members),
        },
      ],
    },
  ];
  return {
    path: `src/${modulePath}.ts`,
    text: moduleText(header(object), ctx, statements),
  };
}

export function jobsIndex(jobs: readonly WorkspaceObject[], ws: Workspace): EmittedModule[] {
  const names = jobs.map((j) => j.construct.name ?? "job");
  // The names the job modules export (…Job when a function has the same name).
  const ids = names.map((n) => jobExportName(n, ws));
  const statements: ModuleStatement[] = [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: "jobs", type: "Job[]", initializer: `[${ids.join(", ")}]` }],
    },
    blankLine,
    `if (${IS_MAIN}) {
  const name = process.argv[2];
  const job = name === undefined && jobs.length === 1 ? jobs[0] : jobs.find((j) => j.name === name);
  if (job === undefined) usageError(\`Unknown job \${JSON.stringify(name ?? "")}. Jobs: \${jobs.map((j) => JSON.stringify(j.name)).join(", ")}\`);
  await runCommand(async () => console.log(toJson(await job.run())), () => db.destroy());
}`,
  ];
  return [
    entryPoint(
      "src/run-job.ts",
      "// npm run job -- <name>: runs a job once and prints its result as JSON.",
      statements,
      [
        namedImport("node:url", "pathToFileURL"),
        ...names.map((n, i) => namedImport(`./${jobModulePath(n)}.js`, ids[i]!)),
        namedImport("./db.js", "db"),
        namedImport("./runtime/command.js", "runCommand", "toJson", "usageError"),
        typeImport("./runtime/task.js", "Job"),
      ],
    ),
  ];
}
