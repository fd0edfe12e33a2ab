// An API group (`api_group "Name" { canonical = … }`): the index of its endpoints' modules,
// and what the server needs of it (canonical, active, swagger), with what is not migrated of
// it reported.
import { unparen, type Expr } from "../../ast.js";
import type { WorkspaceObject } from "../../analyze/workspace.js";
import { envFinding, type Finding } from "../core/context.js";
import { commentText, envNameSuffix } from "../core/escape.js";
import { StructureKind } from "ts-morph";
import { moduleText, type EmittedModule } from "../core/module-text.js";
import { props } from "./stack-body.js";
import { groupFolder, type EndpointPlace } from "./query.js";

export interface GroupInfo {
  name: string;
  folder: string;
  canonical: string;
  description?: string;
  active: boolean;
  /** `swagger = {active: false}`: no document. */
  swagger: boolean;
  /** The environment variable holding `swagger = {token: …}` (hoisted like other credentials). */
  swaggerTokenVariable?: string;
  /** `cors = {mode: "custom", …}`: the group's own CORS settings (runtime/server.ts GroupCors). */
  cors?: GroupCors;
  /** The middleware around its endpoints, as src/server.ts writes it (`middleware` for the branch's). */
  middleware?: string;
  source?: WorkspaceObject;
}

/** The runtime's GroupCors, as the group's source gives it. */
export interface GroupCors {
  origins: string[];
  methods?: string[];
  headers?: string[];
  credentials?: boolean;
  maxAge?: number;
}

function literal(value: Expr | undefined): unknown {
  const v = value ? unparen(value) : undefined;
  if (v === undefined) return undefined;
  if (v.kind === "String") return v.value;
  if (v.kind === "Ident") return v.name;
  if (v.kind === "Bool") return v.value;
  if (v.kind === "Number") return v.value;
  if (v.kind === "Array") return v.elements.map((e) => literal(e));
  if (v.kind === "Object") return Object.fromEntries(v.entries.map((e) => [e.key, literal(e.value)]));
  return undefined;
}

/** The group's settings; a group the endpoints name but no api_group declares gets its name as canonical, reported. */
export function groupInfo(
  name: string,
  source: WorkspaceObject | undefined,
  findings: Finding[],
  anyEndpoint: WorkspaceObject,
): GroupInfo {
  const folder = groupFolder(name);
  if (source === undefined) {
    findings.push({
      kind: "difference",
      code: "XS5301",
      message: `the API group "${name}" has no api_group definition: it is served at /api:${folder}`,
      path: anyEndpoint.relativePath,
      position: anyEndpoint.construct.span.start,
    });
    return { name, folder, canonical: folder, active: true, swagger: true };
  }
  const p = props(source.construct);
  const canonical = literal(p.get("canonical"));
  const swagger = literal(p.get("swagger"));
  const info: GroupInfo = {
    name,
    folder,
    canonical: typeof canonical === "string" && canonical !== "" ? canonical : folder,
    active: literal(p.get("active")) !== false,
    swagger: true,
    source,
  };
  const description = literal(p.get("description"));
  if (typeof description === "string" && description.trim() !== "") info.description = description.trim();
  if (swagger && typeof swagger === "object") {
    const s = swagger as Record<string, unknown>;
    if (s.active === false) info.swagger = false;
    if (typeof s.token === "string" && s.token !== "") {
      info.swaggerTokenVariable = `SWAGGER_TOKEN_${envNameSuffix(folder)}`;
      const at = { path: source.relativePath, position: p.get("swagger")!.span.start };
      findings.push({
        kind: "secret",
        code: "XS4002",
        message: `the swagger token of the API group "${name}" was a literal in the source; it is read from the environment variable ${info.swaggerTokenVariable} instead`,
        ...at,
      });
      findings.push(envFinding(info.swaggerTokenVariable, at.path, at.position));
    }
  }
  if (p.has("cors")) {
    const cors = groupCors(literal(p.get("cors")));
    if (cors === "default") {
      // Xano's default mode: the server's settings (CORS_ORIGINS, else every origin).
    } else if (cors !== undefined) {
      info.cors = cors;
    } else {
      findings.push({
        kind: "difference",
        code: "XS5302",
        message: `the API group "${name}"'s cors settings are not a literal {mode, origins, methods, headers, credentials, max_age} object: the server's CORS_ORIGINS applies to it`,
        path: source.relativePath,
        position: p.get("cors")!.span.start,
      });
    }
  }
  return info;
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined;

/**
 * `cors = {mode: "custom", origins: […], methods: […], headers: […], credentials, max_age}`;
 * "default" for Xano's default mode; undefined for what cannot be read (not literal values).
 */
function groupCors(value: unknown): GroupCors | "default" | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const c = value as Record<string, unknown>;
  if (c.mode !== "custom") return c.mode === undefined || c.mode === "default" ? "default" : undefined;
  const origins = strings(c.origins ?? []);
  const methods = c.methods === undefined ? undefined : strings(c.methods);
  const headers = c.headers === undefined ? undefined : strings(c.headers);
  if (origins === undefined || (c.methods !== undefined && methods === undefined)) return undefined;
  if (c.headers !== undefined && headers === undefined) return undefined;
  if (c.credentials !== undefined && typeof c.credentials !== "boolean") return undefined;
  if (c.max_age !== undefined && !(typeof c.max_age === "number" && Number.isInteger(c.max_age) && c.max_age >= 0))
    return undefined;
  const cors: GroupCors = { origins };
  if (methods !== undefined) cors.methods = methods.map((m) => m.toUpperCase());
  if (headers !== undefined) cors.headers = headers;
  if (c.credentials === true) cors.credentials = true;
  if (typeof c.max_age === "number") cors.maxAge = c.max_age;
  return cors;
}

/** `src/api/<group>/index.ts`: every endpoint of the group, in one place. */
export function groupIndex(group: GroupInfo, places: readonly EndpointPlace[]): EmittedModule {
  const from = group.source
    ? `From ${commentText(group.source.relativePath)}`
    : `The API group "${commentText(group.name)}"`;
  const text = moduleText(
    `// ${from}: its endpoints, mounted at /api:${commentText(group.canonical)}. Generated by xs2ts.`,
    undefined,
    places.map((p) => ({
      kind: StructureKind.ExportDeclaration,
      namedExports: [p.exportName],
      moduleSpecifier: `./${p.modulePath.slice(p.modulePath.lastIndexOf("/") + 1)}.js`,
    })),
  );
  return { path: `src/api/${group.folder}/index.ts`, text };
}
