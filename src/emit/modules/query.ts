// One module per API endpoint (`query "path" verb=…`): its validated input's type and an
// Endpoint object (verb, path, auth, input fields, and the stack as `handle`), the stack
// written exactly as a function's is (callableBody). The group's index and the server mount it.
import { wordValue, type Construct } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import type { Finding } from "../core/context.js";
import type { EmittedModule } from "../core/module-text.js";
import { groupFolder } from "../core/naming.js";
import { handlerModule } from "./handler-module.js";
import { endpointMiddleware } from "./middleware.js";
import type { ObjectMember } from "../core/object-literal.js";
import { props } from "./stack-body.js";

export { groupFolder };

export const VERBS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Where an endpoint lives: its group's folder and its module's file and export names. */
export interface EndpointPlace {
  object: WorkspaceObject;
  verb: string;
  /** The query's name: its path after `/api:<canonical>/`. */
  path: string;
  group: string;
  /** From src/, without extension: `api/default/auth-login.post`. */
  modulePath: string;
  exportName: string;
}

export function verbOf(c: Construct): string | undefined {
  const verb = wordValue(c.attributes.find((a) => a.name === "verb")?.value)?.toUpperCase();
  return verb !== undefined && (VERBS as readonly string[]).includes(verb) ? verb : undefined;
}

export function groupNameOf(c: Construct): string | undefined {
  return wordValue(props(c).get("api_group"));
}

/**
 * Each endpoint's module and export name, unique within its group: `user/{user_id}` GET is
 * `user-user_id.get.ts` exporting `userUserIdGet` (a second one alike takes a number).
 */
export function placeEndpoints(queries: readonly WorkspaceObject[]): EndpointPlace[] {
  const taken = new Set<string>();
  const places: EndpointPlace[] = [];
  for (const object of queries) {
    const c = object.construct;
    const verb = verbOf(c);
    const group = groupNameOf(c);
    if (verb === undefined || group === undefined) continue;
    const path = (c.name ?? "").replace(/^\/+/, "");
    const folder = groupFolder(group);
    const base =
      path
        .replace(/[{}]/g, "")
        .replace(/[^A-Za-z0-9_-]+/g, "-")
        .replace(/^-+|-+$/g, "") || "root";
    // Distinct files where case is ignored, and distinct exports in the group's index (`a-b` and `a_b` are both aB).
    let file = `${base}.${verb.toLowerCase()}`;
    const exportOf = (f: string) => camelCase(f.replace(/\./g, "_"));
    for (let n = 2; taken.has(`${folder}/${file}`.toLowerCase()) || taken.has(`${folder} ${exportOf(file)}`); n++)
      file = `${base}-${n}.${verb.toLowerCase()}`;
    const exportName = exportOf(file);
    taken.add(`${folder}/${file}`.toLowerCase());
    taken.add(`${folder} ${exportName}`);
    places.push({ object, verb, path, group, modulePath: `api/${folder}/${file}`, exportName });
  }
  return places;
}

export function emitQuery(place: EndpointPlace, ws: Workspace, findings: Finding[]): EmittedModule {
  const p = props(place.object.construct);
  const auth = wordValue(p.get("auth"));
  const description = wordValue(p.get("description"))?.trim();
  const kind = { typeModule: "runtime/server", typeName: "Endpoint", label: place.path };
  return handlerModule(place, ws, findings, kind, (ctx) => {
    const before: ObjectMember[] = [
      { name: "verb", value: JSON.stringify(place.verb) },
      { name: "path", value: JSON.stringify(place.path) },
    ];
    if (auth !== undefined) before.push({ name: "auth", value: JSON.stringify(auth) });
    if (description) before.push({ name: "description", value: JSON.stringify(description) });
    // Its own middleware, instead of its group's (docs/api.md, "Middleware").
    const middleware = endpointMiddleware(place.object, ws, ctx, findings);
    return { before, after: middleware === undefined ? [] : [{ name: "middleware", value: middleware }] };
  });
}
