// Xano's errors: a type (inputerror, accessdenied, notfound, standard, …), a message, a payload.

export class XanoError extends Error {
  constructor(
    /** `inputerror`, `accessdenied`, `notfound`, `standard`, or a name given to `throw`. */
    readonly type: string,
    message: string,
    readonly payload: unknown = null,
  ) {
    super(message);
    this.name = "XanoError";
  }
}

/** `precondition (test) { error_type = … error = … }`. */
export function precondition(test: boolean, type: string, message: string, payload: unknown = null): void {
  if (!test) throw new XanoError(type, message, payload);
}

/** A statement xs2ts could not translate: reaching it is an error, never a silent skip. */
export function notMigrated(what: string): never {
  throw new Error(`Not migrated: ${what}. See MIGRATION.md.`);
}

/** What `$error` holds inside a `catch` block. */
export function errorValue(caught: unknown): { name: string; message: string; code: string; payload: unknown } {
  if (caught instanceof XanoError) return { name: caught.type, message: caught.message, code: caught.type, payload: caught.payload };
  const error = caught instanceof Error ? caught : new Error(String(caught));
  return { name: error.name, message: error.message, code: "standard", payload: null };
}
