// Table modules: a row type and the column metadata migrations and the data layer read.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { FieldDecl } from "../ast.js";
import { camelCase, objectKey, pascalCase } from "../analyze/names.js";
import type { WorkspaceObject } from "../analyze/workspace.js";
import { unparen } from "./expressions.js";
import { docs, fileNameOf, header, print, type EmittedModule } from "./modules.js";


const COLUMN_TYPES: Record<string, string> = {
  int: "number",
  decimal: "number",
  timestamp: "number",
  date: "string",
  text: "string",
  email: "string",
  password: "string",
  uuid: "string",
  enum: "string",
  bool: "boolean",
  json: "unknown",
  object: "Record<string, unknown>",
};

export function emitTable(object: WorkspaceObject): EmittedModule {
  const c = object.construct;
  const name = c.name ?? "table";
  const modulePath = `tables/${fileNameOf(name)}`;
  const schema = c.body.find((i) => i.kind === "Fields" && i.name === "schema");
  const fields = schema?.kind === "Fields" ? schema.fields.filter((f): f is FieldDecl => f.kind === "Field") : [];
  const row = fields.map((f) => `${objectKey(f.name)}${f.optional || f.nullable ? "?" : ""}: ${COLUMN_TYPES[f.type] ?? "unknown"}${f.isList ? "[]" : ""}${f.nullable ? " | null" : ""};`);
  const columns = fields.map((f) => {
    const parts = [`type: ${JSON.stringify(f.type)}`];
    if (f.isList) parts.push("list: true");
    if (f.optional || f.nullable) parts.push("nullable: true");
    if (f.default) {
      const d = unparen(f.default);
      parts.push(`default: ${d.kind === "Ident" ? JSON.stringify(d.name) : d.kind === "String" ? JSON.stringify(d.value) : d.kind === "Number" || d.kind === "Bool" ? String((d as { value: unknown }).value) : "null"}`);
    }
    return `${objectKey(f.name)}: { ${parts.join(", ")} },`;
  });
  const typeName = `${pascalCase(name)}Row`;
  const statements: StatementStructures[] = [
    { kind: StructureKind.Interface, isExported: true, name: typeName, docs: docs([`A row of the "${name}" table.`]), properties: [] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: `${camelCase(name)}Table`, type: "TableDefinition", initializer: `{\nname: ${JSON.stringify(name)},\ncolumns: {\n${columns.join("\n")}\n},\n}` }],
    },
  ];
  const text = print(`${modulePath}.ts`, {
    statements: [header(object), `import type { TableDefinition } from "../runtime/table.js";`, ...statements],
  }).replace(`export interface ${typeName} {\n}`, `export interface ${typeName} {\n${row.join("\n")}\n}`);
  return { path: `src/${modulePath}.ts`, text };
}

