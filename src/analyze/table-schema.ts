// A table's columns and indexes as its `table` construct declares them, looked up by name.
import { prop, type FieldDecl, type Expr } from "../ast.js";
import type { FieldFilter } from "../../templates/runtime/field-filters.js";
import { fieldFilters } from "./field-filters.js";
import { literal } from "./literal.js";
import type { Workspace, WorkspaceObject } from "./workspace.js";

/** Stored as JSON in both engines (jsonb / text). */
export const JSON_TYPES = new Set([
  "json",
  "object",
  "image",
  "attachment",
  "audio",
  "video",
  "file",
  "geo_point",
  "geo_polygon",
  "geo_linestring",
  "geo_multipoint",
  "geo_multipolygon",
  "geo_multilinestring",
]);
export const FILE_TYPES = new Set(["image", "attachment", "audio", "video", "file"]);

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

export function columnOf(f: FieldDecl): Column {
  const { filters } = fieldFilters(f);
  const values = prop(f, "values");
  const table = prop(f, "table");
  const size = prop(f, "size");
  const description = prop(f, "description");
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
  const indexList = prop(c, "index");
  const raw = indexList ? literal(indexList) : undefined;
  if (Array.isArray(raw)) {
    for (const i of raw as Record<string, unknown>[]) {
      if (typeof i !== "object" || i === null || typeof i.type !== "string" || !Array.isArray(i.field)) continue;
      const fieldList = (i.field as Record<string, unknown>[])
        .filter((x) => typeof x?.name === "string")
        .map((x) => ({ name: x.name as string, ...(typeof x.op === "string" ? { op: x.op } : {}) }));
      indexes.push({
        type: i.type,
        fields: fieldList,
        ...(typeof i.name === "string" ? { name: i.name } : {}),
        ...(typeof i.lang === "string" ? { lang: i.lang } : {}),
      });
    }
  }
  return { name: c.name ?? "table", columns: fields.map(columnOf), indexes };
}

const schemaCache = new WeakMap<Workspace, Map<string, Map<string, Column>>>();

/** A workspace table's columns by name; undefined for a table the workspace does not define. */
export function columnsOf(workspace: Workspace, table: string): Map<string, Column> | undefined {
  let all = schemaCache.get(workspace);
  if (all === undefined) schemaCache.set(workspace, (all = new Map()));
  let cols = all.get(table);
  if (cols === undefined) {
    const object = workspace.tables.get(table);
    if (object === undefined) return undefined;
    cols = new Map(tableSchema(object).columns.map((c) => [c.name, c]));
    all.set(table, cols);
  }
  return cols;
}
