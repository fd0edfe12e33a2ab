// A task: its stack as the run() of a Task object, with its schedule and history.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { unparen, type Construct, type Expr } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { cronFor, describeSchedule } from "../../../templates/runtime/schedule.js";
import { scheduleOf } from "../../analyze/schedule.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { docs, header, moduleText, type EmittedModule } from "../core/module-text.js";
import { expr } from "../expr/expressions.js";
import { datasourceKey } from "../families/db.js";
import { body, jsDoc, props, stackOf } from "./stack-body.js";
import { modulePathFor } from "../core/naming.js";
import { arrayLiteral, objectLiteral, type ObjectMember } from "../core/object-literal.js";

export function emitTask(object: WorkspaceObject, ws: Workspace, findings: Finding[]): EmittedModule {
  const c = object.construct;
  const name = c.name ?? "task";
  const modulePath = modulePathFor("task", name);
  const ctx = new ModuleContext(ws, modulePath, object.relativePath, findings);
  ctx.localNames.add(camelCase(name));
  const p = props(c);
  const run = [...datasourceSwitch(c, ctx), body(stackOf(c), ctx, "void")];
  const members: ObjectMember[] = [{ name: "name", value: JSON.stringify(name) }];
  members.push(
    scheduleOf(c).active
      ? { name: "active", value: "true" }
      : { name: "active", value: "false", comment: "generated, not scheduled (as in Xano)" },
  );
  for (const key of ["description", "datasource", "guid"] as const) {
    const v = p.get(key);
    if (v && unparen(v).kind === "String") members.push({ name: key, value: expr(v, ctx) });
  }
  const tags = p.get("tags");
  if (tags) members.push({ name: "tags", value: expr(tags, ctx) });
  const history = historyField(p.get("history"), ctx);
  if (history) members.push(history);
  members.push({ name: "schedule", value: arrayLiteral(scheduleEntries(object, ctx)) }, "blank");
  members.push({ method: "run", isAsync: true, statements: run });
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(jsDoc(c, p.get("description"))),
      declarations: [
        { name: camelCase(name), type: ctx.useType("runtime/task", "Task"), initializer: objectLiteral(members) },
      ],
    },
  ];
  return {
    path: `src/${modulePath}.ts`,
    text: moduleText(header(object), ctx, statements),
  };
}

/**
 * `datasource = "test"`: the run's statements use that data source's database, as scheduled
 * runs do in Xano; "live" (Xano's default) is the project's own database.
 */
function datasourceSwitch(c: Construct, ctx: ModuleContext): string[] {
  const value = props(c).get("datasource");
  const source = value === undefined ? undefined : unparen(value);
  if (source?.kind !== "String" || source.value === "live" || source.value === "default" || source.value === "")
    return [];
  const key = datasourceKey(source.value);
  ctx.report({
    kind: "difference",
    code: "XS5104",
    message: `the task runs against the data source ${JSON.stringify(source.value)}: set DATABASE_URL_${key} (or SQLITE_FILE_${key}); until then it uses the project's database`,
    position: source.span.start,
  });
  return [`${ctx.use("db", "useTaskDatasource")}(${JSON.stringify(source.value)});`];
}

/**
 * `history`: a number of runs or "all" is the task's own; `{inherit: true}` (Xano's default)
 * is no field: the scheduler's default, TASK_HISTORY, stands for the workspace's setting.
 */
function historyField(value: Expr | undefined, ctx: ModuleContext): ObjectMember | undefined {
  const v = value ? unparen(value) : undefined;
  if (v === undefined) return undefined;
  if (v.kind === "Number" && Number.isInteger(v.value) && v.value >= 0)
    return {
      name: "history",
      value: String(v.value),
      comment: v.value === 0 ? "no run is kept once finished" : undefined,
    };
  if (v.kind === "String" && v.value === "all") return { name: "history", value: '"all"' };
  const inherit =
    v.kind === "Object" && v.entries.length === 1 && v.entries[0].key === "inherit"
      ? unparen(v.entries[0].value)
      : undefined;
  if (inherit?.kind === "Bool" && inherit.value) return undefined;
  ctx.report({
    kind: "not-migrated",
    code: "XS3007",
    message: 'history not migrated: it is {inherit: true}, a number of runs or "all"; the task keeps TASK_HISTORY',
    position: v.span.start,
  });
  return undefined;
}

/** Each schedule entry with its bounds, its words, and the cron expression (or the list of them) that fires at exactly its instants. */
function scheduleEntries(
  object: WorkspaceObject,
  ctx: ModuleContext,
): { comments: string[]; value: ReturnType<typeof objectLiteral> }[] {
  const schedule = scheduleOf(object.construct);
  for (const p of schedule.problems) {
    ctx.report({
      kind: "not-migrated",
      code: "XS3005",
      message: `schedule entry not migrated: ${p.message}`,
      position: p.position,
    });
  }
  return schedule.entries.map((entry) => {
    const cron = cronFor(entry);
    const members: ObjectMember[] = [{ name: "startsOn", value: JSON.stringify(entry.startsOn) }];
    if (entry.everySeconds !== undefined)
      members.push({
        name: "everySeconds",
        value:
          entry.everySeconds >= 10000
            ? entry.everySeconds.toLocaleString("en-US").replace(/,/g, "_")
            : String(entry.everySeconds),
      });
    if (entry.endsOn !== undefined) members.push({ name: "endsOn", value: JSON.stringify(entry.endsOn) });
    if (cron !== undefined) members.push({ name: "cron", value: JSON.stringify(cron) });
    return { comments: [`${describeSchedule(entry)}.`], value: objectLiteral(members) };
  });
}
