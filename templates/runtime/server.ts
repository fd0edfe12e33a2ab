// The HTTP server of the API groups, on Fastify: every endpoint at Xano's URL
// (`/api:<canonical>/<name>`), its input from the path, the query string and the body (JSON,
// form or multipart, files becoming file resources), the Bearer token of `auth = "<table>"`,
// Xano's error bodies `{code, message, payload}`, one log line per request, CORS, each group's
// OpenAPI document, and a shutdown that lets the requests in flight finish.
// The handlers themselves are plain functions of (input, {auth, request}): see Endpoint.
import { randomUUID } from "node:crypto";
import cors, { type FastifyCorsOptions } from "@fastify/cors";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { XanoError } from "./errors.js";
import { fileResourceOf } from "./files.js";
import type { InputField } from "./input.js";
import { runWithMiddleware, type MiddlewareList } from "./middleware.js";
import { openApiDocument } from "./openapi.js";
import { withRequest, type Auth, type EndpointContext, type RequestContext } from "./request.js";
import { escapeRegExp, matchRoute, pathSegments, route, type Route } from "./routes.js";
import { readAuthToken } from "./security.js";
import { exitOnSettingError, wholeNumberSetting } from "./settings.js";
import { setOwn } from "./values.js";

export type { Auth, EndpointContext };

export type Verb = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface Endpoint {
  verb: Verb;
  /** The query's name: the path after the group's `/api:<canonical>/`, `{param}` segments included. */
  path: string;
  /** `auth = "<table>"`: a token issued for that table is required. */
  auth?: string;
  description?: string;
  input: readonly InputField[];
  /** Its own middleware, instead of its group's. */
  middleware?: MiddlewareList;
  /** The stack: checks `rawInput` against `input` itself, so it runs the same without HTTP. */
  handle(rawInput: Record<string, unknown>, context: EndpointContext): Promise<unknown>;
}

export interface ApiGroup {
  name: string;
  canonical: string;
  description?: string;
  /** `swagger = {token: …}`: the environment variable holding the token the document asks for. */
  swaggerTokenVariable?: string;
  /** `swagger = {active: false}`: no document is served. */
  swagger?: boolean;
  /** `cors = {mode: "custom", …}`: the group's own CORS settings instead of the server's. */
  cors?: GroupCors;
  /** The middleware around each of its endpoints (branch.xs's `middleware.query`, or the group's own). */
  middleware?: MiddlewareList;
  endpoints: Record<string, Endpoint>;
}

/**
 * An API group's `cors = {mode: "custom", …}`. An origin with a scheme matches exactly, one
 * without (`app.example`) matches that host over http or https, `*` any; no origin left means
 * no cross-origin caller. No `headers` means the ones the browser asks for.
 */
export interface GroupCors {
  origins: readonly string[];
  methods?: readonly string[];
  headers?: readonly string[];
  credentials?: boolean;
  /** Seconds a browser may keep a preflight's answer. */
  maxAge?: number;
}

export interface ServerOptions {
  /** Origins allowed by CORS: every one when unset (as Xano's default), else CORS_ORIGINS (comma-separated). */
  corsOrigins?: string[];
  /** Largest request body in bytes (BODY_LIMIT, default 20 MB). */
  bodyLimit?: number;
  /** The branch this project is (XANO_BRANCH): `/api:<canonical>:<branch>/…` is served too. */
  branch?: string;
  /** Where each request's line goes (default: standard output). */
  log?: (line: string) => void;
}

// ---------------------------------------------------------------------------------------
// Xano's errors

/** Error type (precondition's error_type, or what the server itself refuses) → status and code. */
const ERRORS: Record<string, [status: number, code: string]> = {
  inputerror: [400, "ERROR_CODE_INPUT_ERROR"],
  unauthorized: [401, "ERROR_CODE_UNAUTHORIZED"],
  accessdenied: [403, "ERROR_CODE_ACCESS_DENIED"],
  notfound: [404, "ERROR_CODE_NOT_FOUND"],
  toomanyrequests: [429, "ERROR_CODE_TOO_MANY_REQUESTS"],
};

export interface ErrorBody {
  code: string;
  message: string;
  payload: unknown;
}

/**
 * The status and body for an error a handler threw. A XanoError of another type (`standard`,
 * a name given to `throw`) is a 500 with its own message, which the stack's author wrote; any
 * other error is a 500 that says only the request id: its text may hold SQL or a stack.
 */
export function errorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (error instanceof XanoError) {
    const [status, code] = ERRORS[error.type] ?? [500, "ERROR_FATAL"];
    return { status, body: { code, message: error.message, payload: error.payload ?? "" } };
  }
  return { status: 500, body: { code: "ERROR_FATAL", message: `Internal error (request ${requestId}).`, payload: "" } };
}

// ---------------------------------------------------------------------------------------
// Authentication

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === "string") {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match?.[1];
  }
  // Xano also takes the token as ?authtoken=.
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.authtoken === "string" ? query.authtoken : undefined;
}

/** `$auth` from the request's token for `table`; a 401 when it is missing, forged, expired or another table's. */
export function authenticate(token: string | undefined, table: string, secret = process.env.AUTH_TOKEN_KEY): Auth {
  if (token === undefined || token === "") throw new XanoError("unauthorized", "Authentication required.");
  if (secret === undefined || secret === "")
    throw new Error("AUTH_TOKEN_KEY is not set: tokens can be neither issued nor checked (see .env.example)");
  let claims: ReturnType<typeof readAuthToken>;
  try {
    claims = readAuthToken(secret, token);
  } catch {
    throw new XanoError("unauthorized", "Invalid token.");
  }
  if (claims.table !== table) throw new XanoError("unauthorized", "Invalid token.");
  return { id: claims.id, extras: claims.extras ?? {} };
}

// ---------------------------------------------------------------------------------------
// Input

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A multipart body: fields as text, files as file resources; `name[]` collects a list. */
async function multipartInput(request: FastifyRequest): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    const value =
      part.type === "file" ? fileResourceOf(part.filename, await part.toBuffer(), part.mimetype) : part.value;
    if (part.fieldname.endsWith("[]")) {
      const name = part.fieldname.slice(0, -2);
      const list = Array.isArray(out[name]) ? (out[name] as unknown[]) : [];
      out[name] = [...list, value];
    } else {
      out[part.fieldname] = value;
    }
  }
  return out;
}

/** The input as Xano merges it: the query string, then the body, then the path's parameters. */
async function requestInput(request: FastifyRequest): Promise<Record<string, unknown>> {
  const query = isRecord(request.query) ? request.query : {};
  const body = request.isMultipart() ? await multipartInput(request) : isRecord(request.body) ? request.body : {};
  const params = PATH_PARAMS.get(request.raw) ?? {};
  const input: Record<string, unknown> = {};
  for (const source of [query, body, params]) {
    for (const key in source) {
      // Not `delete input.authtoken` afterwards: a deletion makes every later read of the object slower.
      if (key === "authtoken" || !Object.hasOwn(source, key)) continue;
      setOwn(input, key, source[key]);
    }
  }
  return input;
}

// ---------------------------------------------------------------------------------------
// CORS

/** A group's own CORS settings as @fastify/cors options (a route's `config.cors`). */
export function groupCorsOptions(settings: GroupCors): FastifyCorsOptions {
  const entries = settings.origins.map((o) => o.trim()).filter((o) => o !== "");
  const origin: FastifyCorsOptions["origin"] = entries.includes("*")
    ? "*"
    : entries.length === 0
      ? false
      : entries.map((o) =>
          /^[a-z][a-z0-9+.-]*:\/\//i.test(o)
            ? o.replace(/\/+$/, "")
            : new RegExp(`^https?://${escapeRegExp(o.replace(/\/+$/, ""))}$`, "i"),
        );
  const options: FastifyCorsOptions = { origin, exposedHeaders: ["x-request-id"] };
  if (settings.methods !== undefined && settings.methods.length > 0) options.methods = [...settings.methods];
  if (settings.headers !== undefined && settings.headers.length > 0) options.allowedHeaders = [...settings.headers];
  if (settings.credentials === true) options.credentials = true;
  if (settings.maxAge !== undefined) options.maxAge = settings.maxAge;
  return options;
}

// ---------------------------------------------------------------------------------------
// The server

/**
 * The request log on standard output, a turn of the event loop's lines in one write: on Linux a
 * write to a pipe (a container's log) blocks, and one per request was the largest cost of
 * answering after the database's. What is pending is written when the process exits.
 */
function stdoutLines(): (line: string) => void {
  let pending = "";
  const flush = () => {
    if (pending === "") return;
    const text = pending;
    pending = "";
    process.stdout.write(text);
  };
  process.once("exit", flush);
  return (line) => {
    if (pending === "") setImmediate(flush);
    pending += `${line}\n`;
  };
}

/** The path parameters of each request routed to an endpoint (see `router`). */
const PATH_PARAMS = new WeakMap<object, Record<string, string>>();

/** Where `router` sends a request: routes of the server's own, which no client URL reaches directly. */
const INTERNAL = "/__xs2ts";

/** The internal route of a group's endpoint, by their places in `groups` and in `group.endpoints`. */
function endpointUrl(groupIndex: number, position: number): string {
  return `${INTERNAL}/endpoint/${groupIndex}/${position}`;
}

/**
 * The URL rewriting that routes a request: `/api:<canonical>/<name>` to its endpoint's
 * internal route (its parameters kept aside for the handler), `/apispec:<canonical>` to the
 * group's document, a preflight under a group with its own CORS to the group's. Anything
 * else keeps its URL (a 404, or @fastify/cors's own preflight route). Query names are matched
 * by routes.ts, not by Fastify: any text in them is only itself.
 */
function router(
  groups: readonly ApiGroup[],
  branch: string | undefined,
): (raw: { url?: string; method?: string }) => string {
  const byPrefix = new Map<string, { index: number; routes: Route<string>[] }>();
  groups.forEach((group, index) => {
    const routes = Object.values(group.endpoints).map((endpoint, position) =>
      route(endpoint.verb, endpoint.path, endpointUrl(index, position)),
    );
    if (!byPrefix.has(`api:${group.canonical}`)) byPrefix.set(`api:${group.canonical}`, { index, routes });
  });
  const branchSuffix = branch === undefined || branch === "" ? undefined : `:${branch}`;
  return (raw) => {
    const url = raw.url ?? "/";
    const question = url.indexOf("?");
    const [path, query] = question < 0 ? [url, ""] : [url.slice(0, question), url.slice(question)];
    if (path.startsWith(INTERNAL)) return INTERNAL;
    const rawSegments = path.split("/");
    // Xano's branch URLs, `/api:<canonical>:<branch>/…`: this project is one branch's code, served as the plain URL.
    if (branchSuffix !== undefined && /^(?:api|apispec):[^:]*:[^:]*$/.test(rawSegments[1] ?? "")) {
      const at = rawSegments[1].lastIndexOf(":");
      const given = pathSegments(rawSegments[1].slice(at));
      if (given === undefined || given[0] !== branchSuffix) return url;
      rawSegments[1] = rawSegments[1].slice(0, at);
    }
    const segments = pathSegments(rawSegments.join("/"));
    if (segments === undefined || segments[0] !== "") return url;
    const spec = segments.length === 2 && segments[1].startsWith("apispec:");
    const group = byPrefix.get(spec ? `api:${segments[1].slice("apispec:".length)}` : segments[1]);
    if (group === undefined) return url;
    if (spec) return `${INTERNAL}/spec/${group.index}${query}`;
    if (raw.method === "OPTIONS")
      return groups[group.index].cors === undefined ? url : `${INTERNAL}/cors/${group.index}${query}`;
    const match = matchRoute(group.routes, raw.method ?? "", segments.slice(2));
    if (match === undefined) return url;
    PATH_PARAMS.set(raw, match.params);
    return `${match.value}${query}`;
  };
}

/**
 * What a stack can read of the request: each part worked out when it is read (most stacks read
 * none), so answering a request pays only for what its code uses.
 */
class HttpRequestContext implements RequestContext {
  readonly responseHeaders = new Map<string, string[]>();
  inputBeforeMiddleware?: Record<string, unknown>;
  constructor(private readonly request: FastifyRequest) {}
  get id(): string {
    return String(this.request.id);
  }
  get method(): string {
    return this.request.method;
  }
  get remoteIp(): string {
    return this.request.ip;
  }
  get headers(): Record<string, string | string[] | undefined> {
    return this.request.headers;
  }
  get querystring(): string {
    const url = this.request.originalUrl;
    const question = url.indexOf("?");
    return question < 0 ? "" : url.slice(question + 1);
  }
  get baseUrl(): string {
    return `${this.request.protocol}://${this.request.host}`;
  }
}

function sendError(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  const { status, body } = errorResponse(error, String(request.id));
  if (status === 500 && !(error instanceof XanoError)) console.error(`request ${request.id} failed:`, error);
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

async function answer(
  endpoint: Endpoint,
  middleware: MiddlewareList | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const context = new HttpRequestContext(request);
  try {
    const auth = endpoint.auth === undefined ? null : authenticate(bearerToken(request), endpoint.auth);
    const input = await requestInput(request);
    // util.get_raw_input { exclude_middleware = true } reads it, whatever the pre middleware make of it.
    context.inputBeforeMiddleware = input;
    const result = await withRequest(context, () =>
      runWithMiddleware(
        endpoint,
        middleware,
        input,
        { auth, request: context },
        (error) => errorResponse(error, context.id).body,
      ),
    );
    if (context.responseHeaders.size > 0)
      for (const [name, values] of context.responseHeaders)
        reply.header(name, values.length === 1 ? values[0] : values);
    if (result === undefined || result === null) return reply.type("application/json; charset=utf-8").send("null");
    // Text goes out as it is (an HTML page with its own Content-Type); anything else as JSON.
    if (typeof result === "string" && context.responseHeaders.has("content-type")) return reply.send(result);
    return reply.type("application/json; charset=utf-8").send(JSON.stringify(result));
  } catch (error) {
    return sendError(reply, request, error);
  }
}

/** One server for the groups; `listen` it, or `inject` requests in tests. */
export async function createServer(groups: readonly ApiGroup[], options: ServerOptions = {}): Promise<FastifyInstance> {
  const writeLog = options.log ?? stdoutLines();
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? wholeNumberSetting("BODY_LIMIT", 20 * 1024 * 1024),
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: process.env.TRUST_PROXY === "true",
    rewriteUrl: router(groups, options.branch ?? process.env.XANO_BRANCH),
  });
  const origins =
    options.corsOrigins ??
    process.env.CORS_ORIGINS?.split(",")
      .map((o) => o.trim())
      .filter((o) => o !== "");
  await app.register(cors, {
    origin: origins === undefined || origins.length === 0 ? "*" : origins,
    exposedHeaders: ["x-request-id"],
  });
  await app.register(formbody);
  await app.register(multipart, {
    limits: { fileSize: options.bodyLimit ?? wholeNumberSetting("BODY_LIMIT", 20 * 1024 * 1024) },
  });
  // An empty JSON body is no input, not an error (front ends send one with DELETE).
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === "") return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new XanoError("inputerror", "The body is not valid JSON.", { param: "" }), undefined);
    }
  });

  // Callback hooks, not async ones: no promise per request for work that never waits.
  app.addHook("onRequest", (request, reply, done) => {
    reply.header("x-request-id", request.id);
    done();
  });
  app.addHook("onResponse", (request, reply, done) => {
    const url = request.originalUrl;
    const question = url.indexOf("?");
    writeLog(
      `${request.method} ${question < 0 ? url : url.slice(0, question)} ${reply.statusCode} ${reply.elapsedTime.toFixed(1)}ms ${request.id}`,
    );
    done();
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof XanoError) return sendError(reply, request, error);
    // Fastify's own refusals (a body too large, a malformed multipart): the client's fault.
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500)
      return reply
        .code(status)
        .send({ code: "ERROR_CODE_BAD_REQUEST", message: (error as Error).message, payload: "" });
    return sendError(reply, request, error);
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: "ERROR_CODE_NOT_FOUND", message: "Unable to locate request.", payload: "" }),
  );

  groups.forEach((group, index) => {
    // A group's own CORS settings ride on its routes (@fastify/cors reads a route's config.cors),
    // and its preflights have their own OPTIONS route, so other groups keep the server's.
    const config = group.cors === undefined ? undefined : { cors: groupCorsOptions(group.cors) };
    Object.values(group.endpoints).forEach((endpoint, position) =>
      app.route({
        method: endpoint.verb,
        url: endpointUrl(index, position),
        config,
        handler: (request, reply) => answer(endpoint, endpoint.middleware ?? group.middleware, request, reply),
      }),
    );
    if (config !== undefined)
      // @fastify/cors marks a preflight it answered for (its own wildcard route does the same).
      app.options(`${INTERNAL}/cors/${index}`, { config }, (request, reply) =>
        (request as { corsPreflightEnabled?: boolean }).corsPreflightEnabled ? reply.send() : reply.callNotFound(),
      );
    if (group.swagger === false) return;
    // Xano serves a group's document at /apispec:<canonical>?type=json; the token as ?token=.
    app.get(`${INTERNAL}/spec/${index}`, async (request, reply) => {
      const token = group.swaggerTokenVariable === undefined ? undefined : process.env[group.swaggerTokenVariable];
      if (group.swaggerTokenVariable !== undefined) {
        const given = (request.query as Record<string, unknown>).token;
        if (token === undefined || token === "" || given !== token)
          return sendError(
            reply,
            request,
            new XanoError("unauthorized", "This API's documentation requires its token."),
          );
      }
      return reply.send(openApiDocument(group, `${request.protocol}://${request.host}`));
    });
  });
  return app;
}

/**
 * `npm run serve`: listens on HOST:PORT until SIGTERM or SIGINT, then stops taking requests,
 * lets those in flight finish, and runs `close` (the database).
 */
export async function serve(groups: readonly ApiGroup[], close: () => Promise<void>): Promise<FastifyInstance> {
  // A bad PORT or BODY_LIMIT is one line naming it, exit 1.
  const port = (() => {
    try {
      return wholeNumberSetting("PORT", 3000, 0, process.env, 65535);
    } catch (error) {
      return exitOnSettingError(error);
    }
  })();
  const app = await createServer(groups).catch(exitOnSettingError);
  const host = process.env.HOST ?? "0.0.0.0";
  // The address actually bound (PORT=0 takes a free port).
  const address = await app.listen({ port, host });
  console.info(
    `API listening on ${address} (${groups.map((g) => `/api:${encodeURIComponent(g.canonical)}`).join(", ")})`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: finishing the requests in flight`);
    await app.close();
    await close();
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  return app;
}
