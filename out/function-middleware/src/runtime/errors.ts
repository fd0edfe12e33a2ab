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

/** `precondition (test) { error_type = … error = … }`; the message may be any value, shown as text. */
export function precondition(test: boolean, type: string, message: unknown, payload: unknown = null): void {
  if (!test) throw new XanoError(type, typeof message === "string" ? message : JSON.stringify(message), payload);
}

/**
 * A statement xs2ts could not translate: reaching it is an error, never a silent skip.
 * Typed `any`, not `never`, on purpose: with `never` TypeScript would treat the code after it as
 * unreachable and stop checking it, which is the code a person finishes the migration in.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function notMigrated(what: string): any {
  throw new Error(`Not migrated: ${what}. See MIGRATION.md.`);
}

/** What `$error` holds inside a `catch` block (any other key reads as undefined, as in Xano: null). */
export function errorValue(caught: unknown): {
  name: string;
  message: string;
  code: string;
  payload: unknown;
  [key: string]: any;
} {
  if (caught instanceof XanoError)
    return { name: caught.type, message: caught.message, code: caught.type, payload: caught.payload };
  const error = caught instanceof Error ? caught : new Error(String(caught));
  return { name: error.name, message: error.message, code: "standard", payload: null };
}
