// What the emitter knows of a value's type, and how that reads as a TypeScript type.

/** What is known statically about a value: enough to pick native operators safely. */
/** `promise`: what an `async = true` statement binds (the result comes from `await`). */
export type StaticType = "number" | "text" | "bool" | "null" | "list" | "object" | "promise" | "unknown";

/** TypeScript types for what the inference knows; lists and objects hold untyped JSON (any). */
const DECLARED_TYPES: Partial<Record<StaticType, string>> = { number: "number", text: "string", bool: "boolean", promise: "Promise<any>" };

/** The TypeScript type a variable of this static type is declared with. */
export function declaredType(type: StaticType): string {
  return DECLARED_TYPES[type] ?? "any";
}

/** Statements as lines of TypeScript, indented by the emitter that nests them. */
export type Lines = string[];

/** Where a stack is being written: a task's run() or a function's body. */
export interface StackOptions {
  /** What `return` gives back: a function's response; a task returns nothing. */
  returns: "value" | "void";
}
