// Middleware around an endpoint, as Xano runs it (reference middleware.md, branch.md; Xano's
// "Middleware" page): the `pre` ones before the endpoint's input is validated, the `post` ones
// after its response is made and before it is sent. Each receives `{vars, type}`: `vars` is the
// endpoint's declared inputs as sent (pre) or its response (post), `type` is "pre" or "post".
// Its response is merged into (`merge`, the default) or replaces (`replace`) that input or
// response. An error in it is ignored (`silent`), stops the request with that error (`critical`),
// or (`rethrow`, the default) stops the endpoint but lets the post middleware still run, to
// log it, before the error is answered. docs/api.md, "Middleware", gives each decision.
import { errorValue, notMigrated } from "./errors.js";
import { isPlainObject, setOwn } from "./values.js";
import type { InputField } from "./input.js";
import { AsyncLocalStorage } from "node:async_hooks";
import { currentRequest, type EndpointContext } from "./request.js";
import type { Task } from "./task.js";

export type ExceptionPolicy = "silent" | "rethrow" | "critical";
export type ResponseStrategy = "merge" | "replace";

export interface Middleware {
  /** Its name in XanoScript, for log lines. */
  name: string;
  exceptionPolicy: ExceptionPolicy;
  responseStrategy: ResponseStrategy;
  input: readonly InputField[];
  /** The stack: checks `rawInput` (`{vars, type}` and the fields of `vars`) against `input`. */
  handle(rawInput: Record<string, unknown>, context: EndpointContext): Promise<unknown>;
}

/** The middleware that run around an endpoint, in order. */
export interface MiddlewareList {
  pre: readonly Middleware[];
  post: readonly Middleware[];
}

/**
 * A middleware the settings name but the workspace does not define (MIGRATION.md lists it):
 * everything it is around (a request, a function call, a task run) fails, as a check that is
 * not there must not pass silently.
 * TODO(xs2ts): write it, or take its name out of the list.
 */
export function missingMiddleware(name: string): Middleware {
  return {
    name,
    exceptionPolicy: "critical",
    responseStrategy: "merge",
    input: [],
    handle: async () => notMigrated(`the middleware "${name}" is not defined in the workspace`),
  };
}

/**
 * `util.get_raw_input { exclude_middleware = true }`: the request's input before the pre
 * middleware changed it; `received` (the endpoint's own) when none ran.
 */
export function inputBeforeMiddleware(received: Record<string, unknown>): Record<string, unknown> {
  return currentRequest()?.inputBeforeMiddleware ?? received;
}

/** What an endpoint, a function or a task offers middleware: its declared inputs and its stack. */
interface Wrapped {
  input: readonly Pick<InputField, "name">[];
  handle(rawInput: Record<string, unknown>, context: EndpointContext): Promise<unknown>;
}

/**
 * A middleware's input: `vars` and `type` as Xano passes them, and the fields of `vars` beside
 * them, so a middleware that declares `text token` (as the reference's examples do) reads it.
 */
function middlewareInput(vars: unknown, type: "pre" | "post"): Record<string, unknown> {
  return { ...(isPlainObject(vars) ? vars : {}), vars, type };
}

/**
 * `merge`: the middleware's object over the current one, its keys winning; a null response
 * changes nothing. `replace`: its response instead (a pre middleware's that is not an object
 * leaves no input). A merge of something other than two objects keeps the current value.
 */
function combine(middleware: Middleware, current: unknown, response: unknown, type: "pre" | "post"): unknown {
  if (middleware.responseStrategy === "replace") return type === "pre" && !isPlainObject(response) ? {} : response;
  if (response === null || response === undefined) return current;
  if (isPlainObject(current) && isPlainObject(response)) return { ...current, ...response };
  console.warn(
    `middleware ${middleware.name}: its response cannot be merged into a ${Array.isArray(current) ? "list" : typeof current}; it is left out`,
  );
  return current;
}

function silentFailure(middleware: Middleware, error: unknown, context: EndpointContext): void {
  const message = error instanceof Error ? error.message : String(error);
  const request = context.request ? ` (request ${context.request.id})` : "";
  console.warn(`middleware ${middleware.name} failed, ignored (exception_policy silent)${request}: ${message}`);
}

/** Set while a middleware's own stack runs: a function it calls runs without function middleware. */
const insideMiddleware = new AsyncLocalStorage<true>();

function runMiddleware(middleware: Middleware, input: Record<string, unknown>, context: EndpointContext) {
  return insideMiddleware.run(true, () => middleware.handle(input, context));
}

/**
 * Runs `endpoint` with its middleware. `errorVars` is what the post middleware receive as
 * `vars` when a `rethrow` pre middleware failed: the error as the client will get it.
 */
export async function runWithMiddleware(
  endpoint: Wrapped,
  middleware: MiddlewareList | undefined,
  rawInput: Record<string, unknown>,
  context: EndpointContext,
  errorVars: (error: unknown) => unknown,
): Promise<unknown> {
  if (middleware === undefined || (middleware.pre.length === 0 && middleware.post.length === 0))
    return endpoint.handle(rawInput, context);
  let input = rawInput;
  let failure: { error: unknown } | undefined;
  for (const pre of middleware.pre) {
    // Only the inputs the endpoint declares, as Xano surfaces them, before validation.
    const vars: Record<string, unknown> = {};
    for (const field of endpoint.input)
      if (Object.hasOwn(input, field.name)) setOwn(vars, field.name, input[field.name]);
    try {
      const response = await runMiddleware(pre, middlewareInput(vars, "pre"), context);
      const merged = combine(pre, vars, response, "pre") as Record<string, unknown>;
      // The fields the middleware left out under `replace` are gone; the undeclared ones stay (util.get_raw_input).
      const undeclared = Object.fromEntries(Object.entries(input).filter(([key]) => !Object.hasOwn(vars, key)));
      input = { ...undeclared, ...merged };
    } catch (error) {
      if (pre.exceptionPolicy === "silent") {
        silentFailure(pre, error, context);
        continue;
      }
      if (pre.exceptionPolicy === "critical") throw error;
      failure = { error };
      break;
    }
  }
  let response = failure === undefined ? await endpoint.handle(input, context) : undefined;
  for (const post of middleware.post) {
    const vars = failure === undefined ? response : errorVars(failure.error);
    try {
      const result = await runMiddleware(post, middlewareInput(vars, "post"), context);
      if (failure === undefined) response = combine(post, response, result, "post");
    } catch (error) {
      if (post.exceptionPolicy === "silent") {
        silentFailure(post, error, context);
        continue;
      }
      // The first error is the one answered.
      throw failure === undefined ? error : failure.error;
    }
  }
  if (failure !== undefined) throw failure.error;
  return response;
}

/**
 * A function with branch.xs's `middleware.function` around it: every call (from a stack, another
 * function, a task or `npm run fn`) but one made from a middleware's own stack, which would
 * otherwise run its own middleware again. `input` is the names the function declares (the pre
 * middleware see only those); `$auth` is null there, as in a function. The result has the stack's
 * type; a post middleware that merges into it or replaces it changes what it holds. After a
 * `rethrow` pre middleware failed, the post ones get the error as `$error` holds it.
 */
export async function aroundFunction<T>(
  middleware: MiddlewareList,
  input: readonly string[],
  rawInput: Record<string, unknown>,
  stack: (rawInput: Record<string, unknown>) => Promise<T>,
): Promise<T> {
  if (insideMiddleware.getStore()) return stack(rawInput);
  const wrapped: Wrapped = { input: input.map((name) => ({ name })), handle: (raw) => stack(raw) };
  const context: EndpointContext = { auth: null, request: currentRequest() ?? null };
  return (await runWithMiddleware(wrapped, middleware, rawInput, context, errorValue)) as T;
}

/**
 * A task with branch.xs's `middleware.task` around each of its runs (the scheduler's, `npm run
 * task`'s). A task has no input and no response: the pre middleware get `vars` {}, the post ones
 * null, and what they answer is not used; their exception_policy applies as around an endpoint.
 */
export function withTaskMiddleware(task: Task, middleware: () => MiddlewareList): Task {
  const wrapped: Wrapped = { input: [], handle: () => task.run().then(() => null) };
  const context: EndpointContext = { auth: null, request: null };
  return { ...task, run: async () => void (await runWithMiddleware(wrapped, middleware(), {}, context, errorValue)) };
}
