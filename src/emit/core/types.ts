// What the emitter knows of a value's type, and how that reads as a TypeScript type.

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
