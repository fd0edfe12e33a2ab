// The module shape an API endpoint and a middleware share: the validated input's interface and
// one exported object whose members describe it and whose `handle` validates the raw input
// and runs the stack, written exactly as a function's is (callableBody), `$auth` passed in.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { FieldDecl } from "../../ast.js";
import { allVariableNames } from "../../analyze/variables.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { docs, header, moduleText, type EmittedModule } from "../core/module-text.js";
import { arrayLiteral, objectLiteral, type ObjectMember } from "../core/object-literal.js";
import { callableBody } from "./function.js";
import { fieldSpec } from "./input-fields.js";
import { inputInterface } from "./input-type.js";
import { jsDoc, props } from "./stack-body.js";

export interface HandlerKind {
  /** The runtime module and type the exported object has: `runtime/server`, `Endpoint`. */
  typeModule: string;
  typeName: string;
  /** What validation errors name the handler by (an endpoint's path, a middleware's name). */
  label: string;
  /** Input fields passed as null rather than left out (a middleware's `vars`). */
  alwaysPassed?: readonly string[];
}

/** The members around `input`: those before it (verb and path; name and policies) and after it. */
export interface HandlerMembers {
  before: ObjectMember[];
  after?: ObjectMember[];
}

export function handlerModule(
  place: { object: WorkspaceObject; modulePath: string; exportName: string },
  ws: Workspace,
  findings: Finding[],
  kind: HandlerKind,
  members: (ctx: ModuleContext) => HandlerMembers,
): EmittedModule {
  const { object, modulePath, exportName } = place;
  const c = object.construct;
  const ctx = new ModuleContext(ws, modulePath, object.relativePath, findings);
  // `$auth` is the handler's parameter (null on an endpoint without auth), never a variable of the stack.
  const readsAuth = allVariableNames(c.body).has("auth");
  ctx.variables.set("auth", "auth");
  ctx.constants.add("auth");
  ctx.localNames.add("auth");
  const body = callableBody(c, ctx, exportName);
  const { lines, inputType } = body;
  const fields: FieldDecl[] = body.fields.map((f) =>
    kind.alwaysPassed?.includes(f.name) ? { ...f, nullable: true } : f,
  );
  const objectType = ctx.useType(kind.typeModule, kind.typeName);
  const { before, after = [] } = members(ctx);
  const validate = `${ctx.rt("input", "validateInput")}${inputType ? `<${inputType}>` : ""}`;
  // The context is named only when the stack reads `$auth`
  // (an api.lambda's code may read $var.auth too: it is then passed in by name).
  const parameters =
    readsAuth || lines.some((l) => /\bauth\b/.test(l)) ? `${ctx.receivedInput}, { auth }` : ctx.receivedInput;
  const validation = `const input${inputType ? "" : ": any"} = ${validate}(${JSON.stringify(kind.label)}, ${ctx.receivedInput}, ${exportName}.input);`;
  const all: ObjectMember[] = [
    ...before,
    { name: "input", value: arrayLiteral(fields.map((f) => ({ value: (w) => w.write(fieldSpec(f, ctx)) }))) },
    ...after,
    "blank",
    { method: "handle", isAsync: true, parameters, statements: [validation, ...lines] },
  ];
  const statements: StatementStructures[] = [
    ...(inputType ? [inputInterface(inputType, fields, ctx)] : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: docs(jsDoc(c, props(c).get("description"))),
      declarations: [{ name: exportName, type: objectType, initializer: objectLiteral(all) }],
    },
  ];
  return { path: `src/${modulePath}.ts`, text: moduleText(header(object), ctx, statements) };
}
