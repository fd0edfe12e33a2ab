// src/branch-middleware.ts: branch.xs's middleware around functions and tasks, one exported
// function per list. Each list is built when it is asked for, not when the module loads: a
// middleware may call a function, whose module imports this one (an import cycle in which a
// list built at load time could name a middleware not yet defined).
import { StructureKind, type StatementStructures } from "ts-morph";
import type { Workspace } from "../../analyze/workspace.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { docs, header, moduleText, type EmittedModule } from "../core/module-text.js";
import { BRANCH_LIST_EXPORT, BRANCH_MIDDLEWARE_MODULE } from "../core/naming.js";
import { middlewareListText, placeMiddlewares, runsAny, type BranchMiddleware } from "./middleware.js";

const AROUND = {
  function: "every function call (npm run fn, function.run from any stack but a middleware's)",
  task: "every run of a task (the scheduler's, npm run task's)",
} as const;

/** The lists that run around something: they name a middleware, and the workspace has functions (tasks). */
export function branchTargets(ws: Workspace, lists: BranchMiddleware): ("function" | "task")[] {
  const has = { function: ws.functions.size > 0, task: ws.tasks.length > 0 };
  return (["function", "task"] as const).filter((t) => has[t] && runsAny(lists[t]));
}

/** The module, when branch.xs has a `function` or a `task` list that runs around something. */
export function emitBranchMiddleware(
  ws: Workspace,
  lists: BranchMiddleware,
  findings: Finding[],
): EmittedModule | undefined {
  const branch = ws.branches[0];
  const targets = branchTargets(ws, lists);
  if (branch === undefined || targets.length === 0) return undefined;
  const ctx = new ModuleContext(ws, BRANCH_MIDDLEWARE_MODULE, branch.relativePath, findings);
  const places = placeMiddlewares(ws);
  const refer = {
    to: (place: { modulePath: string; exportName: string }) => ctx.use(place.modulePath, place.exportName),
    missing: () => ctx.rt("middleware", "missingMiddleware"),
  };
  const statements: StatementStructures[] = targets.map((target) => ({
    kind: StructureKind.Function,
    isExported: true,
    name: BRANCH_LIST_EXPORT[target],
    docs: docs([`The middleware around ${AROUND[target]}: middleware.${target}, pre then post, in order.`]),
    returnType: ctx.useType("runtime/middleware", "MiddlewareList"),
    statements: [`return ${middlewareListText(lists[target]!, places, findings, refer)};`],
  }));
  return { path: `src/${BRANCH_MIDDLEWARE_MODULE}.ts`, text: moduleText(header(branch), ctx, statements) };
}
