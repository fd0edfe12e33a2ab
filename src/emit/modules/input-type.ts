// The TypeScript type of a function's input once validateInput has checked it: what each
// declared field holds (text → string, int → number, an enum → its values, …), so the stack
// reads `input.name` as a string rather than as anything.
import { StructureKind, type InterfaceDeclarationStructure } from "ts-morph";
import type { FieldDecl } from "../../ast.js";
import { objectKey } from "../core/escape.js";
import { docs } from "../core/module-text.js";
import type { ModuleContext } from "../core/context.js";
import { SCALAR_TS_TYPES } from "../core/types.js";
import { inputFields } from "./input-fields.js";
import { columnOf } from "../../analyze/table-schema.js";

/**
 * The interface of a function's validated input. Reads of a field the block does not declare
 * (`$input.other`, `$input[$key]`) stay allowed, as `any`: XanoScript permits them.
 */
export function inputInterface(
  name: string,
  fields: readonly FieldDecl[],
  ctx: ModuleContext,
): InterfaceDeclarationStructure {
  return {
    kind: StructureKind.Interface,
    isExported: true,
    name,
    docs: docs([
      "The function's input, as validateInput leaves it: null where a field may be left out or sent as null.",
    ]),
    properties: [
      ...inputProperties(fields, ctx),
      // The index signature as the last member, after the declared fields (ts-morph prints
      // `indexSignatures` first): its name is the signature's bracketed key.
      { name: "[field: string]", type: "any", docs: ["A field the input block does not declare."] },
    ],
  };
}

/** Properties of the input's interface, one per field. */
function inputProperties(fields: readonly FieldDecl[], ctx: ModuleContext): { name: string; type: string }[] {
  return fields.map((f) => ({ name: objectKey(f.name), type: fieldType(f, ctx) }));
}

/** A field's validated value: null when it may be left out or sent as null (validateInput's rule). */
function fieldType(f: FieldDecl, ctx: ModuleContext): string {
  const item = itemType(f, ctx);
  // A union of enum values is parenthesized before `[]`.
  const element = f.nullable && item !== "any" ? `(${item} | null)` : item.includes(" | ") ? `(${item})` : item;
  const value = f.isList ? `${element}[]` : item;
  return (f.optional || f.nullable) && value !== "any" ? `${value} | null` : value;
}

function itemType(f: FieldDecl, ctx: ModuleContext): string {
  const scalar = Object.hasOwn(SCALAR_TS_TYPES, f.type) ? SCALAR_TS_TYPES[f.type] : undefined;
  if (scalar !== undefined) return scalar;
  if (f.type === "enum") {
    const values = columnOf(f).values;
    return values !== undefined && values.length > 0 && values.every((v) => typeof v === "string")
      ? values.map((v) => JSON.stringify(v)).join(" | ")
      : "string";
  }
  if (f.type === "object") {
    const schema = (f.body ?? []).find((b) => b.kind === "Fields" && b.name === "schema");
    // Keys the schema does not declare are kept as sent: an index signature says so.
    if (schema?.kind === "Fields")
      return `{ ${inputProperties(inputFields(schema.fields, ctx), ctx)
        .map((p) => `${p.name}: ${p.type}; `)
        .join("")}[key: string]: any }`;
  }
  // json, vector, files, geo types and an object without a schema: JSON as sent.
  return "any";
}
