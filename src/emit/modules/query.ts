// One module per API endpoint (`query "path" verb=…`): its validated input's type and an
// Endpoint object (verb, path, auth, input fields, and the stack as `handle`), the stack
// written exactly as a function's is (callableBody). The group's index and the server mount it.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { unparen, type Construct, type Expr } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import { allVariableNames } from "../../analyze/variables.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { fieldSpec } from "./input-fields.js";
import { inputInterface } from "./input-type.js";
import { docs, header, moduleText, type EmittedModule } from "../core/module-text.js";
import { callableBody } from "./function.js";
import { endpointMiddleware } from "./middleware.js";
import { arrayLiteral, objectLiteral, type ObjectMember } from "../core/object-literal.js";
import { jsDoc, props } from "./stack-body.js";

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

function textOf(value: Expr | undefined): string | undefined {
  const v = value ? unparen(value) : undefined;
  return v?.kind === "String" ? v.value : v?.kind === "Ident" ? v.name : undefined;
}

export function verbOf(c: Construct): string | undefined {
  const verb = textOf(c.attributes.find((a) => a.name === "verb")?.value)?.toUpperCase();
  return verb !== undefined && (VERBS as readonly string[]).includes(verb) ? verb : undefined;
}

export function groupNameOf(c: Construct): string | undefined {
  return textOf(props(c).get("api_group"));
}

/** A folder name for a group: `Default` → `default`, `linkedin applicants` → `linkedin-applicants`. */
export function groupFolder(name: string): string {
  return (
    name
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "group"
  );
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
    let file = `${base}.${verb.toLowerCase()}`;
    for (let n = 2; taken.has(`${folder}/${file}`); n++) file = `${base}-${n}.${verb.toLowerCase()}`;
    taken.add(`${folder}/${file}`);
    const exportName = camelCase(`${file.replace(/\./g, "_")}`);
    places.push({ object, verb, path, group, modulePath: `api/${folder}/${file}`, exportName });
  }
  return places;
}

export function emitQuery(place: EndpointPlace, ws: Workspace, findings: Finding[]): EmittedModule {
  const { object, modulePath, exportName } = place;
  const c = object.construct;
  const ctx = new ModuleContext(ws, modulePath, object.relativePath, findings);
  const p = props(c);
  // `$auth` is the handler's parameter (null on an endpoint without auth), never a variable of the stack.
  const readsAuth = allVariableNames(c.body).has("auth");
  ctx.variables.set("auth", "auth");
  ctx.constants.add("auth");
  ctx.localNames.add("auth");
  const { fields, lines, inputType } = callableBody(c, ctx, exportName);
  const endpointType = ctx.useType("runtime/server", "Endpoint");
  const auth = textOf(p.get("auth"));
  const validate = `${ctx.rt("input", "validateInput")}${inputType ? `<${inputType}>` : ""}`;
  const description = textOf(p.get("description"));
  const members: ObjectMember[] = [
    { name: "verb", value: JSON.stringify(place.verb) },
    { name: "path", value: JSON.stringify(place.path) },
  ];
  if (auth !== undefined) members.push({ name: "auth", value: JSON.stringify(auth) });
  if (description !== undefined && description.trim() !== "")
    members.push({ name: "description", value: JSON.stringify(description.trim()) });
  members.push({
    name: "input",
    value: arrayLiteral(fields.map((f) => ({ value: (w) => w.write(fieldSpec(f, ctx)) }))),
  });
  // Its own middleware, instead of its group's (docs/api.md, "Middleware").
  const middleware = endpointMiddleware(object, ws, ctx, findings);
  if (middleware !== undefined) members.push({ name: "middleware", value: middleware });
  // The context is named only when the stack reads `$auth`
  // (an api.lambda's code may read $var.auth too: it is then passed in by name).
  const parameters =
    readsAuth || lines.some((l) => /\bauth\b/.test(l)) ? `${ctx.receivedInput}, { auth }` : ctx.receivedInput;
  const validation = `const input${inputType ? "" : ": any"} = ${validate}(${JSON.stringify(place.path)}, ${ctx.receivedInput}, ${exportName}.input);`;
  members.push("blank", { method: "handle", isAsync: true, parameters, statements: [validation, ...lines] });
  const statements: StatementStructures[] = [
    ...(inputType ? [inputInterface(inputType, fields, ctx)] : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(jsDoc(c, p.get("description"))),
      declarations: [{ name: exportName, type: endpointType, initializer: objectLiteral(members) }],
    },
  ];
  return {
    path: `src/${modulePath}.ts`,
    text: moduleText(header(object), ctx, statements),
  };
}
