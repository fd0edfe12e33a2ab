// The API part of a project: a module per endpoint, an index per group, src/server.ts, and
// the per-endpoint lines of MIGRATION.md.
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { envFinding, type Finding } from "../core/context.js";
import { markdownCellCode } from "../core/escape.js";
import { AUTH_TOKEN_KEY } from "../families/security.js";
import { groupInfo, groupIndex, type GroupInfo } from "../modules/api-group.js";
import { emitQuery, placeEndpoints, verbOf, type EndpointPlace } from "../modules/query.js";
import type { EmittedModule } from "../core/module-text.js";
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
}

export interface ApiProject {
  files: EmittedModule[];
  endpoints: EndpointReport[];
}

type Emit = (object: WorkspaceObject, emit: (findings: Finding[]) => EmittedModule) => EmittedModule;

export function apiProject(ws: Workspace, findings: Finding[], cached: Emit): ApiProject {
  if (ws.queries.length === 0) return { files: [], endpoints: [] };
  const places = placeEndpoints(ws.queries);
  for (const object of ws.queries) {
    if (places.some((p) => p.object === object)) continue;
    const why =
      verbOf(object.construct) === undefined
        ? "it has no verb of GET, POST, PUT, PATCH or DELETE"
        : "it names no api_group";
    findings.push({
      kind: "not-migrated",
      code: "XS3006",
      message: `query ${JSON.stringify(object.construct.name ?? "")} is not migrated: ${why}`,
      path: object.relativePath,
      position: object.construct.span.start,
    });
  }
  const byGroup = new Map<string, EndpointPlace[]>();
  for (const place of places) byGroup.set(place.group, [...(byGroup.get(place.group) ?? []), place]);
  const groups: GroupInfo[] = [];
  const files: EmittedModule[] = [];
  const endpoints: EndpointReport[] = [];
  for (const [name, members] of [...byGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const group = groupInfo(name, ws.apiGroups.get(name), findings, members[0].object);
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
  files.push(serverModule(groups));
  return { files, endpoints };
}

/**
 * MIGRATION.md's section on the endpoints: how many run with nothing left, the tokens to
 * reissue, and a row for each endpoint that still has statements not migrated.
 */
export function endpointSection(endpoints: readonly EndpointReport[], findings: readonly Finding[]): string[] {
  if (endpoints.length === 0) return [];
  const notMigrated = (source: string) => findings.filter((f) => f.kind === "not-migrated" && f.path === source).length;
  const left = endpoints.filter((e) => notMigrated(e.source) > 0);
  const withAuth = endpoints.filter((e) => e.auth).length;
  const unmounted = endpoints.filter((e) => !e.mounted).length;
  const lines = [
    "## API endpoints",
    "",
    `${endpoints.length} endpoints (npm run serve); ${endpoints.length - left.length} with no statement left to migrate${unmounted > 0 ? `; ${unmounted} in inactive groups, not mounted` : ""}.`,
  ];
  if (withAuth > 0) {
    lines.push(
      `${withAuth} require a token (auth): tokens issued by Xano cannot be read here (Xano's key stays in Xano), so every user signs in again to get one made with AUTH_TOKEN_KEY.`,
    );
  }
  lines.push("");
  if (left.length > 0) {
    lines.push("| endpoint | module | statements not migrated |", "| --- | --- | ---: |");
    for (const e of left)
      lines.push(
        `| ${markdownCellCode(`${e.verb} ${e.url}`)} | ${markdownCellCode(e.module)} | ${notMigrated(e.source)} |`,
      );
    lines.push("");
  }
  return lines;
}
