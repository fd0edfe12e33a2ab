// Middleware around an endpoint, as Xano runs it (reference middleware.md, branch.md; Xano's
// "Middleware" page): the `pre` ones before the endpoint's input is validated, the `post` ones
// after its response is made and before it is sent. Each receives `{vars, type}`: `vars` is the
// endpoint's declared inputs as sent (pre) or its response (post), `type` is "pre" or "post".
// Its response is merged into (`merge`, the default) or replaces (`replace`) that input or
// response. An error in it is ignored (`silent`), stops the request with that error (`critical`),
// or (`rethrow`, the default) stops the endpoint but lets the post middleware still run, to
// log it, before the error is answered. docs/api.md, "Middleware", gives each decision.
import { notMigrated } from "./errors.js";
import { isPlainObject, setOwn } from "./values.js";
import type { InputField } from "./input.js";
import { currentRequest } from "./request.js";
import type { EndpointContext } from "./server.js";

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
 * every request it is around fails, as a check that is not there must not pass silently.
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

/** What an endpoint offers middleware: its declared inputs and its stack. */
interface Wrapped {
  input: readonly InputField[];
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
  if (context.request !== null) context.request.inputBeforeMiddleware = rawInput;
  let input = rawInput;
  let failure: { error: unknown } | undefined;
  for (const pre of middleware.pre) {
    // Only the inputs the endpoint declares, as Xano surfaces them, before validation.
    const vars: Record<string, unknown> = {};
    for (const field of endpoint.input)
      if (Object.hasOwn(input, field.name)) setOwn(vars, field.name, input[field.name]);
    try {
      const response = await pre.handle(middlewareInput(vars, "pre"), context);
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
      const result = await post.handle(middlewareInput(vars, "post"), context);
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
