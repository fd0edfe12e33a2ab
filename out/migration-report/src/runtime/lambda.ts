// Xano's Lambda: JavaScript run against JSON copies of the stack ($input, $var, $env), with its
// result copied back as JSON. The code itself now stands as TypeScript where it was called.
import { XanoError } from "./errors.js";

/** JSON as a lambda's code reads it: the code, not a declared type, says what it holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** What Xano binds for an api.lambda's code. */
export interface LambdaScope {
  $input: Json;
  $var: Json;
  $env: Json;
}

export interface LambdaOptions {
  /** Xano's `timeout`: the lambda fails when it runs longer (seconds). */
  timeoutSeconds?: number;
}

/**
 * Runs an api.lambda's code. It gets copies, as in Xano, so changing `$var.x` inside the code
 * does not change the stack's `$x`; what it returns is copied out the same way.
 */
export async function runLambda(scope: Partial<LambdaScope>, code: (scope: LambdaScope) => unknown, options: LambdaOptions = {}): Promise<Json> {
  const copies: LambdaScope = { $input: jsonCopy(scope.$input ?? {}), $var: jsonCopy(scope.$var ?? {}), $env: { ...(scope.$env ?? {}) } };
  const running = (async () => code(copies))();
  const result = options.timeoutSeconds === undefined ? await running : await withTimeout(running, options.timeoutSeconds);
  return jsonCopy(result);
}

/** A value as it comes out of JSON: `undefined` becomes null, dates become text, functions go. */
export function jsonCopy(value: unknown): Json {
  return value === undefined ? null : JSON.parse(JSON.stringify(value) ?? "null");
}

async function withTimeout<T>(running: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new XanoError("standard", `The lambda did not finish within ${seconds} s (its timeout).`)), seconds * 1000);
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
