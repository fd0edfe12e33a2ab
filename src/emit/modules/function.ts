// A function: an exported async function that validates its input, runs its stack and
// returns its response.
import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from "ts-morph";
import type { Construct, FieldDecl } from "../../ast.js";
import { camelCase } from "../../analyze/names.js";
import { allVariableNames } from "../../analyze/variables.js";
import type { Workspace, WorkspaceObject } from "../../analyze/workspace.js";
import { ModuleContext, type Finding } from "../core/context.js";
import { docs, header, moduleText, type EmittedModule } from "../core/module-text.js";
import { BRANCH_LIST_EXPORT, BRANCH_MIDDLEWARE_MODULE } from "../core/naming.js";
import { scalarStaticType } from "../core/types.js";
import { functionExportName } from "../families/functions.js";
import { fieldSpec, inputFields } from "./input-fields.js";
import { inputInterface } from "./input-type.js";
import { returnedType } from "../stack/returns.js";
import { body, jsDoc, props, stackOf } from "./stack-body.js";

export function emitFunction(
  object: WorkspaceObject,
  ws: Workspace,
  findings: Finding[],
  modulePath: string,
  /** branch.xs has a `middleware.function` list: it runs around the function's stack. */
  aroundByMiddleware = false,
): EmittedModule {
  const c = object.construct;
  const name = c.name ?? "function";
  const ctx = new ModuleContext(ws, modulePath, object.relativePath, findings);
  const exportName = functionExportName(name);
  const stackName = `${exportName}Stack`;
  if (aroundByMiddleware) ctx.localNames.add(stackName);
  const { fields, lines, inputType } = callableBody(c, ctx, exportName);
  const returns = `Promise<${returnedType(stackOf(c), props(c).get("response"), ctx)}>`;
  const validate = `${ctx.rt("input", "validateInput")}${inputType ? `<${inputType}>` : ""}`;
  const schema = `${validate}(${JSON.stringify(name)}, ${ctx.receivedInput}, [\n${fields.map((f) => `  ${fieldSpec(f, ctx)},`).join("\n")}\n])`;
  const parameter = { name: ctx.receivedInput!, type: "Record<string, unknown>" };
  const stack: FunctionDeclarationStructure = {
    kind: StructureKind.Function,
    isAsync: true,
    name: exportName,
    parameters: [{ ...parameter, initializer: "{}" }],
    returnType: returns,
    statements: [inputType ? `const input = ${schema};` : `const input: any = ${schema};`, ...lines],
  };
  const description = docs(jsDoc(c, props(c).get("description")));
  const functions: FunctionDeclarationStructure[] = aroundByMiddleware
    ? [
        {
          ...stack,
          isExported: true,
          docs: description,
          statements: [
            `return ${ctx.rt("middleware", "aroundFunction")}(${ctx.use(BRANCH_MIDDLEWARE_MODULE, BRANCH_LIST_EXPORT.function)}(), ${JSON.stringify(fields.map((f) => f.name))}, ${ctx.receivedInput}, ${stackName});`,
          ],
        },
        {
          ...stack,
          name: stackName,
          parameters: [parameter],
          docs: docs([`${name}'s own stack, which branch.xs's function middleware run around.`]),
        },
      ]
    : [{ ...stack, isExported: true, docs: description }];
  const statements: StatementStructures[] = [
    ...(inputType ? [inputInterface(inputType, fields, ctx)] : []),
    ...functions,
  ];
  return {
    path: `src/${modulePath}.ts`,
    text: moduleText(header(object), ctx, statements),
  };
}

/**
 * What a function and an API endpoint share: the parameter holding the input as received, the
 * declared input fields (and the name of their type, when there are any), the stack's lines.
 */
export function callableBody(
  c: Construct,
  ctx: ModuleContext,
  exportName: string,
): { fields: FieldDecl[]; lines: string[]; inputType: string | undefined } {
  const response = props(c).get("response");
  // The parameter is `rawInput`, unless a stack variable already has that name (`as $raw_input`).
  const taken = [...allVariableNames([stackOf(c), response])].some((v) => camelCase(v) === "rawInput");
  ctx.receivedInput = taken ? "receivedInput" : "rawInput";
  ctx.localNames.add(exportName);
  ctx.localNames.add("input");
  ctx.localNames.add(ctx.receivedInput);
  const fields = inputOf(c, ctx);
  ctx.variables.set("input", "input");
  // After validation a required, non-nullable field has its declared type: native operators apply.
  for (const f of fields) {
    if ((f.optional || f.nullable) && !f.isList && scalarStaticType(f.type) === "bool")
      ctx.boolOrNullInputs.add(f.name);
    if (f.optional || f.nullable) continue;
    const type = f.isList ? "list" : scalarStaticType(f.type);
    if (type !== undefined) ctx.inputTypes.set(f.name, type);
  }
  const lines = body(stackOf(c), ctx, "value", response).split("\n");
  // With fields, the validated input has a declared type; an empty block gives nothing to type.
  const inputType = fields.length > 0 ? `${exportName.charAt(0).toUpperCase()}${exportName.slice(1)}Input` : undefined;
  return { fields, lines, inputType };
}

function inputOf(c: Construct, ctx: ModuleContext): FieldDecl[] {
  const block = c.body.find((i) => i.kind === "Fields" && i.name === "input");
  return block?.kind === "Fields" ? inputFields(block.fields, ctx) : [];
}
