// Input fields and table columns as data for the runtime: a function's `input { … }` becomes
// the field list validateInput (templates/runtime/input.ts) checks before the stack runs, and
// `filters=` of fields and columns becomes the [name, ...args] lists runtime/field-filters.ts
// applies. What the runtime cannot apply is reported, never dropped.
import { prop, type BlockItem, type FieldDecl, type FieldsItem } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { literal } from "../../analyze/literal.js";
import { columnOf } from "../../analyze/table-schema.js";
import { fieldFilters } from "../../analyze/field-filters.js";
import { lines } from "../core/escape.js";
import { comments } from "../core/lines.js";

/** Types validateInput converts or checks; the file and geo types are taken as sent, by design. */
const KNOWN_TYPES = new Set([
  "text",
  "int",
  "decimal",
  "bool",
  "email",
  "password",
  "timestamp",
  "date",
  "uuid",
  "json",
  "enum",
  "object",
  "vector",
  "file",
  "image",
  "video",
  "audio",
  "attachment",
  "geo_point",
  "geo_polygon",
  "geo_linestring",
  "geo_multipoint",
  "geo_multipolygon",
  "geo_multilinestring",
]);

/** A block's `name = …` property as a literal value; undefined when absent or not a literal. */
function literalProperty(body: readonly BlockItem[] | null, name: string): unknown {
  const value = prop({ body }, name);
  return value === undefined ? undefined : literal(value);
}

/**
 * A function's input block: its fields, with `dblink { table = … }` expanded to the table's
 * columns. A name given twice (a field, then a dblink column of that name) is the first one.
 */
export function inputFields(items: readonly FieldsItem[], ctx: ModuleContext): FieldDecl[] {
  const all = items.flatMap((item) => (item.kind === "Field" ? [item] : dblinkFields(item, ctx)));
  return all.filter((field, i) => all.findIndex((f) => f.name === field.name) === i);
}

/**
 * `dblink { table = "user" override = { email: { hidden: true } } }`: one input per column of the
 * table that is not hidden, as the columns declare them. Each is optional (Xano's generated
 * inputs follow the table's settings, which an export does not carry), and `id` is left out.
 */
function dblinkFields(item: Exclude<FieldsItem, FieldDecl>, ctx: ModuleContext): FieldDecl[] {
  const table = item.name === "dblink" ? literalProperty(item.body, "table") : undefined;
  const object = typeof table === "string" ? ctx.workspace.tables.get(table) : undefined;
  if (object === undefined) {
    const what =
      item.name === "dblink" ? `dblink on the table ${String(table)}, which the workspace does not define` : item.name;
    ctx.report({
      kind: "not-migrated",
      code: "XS3010",
      message: `the input ${what} is not migrated: its fields are not checked`,
      position: item.span.start,
    });
    return [];
  }
  const override = literalProperty(item.body, "override");
  const hidden = (name: string): boolean => {
    const entry =
      typeof override === "object" && override !== null ? (override as Record<string, unknown>)[name] : undefined;
    return typeof entry === "object" && entry !== null && (entry as { hidden?: unknown }).hidden === true;
  };
  const schema = object.construct.body.find((i) => i.kind === "Fields" && i.name === "schema");
  const columns = schema?.kind === "Fields" ? schema.fields.filter((f): f is FieldDecl => f.kind === "Field") : [];
  return columns.filter((f) => f.name !== "id" && !hidden(f.name)).map((f) => ({ ...f, optional: true }));
}

/** One input field as the data validateInput reads: type, `?`s, default, filters, enum values, nested schema. */
export function fieldSpec(f: FieldDecl, ctx: ModuleContext, indent = "  "): string {
  const parts = [`name: ${JSON.stringify(f.name)}`, `type: ${JSON.stringify(f.type)}`];
  if (!KNOWN_TYPES.has(f.type)) {
    ctx.report({
      kind: "difference",
      code: "XS5210",
      message: `the input ${f.name} has the type ${f.type}, which xs2ts does not know: its value is taken as sent`,
      position: f.span.start,
    });
  }
  if (f.isList) parts.push("list: true");
  if (f.listSize !== undefined) {
    const [min, max] = f.listSize.map(literal);
    if (typeof min === "number" && typeof max === "number") parts.push(`listSize: [${min}, ${max}]`);
    else
      ctx.report({
        kind: "not-migrated",
        code: "XS3010",
        message: `the list size of the input ${f.name} is not migrated (not literal numbers)`,
        position: f.span.start,
      });
  }
  if (f.optional) parts.push("optional: true");
  if (f.nullable) parts.push("nullable: true");
  if (f.default) parts.push(`default: ${expr(f.default, ctx)}`);
  const { filters, problems } = fieldFilters(f);
  for (const p of problems)
    ctx.report({ kind: "not-migrated", code: "XS3010", message: p.message, position: p.position });
  if (filters.length > 0) parts.push(`filters: ${JSON.stringify(filters)}`);
  const values = columnOf(f).values;
  if (values !== undefined) parts.push(`values: ${JSON.stringify(values)}`);
  else if (f.type === "enum")
    ctx.report({
      kind: "difference",
      code: "XS5210",
      message: `the enum input ${f.name} lists no literal values: any text is accepted`,
      position: f.span.start,
    });
  const schema = (f.body ?? []).find((b) => b.kind === "Fields" && b.name === "schema");
  if (schema?.kind === "Fields") {
    const nested = inputFields(schema.fields, ctx).map((n) => `${indent}  ${fieldSpec(n, ctx, `${indent}  `)},`);
    parts.push(`schema: [\n${nested.join("\n")}\n${indent}]`);
  }
  // The field's comments and description, as comments above it: what the field is for.
  const description = literalProperty(f.body, "description");
  const sourceComments = comments([...(f.detachedComments ?? []), ...f.comments, ...(f.innerComments ?? [])])
    .map((l) => `${l}\n`)
    .join("");
  const comment =
    typeof description === "string" && description.trim() !== ""
      ? lines(description.trim())
          .map((l) => `// ${l.trim()}\n`)
          .join("")
      : "";
  return `${sourceComments}${comment}{ ${parts.join(", ")} }`;
}
