// Xano's Lambda: JavaScript run against JSON copies of the stack ($input, $var, $env), with its
// result copied back as JSON. The code itself now stands as TypeScript where it was called.
import { XanoError } from "./errors.js";
import { listArg } from "./values.js";

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
export async function runLambda(
  scope: Partial<LambdaScope>,
  code: (scope: LambdaScope) => unknown,
  options: LambdaOptions = {},
): Promise<Json> {
  const copies: LambdaScope = {
    $input: jsonCopy(scope.$input ?? {}),
    $var: jsonCopy(scope.$var ?? {}),
    $env: { ...(scope.$env ?? {}) },
  };
  const running = (async () => code(copies))();
  const result =
    options.timeoutSeconds === undefined ? await running : await withTimeout(running, options.timeoutSeconds);
  return jsonCopy(result);
}

/** A value as it comes out of JSON: `undefined` becomes null, dates become text, functions go. */
export function jsonCopy(value: unknown): Json {
  return value === undefined ? null : JSON.parse(JSON.stringify(value) ?? "null");
}

async function withTimeout<T>(running: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new XanoError("standard", `The lambda did not finish within ${seconds} s (its timeout).`)),
      seconds * 1000,
    );
  });
  try {
    return await Promise.race([running, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------
// The lambda_* filters: JavaScript run per item of a list, the item bound to `$this`. The list
// is copied as JSON once, as Xano hands it to the JavaScript. A filter's timeout cannot stop
// code that does not wait on anything, so it is not enforced here (reported at build time).

/** The code of a lambda_* filter: the item, its position, the whole list. */
export type ItemCode<R> = ($this: Json, $index: number, $parent: Json[]) => R;

/** `|lambda:"…"`: the code run once, `$this` bound to the value. */
export function lambda(value: unknown, code: ($this: Json) => unknown, _timeoutSeconds?: number): Json {
  return jsonCopy(code(jsonCopy(value)));
}

export function lambdaMap(list: unknown, code: ItemCode<unknown>, _timeoutSeconds?: number): Json[] {
  const items = itemsOf(list, "lambda_map");
  return items.map((item, i) => jsonCopy(code(item, i, items)));
}

/** Keeps the items the code returns a truthy value for (JavaScript's truthiness: it is JavaScript). */
export function lambdaFilter(list: unknown, code: ItemCode<unknown>, _timeoutSeconds?: number): Json[] {
  const items = itemsOf(list, "lambda_filter");
  return items.filter((item, i) => Boolean(code(item, i, items)));
}

export function lambdaSome(list: unknown, code: ItemCode<unknown>, _timeoutSeconds?: number): boolean {
  const items = itemsOf(list, "lambda_some");
  return items.some((item, i) => Boolean(code(item, i, items)));
}

export function lambdaEvery(list: unknown, code: ItemCode<unknown>, _timeoutSeconds?: number): boolean {
  const items = itemsOf(list, "lambda_every");
  return items.every((item, i) => Boolean(code(item, i, items)));
}

/** The first item the code accepts, or null. */
export function lambdaFind(list: unknown, code: ItemCode<unknown>, _timeoutSeconds?: number): Json {
  const items = itemsOf(list, "lambda_find");
  return items.find((item, i) => Boolean(code(item, i, items))) ?? null;
}

/** The position of the first item the code accepts, or -1. */
export function lambdaFindIndex(list: unknown, code: ItemCode<unknown>, _timeoutSeconds?: number): number {
  const items = itemsOf(list, "lambda_findIndex");
  return items.findIndex((item, i) => Boolean(code(item, i, items)));
}

/** `|lambda_reduce:initial:"…"`: the initial value comes first, then the code, which sees `$result`. */
export function lambdaReduce(
  list: unknown,
  initial: unknown,
  code: ($result: Json, $this: Json, $index: number, $parent: Json[]) => unknown,
  _timeoutSeconds?: number,
): Json {
  const items = itemsOf(list, "lambda_reduce");
  return jsonCopy(items.reduce((result, item, i) => code(result, item, i, items), jsonCopy(initial)));
}

function itemsOf(list: unknown, filter: string): Json[] {
  return jsonCopy(listArg(list, filter));
}
