// Table modules: a row type and the column metadata migrations and the data layer read.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import type { BlockItem, Expr, FieldDecl, Property } from "../../ast.js";
import { camelCase, objectKey, pascalCase } from "../../analyze/names.js";
import type { WorkspaceObject } from "../../analyze/workspace.js";
import type { FieldFilter } from "../../../templates/runtime/field-filters.js";
import type { Finding } from "../core/context.js";
import { fieldFilters } from "./input-fields.js";
import { docs, fileNameOf, header, print, type EmittedModule } from "./task-and-function.js";
import { unparen } from "../../ast.js";

/** Stored as JSON in both engines (jsonb / text). */
export const JSON_TYPES = new Set(["json", "object", "image", "attachment", "audio", "video", "file", "geo_point", "geo_polygon", "geo_linestring", "geo_multipoint", "geo_multipolygon", "geo_multilinestring"]);
const FILE_TYPES = new Set(["image", "attachment", "audio", "video", "file"]);

/** A column as declared in a table's schema, with the literal parts resolved. */
export interface Column {
  name: string;
  type: string;
  list: boolean;
  /** `text?` or `name?`: null is stored. */
  nullable: boolean;
  default?: Expr;
  filters: FieldFilter[];
  values?: string[];
  table?: string;
  size?: number;
  description?: string;
  /** `object` columns: the nested schema. */
  fields?: FieldDecl[];
  decl: FieldDecl;
}

export interface Index {
  type: string;
  fields: { name: string; op?: string }[];
  name?: string;
  lang?: string;
}

export interface TableSchema {
  name: string;
  columns: Column[];
  indexes: Index[];
}

/** A literal expression's value, or undefined when it is not a literal. */
export function literal(e: Expr): unknown {
  e = unparen(e);
  switch (e.kind) {
    case "String":
      return e.value;
    case "Number":
      return e.value;
    case "Bool":
      return e.value;
    case "Null":
      return null;
    case "Unary":
      if (e.op === "-" && unparen(e.operand).kind === "Number") return -(unparen(e.operand) as { value: number }).value;
      return undefined;
    case "Array": {
      const out = e.elements.map(literal);
      return out.includes(undefined) ? undefined : out;
    }
    case "Object": {
      const out: Record<string, unknown> = {};
      for (const entry of e.entries) {
        if (entry.computedKey) return undefined;
        const v = literal(entry.value);
        if (v === undefined) return undefined;
        out[entry.key] = v;
      }
      return out;
    }
    default:
      return undefined;
  }
}

export function property(body: readonly BlockItem[] | null, name: string): Expr | undefined {
  return (body ?? []).find((i): i is Property => i.kind === "Property" && i.name === name)?.value;
}

export function columnOf(f: FieldDecl): Column {
  const { filters } = fieldFilters(f);
  const values = property(f.body, "values");
  const table = property(f.body, "table");
  const size = property(f.body, "size");
  const description = property(f.body, "description");
  const schema = (f.body ?? []).find((b) => b.kind === "Fields" && b.name === "schema");
  return {
    name: f.name,
    type: f.type,
    list: f.isList,
    nullable: f.optional || f.nullable,
    default: f.default,
    filters,
    values: values ? (literal(values) as string[] | undefined)?.map(String) : undefined,
    table: table ? (literal(table) as string | undefined) : undefined,
    size: size ? (literal(size) as number | undefined) : undefined,
    description: description ? (literal(description) as string | undefined) : undefined,
    fields: schema?.kind === "Fields" ? schema.fields.filter((x): x is FieldDecl => x.kind === "Field") : undefined,
    decl: f,
  };
}

/** The columns and indexes a `table` construct declares. */
export function tableSchema(object: WorkspaceObject): TableSchema {
  const c = object.construct;
  const schema = c.body.find((i) => i.kind === "Fields" && i.name === "schema");
  const fields = schema?.kind === "Fields" ? schema.fields.filter((f): f is FieldDecl => f.kind === "Field") : [];
  const indexes: Index[] = [];
  const indexList = property(c.body, "index");
  const raw = indexList ? literal(indexList) : undefined;
  if (Array.isArray(raw)) {
    for (const i of raw as Record<string, unknown>[]) {
      if (typeof i !== "object" || i === null || typeof i.type !== "string" || !Array.isArray(i.field)) continue;
      const fieldList = (i.field as Record<string, unknown>[]).filter((x) => typeof x?.name === "string").map((x) => ({ name: x.name as string, ...(typeof x.op === "string" ? { op: x.op } : {}) }));
      indexes.push({ type: i.type, fields: fieldList, ...(typeof i.name === "string" ? { name: i.name } : {}), ...(typeof i.lang === "string" ? { lang: i.lang } : {}) });
    }
  }
  return { name: c.name ?? "table", columns: fields.map(columnOf), indexes };
}

/** The TypeScript type of a column's values as the code sees them. */
export function tsType(c: { type: string; list: boolean; values?: string[]; fields?: FieldDecl[] }): string {
  let t: string;
  switch (c.type) {
    case "int":
    case "decimal":
    case "timestamp":
      t = "number";
      break;
    case "text":
    case "email":
    case "password":
    case "uuid":
    case "date":
      t = "string";
      break;
    case "enum":
      t = c.values && c.values.length > 0 ? `(${c.values.map((v) => JSON.stringify(v)).join(" | ")})` : "string";
      break;
    case "bool":
      t = "boolean";
      break;
    case "vector":
      t = "number[]";
      break;
    case "object":
      t = c.fields && c.fields.length > 0 ? `{ ${c.fields.map((f) => rowProperty(columnOf(f))).join(" ")} }` : "Record<string, unknown>";
      break;
    default:
      t = FILE_TYPES.has(c.type) ? "StoredFile" : c.type.startsWith("geo_") ? "GeoValue" : "unknown";
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
    for (const p of fieldFilters(c.decl).problems) findings.push({ kind: "not-migrated", code: "XS3010", message: p.message, path: object.relativePath, position: p.position });
  }
  const name = schema.name;
  const modulePath = `tables/${fileNameOf(name)}`;
  const row = schema.columns.map((c) => {
    const lines = c.description ? [`/** ${c.description.replace(/\*\//g, "* /")} */`] : [];
    return [...lines, rowProperty(c)].join("\n");
  });
  const typeName = `${pascalCase(name)}Row`;
  const indexes = schema.indexes.length > 0 ? `\nindexes: ${JSON.stringify(schema.indexes)},` : "";
  const statements: StatementStructures[] = [
    { kind: StructureKind.Interface, isExported: true, name: typeName, docs: docs([`A row of the "${name}" table, as the data layer returns it (timestamps in epoch milliseconds).`]), properties: [] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: `${camelCase(name)}Table`, type: "TableDefinition", initializer: `{\nname: ${JSON.stringify(name)},\ncolumns: {\n${schema.columns.map(metadata).join("\n")}\n},${indexes}\n}` }],
    },
  ];
  const used = new Set(["TableDefinition"]);
  if (row.some((r) => r.includes("StoredFile"))) used.add("StoredFile");
  if (row.some((r) => r.includes("GeoValue"))) used.add("GeoValue");
  const text = print(`${modulePath}.ts`, {
    statements: [header(object), `import type { ${[...used].sort().join(", ")} } from "../runtime/db-table.js";`, ...statements],
  }).replace(`export interface ${typeName} {\n}`, `export interface ${typeName} {\n${row.join("\n")}\n}`);
  return { path: `src/${modulePath}.ts`, text };
}
