// Table modules: a row type and the column metadata migrations and the data layer read.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { unparen, type FieldDecl } from "../../ast.js";
import { camelCase, pascalCase } from "../../analyze/names.js";
import { objectKey } from "../core/escape.js";
import { modulePathFor } from "../core/naming.js";
import type { WorkspaceObject } from "../../analyze/workspace.js";
import type { Finding } from "../core/context.js";
import { SCALAR_TS_TYPES } from "../core/types.js";
import { docs, header, moduleText, type EmittedModule } from "../core/module-text.js";
import { fieldFilters } from "../../analyze/field-filters.js";
import { literal } from "../../analyze/literal.js";
import { columnOf, FILE_TYPES, tableSchema, type Column } from "../../analyze/table-schema.js";

/** The TypeScript type of a column's values as the code sees them. */
export function tsType(c: { type: string; list: boolean; values?: string[]; fields?: FieldDecl[] }): string {
  let t: string;
  switch (c.type) {
    case "enum":
      t = c.values && c.values.length > 0 ? `(${c.values.map((v) => JSON.stringify(v)).join(" | ")})` : "string";
      break;
    case "vector":
      t = "number[]";
      break;
    case "object":
      t =
        c.fields && c.fields.length > 0
          ? `{ ${c.fields.map((f) => rowProperty(columnOf(f))).join(" ")} }`
          : "Record<string, unknown>";
      break;
    default:
      t = Object.hasOwn(SCALAR_TS_TYPES, c.type)
        ? SCALAR_TS_TYPES[c.type]!
        : FILE_TYPES.has(c.type)
          ? "StoredFile"
          : c.type.startsWith("geo_")
            ? "GeoValue"
            : "unknown";
  }
  return c.list ? `${t}[]` : t;
}

function rowProperty(c: Column): string {
  return `${objectKey(c.name)}: ${tsType(c)}${c.nullable ? " | null" : ""};`;
}

function metadata(c: Column): string {
  const parts = [`type: ${JSON.stringify(c.type)}`];
  if (c.list) parts.push("list: true");
  if (c.nullable) parts.push("nullable: true");
  if (c.default) {
    const d = unparen(c.default);
    const v = d.kind === "Ident" ? d.name : literal(d);
    if (v !== undefined) parts.push(`default: ${JSON.stringify(v)}`);
  }
  if (c.filters.length > 0) parts.push(`filters: ${JSON.stringify(c.filters)}`);
  if (c.values) parts.push(`values: ${JSON.stringify(c.values)}`);
  if (c.table) parts.push(`table: ${JSON.stringify(c.table)}`);
  if (c.size !== undefined) parts.push(`size: ${c.size}`);
  return `${objectKey(c.name)}: { ${parts.join(", ")} },`;
}

export function emitTable(object: WorkspaceObject, findings: Finding[]): EmittedModule {
  const schema = tableSchema(object);
  // Column filters the data layer cannot apply: writing such a column throws "Not migrated".
  for (const c of schema.columns) {
    for (const p of fieldFilters(c.decl).problems)
      findings.push({
        kind: "not-migrated",
        code: "XS3010",
        message: p.message,
        path: object.relativePath,
        position: p.position,
      });
  }
  const name = schema.name;
  const modulePath = modulePathFor("table", name);
  const typeName = `${pascalCase(name)}Row`;
  const indexes = schema.indexes.length > 0 ? `\nindexes: ${JSON.stringify(schema.indexes)},` : "";
  const statements: StatementStructures[] = [
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: typeName,
      docs: docs([`A row of the "${name}" table, as the data layer returns it (timestamps in epoch milliseconds).`]),
      properties: schema.columns.map((c) => ({
        name: objectKey(c.name),
        type: `${tsType(c)}${c.nullable ? " | null" : ""}`,
        docs: docs(c.description ? [c.description] : [], 2),
      })),
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [
        {
          name: `${camelCase(name)}Table`,
          type: "TableDefinition",
          initializer: `{\nname: ${JSON.stringify(name)},\ncolumns: {\n${schema.columns.map(metadata).join("\n")}\n},${indexes}\n}`,
        },
      ],
    },
  ];
  const text = moduleText(header(object), undefined, statements, [
    {
      moduleSpecifier: "../runtime/db-table.js",
      namedImports: ["GeoValue", "StoredFile", "TableDefinition"],
      isTypeOnly: true,
    },
  ]);
  return { path: `src/${modulePath}.ts`, text };
}
