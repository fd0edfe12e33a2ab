// The API part of a project: a module per endpoint, an index per group, src/server.ts, and
// the per-endpoint lines of MIGRATION.md.
import { nodesOf } from "../../ast.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { envFinding, notGeneratedFinding, type Finding } from "../core/context.js";
import { markdownCellCode } from "../core/escape.js";
import { AUTH_TOKEN_KEY } from "../families/security.js";
import { calledFunctionName } from "../families/functions.js";
import { groupInfo, groupIndex, type GroupInfo } from "../modules/api-group.js";
import { emitQuery, placeEndpoints, verbOf, type EndpointPlace } from "../modules/query.js";
import type { EmittedModule } from "../core/module-text.js";
import { middlewareFiles, type MiddlewareNames } from "../modules/middleware.js";
import { props } from "../modules/stack-body.js";
import { serverModule } from "./server.js";

/** One endpoint as MIGRATION.md lists it. */
export interface EndpointReport {
  verb: string;
  url: string;
  source: string;
  module: string;
  auth: boolean;
  mounted: boolean;
  /** The files of the functions it runs, directly or through other functions. */
  functions: string[];
}

/** The functions `object` runs with function.run, and those they run, by file (each once). */
export function reachedFunctions(object: WorkspaceObject, ws: Workspace): string[] {
  const seen = new Set<WorkspaceObject>();
  const visit = (o: WorkspaceObject) => {
    for (const node of nodesOf(o.construct.body)) {
      if (node.kind !== "CallStatement" || node.name !== "function.run") continue;
      // The function the emitter calls there: the same reading of the name, so the counts match the code.
      const name = calledFunctionName(node);
      const callee = name === undefined ? undefined : ws.functions.get(name);
      if (callee === undefined || seen.has(callee)) continue;
      seen.add(callee);
      visit(callee);
    }
  };
  visit(object);
  return [...seen].map((f) => f.relativePath).sort();
}

/** The endpoint counts MIGRATION.md and the build's summary both give. */
export interface EndpointCounts {
  total: number;
  /** Endpoints with no statement not migrated, in their own stack or in a function they run. */
  migrated: number;
  withAuth: number;
  unmounted: number;
}

/** Statements not migrated that an endpoint can reach: its own and those of the functions it runs. */
export function endpointNotMigrated(endpoint: EndpointReport, findings: readonly Finding[]): number {
  const files = new Set([endpoint.source, ...endpoint.functions]);
  return findings.filter((f) => f.kind === "not-migrated" && files.has(f.path)).length;
}

export function endpointCounts(endpoints: readonly EndpointReport[], findings: readonly Finding[]): EndpointCounts {
  return {
    total: endpoints.length,
    migrated: endpoints.filter((e) => endpointNotMigrated(e, findings) === 0).length,
    withAuth: endpoints.filter((e) => e.auth).length,
    unmounted: endpoints.filter((e) => !e.mounted).length,
  };
}

export interface ApiProject {
  files: EmittedModule[];
  endpoints: EndpointReport[];
}

type Emit = (object: WorkspaceObject, emit: (findings: Finding[]) => EmittedModule) => EmittedModule;

export function apiProject(
  ws: Workspace,
  findings: Finding[],
  cached: Emit,
  /** branch.xs's `middleware.query`. */
  branchQuery: MiddlewareNames | undefined,
): ApiProject {
  if (ws.queries.length === 0) return { files: [], endpoints: [] };
  const places = placeEndpoints(ws.queries);
  for (const object of ws.queries) {
    if (places.some((p) => p.object === object)) continue;
    const why =
      verbOf(object.construct) === undefined
        ? "it has no verb of GET, POST, PUT, PATCH or DELETE"
        : "it names no api_group";
    findings.push(
      notGeneratedFinding("query", object.construct.name, why, object.relativePath, object.construct.span.start),
    );
  }
  const byGroup = new Map<string, EndpointPlace[]>();
  for (const place of places) byGroup.set(place.group, [...(byGroup.get(place.group) ?? []), place]);
  const groups: GroupInfo[] = [];
  const files: EmittedModule[] = [];
  const middleware = middlewareFiles(ws, findings, branchQuery);
  const endpoints: EndpointReport[] = [];
  for (const [name, members] of [...byGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const group = groupInfo(name, ws.apiGroups.get(name), findings, members[0].object);
    group.middleware = middleware.ofGroup(group);
    groups.push(group);
    files.push(groupIndex(group, members));
    for (const place of members) {
      files.push(cached(place.object, (f) => emitQuery(place, ws, f)));
      const auth = props(place.object.construct).has("auth");
      if (auth) findings.push(envFinding(AUTH_TOKEN_KEY, place.object.relativePath, place.object.construct.span.start));
      endpoints.push({
        verb: place.verb,
        url: `/api:${group.canonical}/${place.path}`,
        source: place.object.relativePath,
        module: `src/${place.modulePath}.ts`,
        auth,
        mounted: group.active,
        functions: reachedFunctions(place.object, ws),
      });
    }
  }
  // api_group definitions no endpoint names: nothing to mount, said so.
  for (const [name, object] of ws.apiGroups) {
    if (byGroup.has(name)) continue;
    findings.push({
      kind: "difference",
      code: "XS5303",
      message: `the API group "${name}" has no endpoints: nothing is mounted for it`,
      path: object.relativePath,
      position: object.construct.span.start,
    });
  }
  files.push(serverModule(groups, middleware.server()));
  return { files, endpoints };
}

/**
 * MIGRATION.md's section on the endpoints: how many run with nothing left, the tokens to
 * reissue, and a row for each endpoint that still has statements not migrated (its own and
 * those of the functions it runs).
 */
export function endpointSection(endpoints: readonly EndpointReport[], findings: readonly Finding[]): string[] {
  if (endpoints.length === 0) return [];
  const counts = endpointCounts(endpoints, findings);
  const left = endpoints.map((e) => ({ e, n: endpointNotMigrated(e, findings) })).filter(({ n }) => n > 0);
  const lines = [
    "## API endpoints",
    "",
    `${counts.total} endpoints (npm run serve); ${counts.migrated} with no statement left to migrate (their functions' included)${counts.unmounted > 0 ? `; ${counts.unmounted} in inactive groups, not mounted` : ""}.`,
  ];
  if (counts.withAuth > 0) {
    lines.push(
      `${counts.withAuth} require a token (auth): tokens issued by Xano cannot be read here (Xano's key stays in Xano), so every user signs in again to get one made with AUTH_TOKEN_KEY.`,
    );
  }
  lines.push("");
  if (left.length > 0) {
    lines.push("| endpoint | module | statements not migrated (with its functions') |", "| --- | --- | ---: |");
    for (const { e, n } of left)
      lines.push(`| ${markdownCellCode(`${e.verb} ${e.url}`)} | ${markdownCellCode(e.module)} | ${n} |`);
    lines.push("");
  }
  return lines;
}
