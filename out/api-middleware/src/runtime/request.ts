// The HTTP request a query's stack is answering, for what XanoScript reads of it without
// naming it: `$env.$remote_ip` and its kin, and `util.set_header`. The server runs each
// handler inside `withRequest`; a function called from the stack sees the same request, as in
// Xano. Outside a request (a task, `npm run fn`) there is none and these fall back.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestContext {
  /** The id in the response's x-request-id header and in the log line. */
  id: string;
  method: string;
  remoteIp: string;
  headers: Record<string, string | string[] | undefined>;
  /** The URL's query string, without the `?`. */
  querystring: string;
  /** `http(s)://host` the request was sent to. */
  baseUrl: string;
  /** Headers set by `util.set_header`, written to the response. */
  responseHeaders: Map<string, string[]>;
  /** The input as sent, before any pre middleware changed it (`util.get_raw_input { exclude_middleware = true }`). */
  inputBeforeMiddleware?: Record<string, unknown>;
}

/** `$auth` in a stack: the token's id and extras; null on an endpoint without `auth`. */
export interface Auth {
  // The table's id (a number, or a uuid's text), used as a query value as it comes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  id: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  extras: Record<string, any>;
}

/** What a handler (an endpoint, a middleware) receives besides its input: `$auth`, and the request it answers. */
export interface EndpointContext {
  auth: Auth | null;
  request: RequestContext | null;
}

const current = new AsyncLocalStorage<RequestContext>();

export function withRequest<T>(request: RequestContext, run: () => Promise<T>): Promise<T> {
  return current.run(request, run);
}

export function currentRequest(): RequestContext | undefined {
  return current.getStore();
}

/**
 * Xano's request variables (`$env.$remote_ip`, …) by name without the `$`; undefined for a
 * name that is not one, or outside a request. `$branch` is the branch this project is, XANO_BRANCH
 * ("" unset): a request for another branch's URL is not served.
 */
export function requestVariable(name: string): unknown {
  const request = current.getStore();
  if (request === undefined) return undefined;
  switch (name) {
    case "remote_ip":
      return request.remoteIp;
    case "http_headers":
      return { ...request.headers };
    case "request_querystring":
      return request.querystring;
    case "request_method":
      return request.method;
    case "api_baseurl":
      return request.baseUrl;
    case "branch":
      return process.env.XANO_BRANCH ?? "";
    default:
      return undefined;
  }
}

/**
 * `util.set_header`: a "Name: value" line. `duplicates = "replace"` (the default) drops the
 * header's earlier values, "add" keeps them (Set-Cookie twice). False outside a request.
 */
export function setResponseHeader(line: string, duplicates: string): boolean {
  const request = current.getStore();
  if (request === undefined) return false;
  const colon = line.indexOf(":");
  if (colon <= 0) throw new RangeError(`util.set_header: "${line}" is not a "Name: value" header`);
  const name = line.slice(0, colon).trim().toLowerCase();
  const value = line.slice(colon + 1).trim();
  const values = duplicates === "add" ? (request.responseHeaders.get(name) ?? []) : [];
  request.responseHeaders.set(name, [...values, value]);
  return true;
}
