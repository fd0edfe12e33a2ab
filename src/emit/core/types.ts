// What the emitter knows of a value's type, and how that reads as a TypeScript type.
import { objectKey } from "./escape.js";

/** What is known statically about a value: enough to pick native operators safely. */
/** `promise`: what an `async = true` statement binds (the result comes from `await`). */
export type StaticType = "number" | "text" | "bool" | "null" | "list" | "object" | "promise" | "unknown";

/** TypeScript types for what the inference knows; lists and objects hold untyped JSON (any). */
const DECLARED_TYPES: Partial<Record<StaticType, string>> = {
  number: "number",
  text: "string",
  bool: "boolean",
  promise: "Promise<any>",
};

/** The TypeScript type a variable of this static type is declared with. */
export function declaredType(type: StaticType): string {
  return DECLARED_TYPES[type] ?? "any";
}

/**
 * The XanoScript types whose values have one TypeScript type, once validated (a function's
 * input) or as stored (a table's column): the one table emit reads for both.
 */
export const SCALAR_TS_TYPES: Readonly<Record<string, "number" | "string" | "boolean">> = {
  int: "number",
  decimal: "number",
  timestamp: "number",
  text: "string",
  email: "string",
  password: "string",
  uuid: "string",
  date: "string",
  bool: "boolean",
};

/** What the expression emitter knows of a value of a scalar XanoScript type (an enum is text). */
export function scalarStaticType(xsType: string): "number" | "text" | "bool" | undefined {
  if (xsType === "enum") return "text";
  const ts = Object.hasOwn(SCALAR_TS_TYPES, xsType) ? SCALAR_TS_TYPES[xsType] : undefined;
  return ts === "string" ? "text" : ts === "boolean" ? "bool" : ts;
}

/** Statements as lines of TypeScript, indented by the emitter that nests them. */
export type Lines = string[];

/** Where a stack is being written: a task's run() or a function's body. */
export interface StackOptions {
  /** What `return` gives back: a function's response; a task returns nothing. */
  returns: "value" | "void";
}

/** A foreach whose body removes items: the set of removed positions and the loop's position. */
export interface Removal {
  /** The Set of removed positions; undefined when the list is no variable (nothing to update). */
  removed?: string;
  position: string;
  /** How the list reads in a comment. */
  list: string;
}

/**
 * A value known to hold whole rows of a table, read from the data layer with the table's row
 * type (`rows<CompanyRow>(…)`); see emit/expr/rows.ts.
 */
export interface RowValue {
  table: string;
  /** The row type's name as imported (`CompanyRow`). */
  typeName: string;
  /** A list of rows (`db.query`), one row, or one row or null (`db.get`). */
  shape: "list" | "row" | "row-or-null";
}

/**
 * A TypeScript type built from parts (a function's return type from what each `return`
 * gives), printed once it is whole: a union is merged as types, not as text.
 */
export type TypeNode =
  /** A type written as it is: `number`, `null`, `CompanyRow`. */
  | { kind: "name"; name: string }
  | { kind: "array"; of: TypeNode }
  | { kind: "object"; fields: readonly { key: string; type: TypeNode }[] }
  | { kind: "union"; members: readonly TypeNode[] };

export function namedType(name: string): TypeNode {
  return { kind: "name", name };
}

/** The union of `types`: nested unions flattened, each member once (the first time it comes). */
export function unionType(types: readonly TypeNode[]): TypeNode {
  const members = new Map<string, TypeNode>();
  for (const t of types.flatMap((t) => (t.kind === "union" ? t.members : [t]))) {
    const text = typeText(t);
    if (!members.has(text)) members.set(text, t);
  }
  return members.size === 1 ? [...members.values()][0]! : { kind: "union", members: [...members.values()] };
}

export function typeText(type: TypeNode): string {
  switch (type.kind) {
    case "name":
      return type.name;
    case "array":
      return type.of.kind === "union" ? `(${typeText(type.of)})[]` : `${typeText(type.of)}[]`;
    case "object":
      return `{ ${type.fields.map((f) => `${objectKey(f.key)}: ${typeText(f.type)}`).join("; ")} }`;
    case "union":
      return type.members.map(typeText).join(" | ");
  }
}
