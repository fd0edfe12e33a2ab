// Search services over their REST APIs, with fetch: cloud.elasticsearch.*,
// cloud.aws.opensearch.* (the same API; IAM auth signs requests with AWS Signature V4) and
// cloud.algolia.*. No SDK: each statement is one or two HTTP calls, and the official clients
// (@elastic/elasticsearch, @opensearch-project/opensearch + an AWS signer, algoliasearch) would
// add several packages to every project for that.
//
// Results are the service's JSON answer as it sent it (search hits and aggregations, the
// document with its `_source`, the task of an Algolia write): what the Xano examples read.
// A status of 400 or more throws XanoError, except a document that is not there (404 without
// an `error`), which is Elasticsearch's answer `{ found: false }` / `{ result: "not_found" }`.
import { createHash, createHmac } from "node:crypto";
import { XanoError } from "./errors.js";

/** How to reach a cluster: the statement's auth_type, key_id, access_key (and region for AWS). */
export interface Connection {
  /** Elasticsearch: "API Key" (default), "Basic", "Bearer". OpenSearch: "IAM" (default), "master". */
  authType?: unknown;
  keyId?: unknown;
  accessKey?: unknown;
  /** OpenSearch, as the reference writes it: access_key is the key id, secret_key its secret. */
  secretKey?: unknown;
  region?: unknown;
}

interface HttpCall {
  method: string;
  url: string;
  body?: string;
  contentType?: string;
}

/** The service a connection speaks to, for signing and for error messages. */
type Service = "Elasticsearch" | "OpenSearch";

// ── Elasticsearch and OpenSearch ──

export interface QueryParams extends Connection {
  baseUrl: unknown;
  index: unknown;
  /** The search body (query, aggs, …); size, from, sort and included_fields are set over it. */
  payload?: unknown;
  query?: unknown;
  aggregations?: unknown;
  size?: unknown;
  from?: unknown;
  sort?: unknown;
  includedFields?: unknown;
  /** "search" (default) or "count". */
  returnType?: unknown;
}

export interface DocumentParams extends Connection {
  baseUrl: unknown;
  index: unknown;
  method?: unknown;
  docId?: unknown;
  doc?: unknown;
}

export interface RequestParams extends Connection {
  method?: unknown;
  url: unknown;
  body?: unknown;
}

export interface BulkParams extends Connection {
  baseUrl: unknown;
  index: unknown;
  /** `{ action: "index" | "create" | "update" | "delete", id, doc }` each. */
  operations: unknown;
}

export const elasticsearchQuery = (p: QueryParams) => query("Elasticsearch", p);
export const elasticsearchDocument = (p: DocumentParams) => document("Elasticsearch", p);
export const elasticsearchRequest = (p: RequestParams) => request("Elasticsearch", p);
export const openSearchQuery = (p: QueryParams) => query("OpenSearch", p);
export const openSearchDocument = (p: DocumentParams) => document("OpenSearch", p);
export const openSearchRequest = (p: RequestParams) => request("OpenSearch", p);

/** `_search` (or `_count`) on an index: the body is the payload with the statement's options over it. */
async function query(service: Service, p: QueryParams): Promise<any> {
  const body: Record<string, unknown> = { ...objectOf(p.payload, "payload") };
  if (given(p.query)) body.query = p.query;
  if (given(p.aggregations)) body.aggs = p.aggregations;
  if (String(p.returnType ?? "search") === "count") {
    // _count takes a query only: the paging, sorting and aggregations of the body would be refused.
    const count = body.query === undefined ? undefined : JSON.stringify({ query: body.query });
    return callJson(service, p, { method: "POST", url: indexUrl(p, "_count"), body: count });
  }
  if (given(p.size)) body.size = Number(p.size);
  if (given(p.from)) body.from = Number(p.from);
  if (given(p.sort)) body.sort = p.sort;
  if (given(p.includedFields)) body._source = p.includedFields;
  return callJson(service, p, { method: "POST", url: indexUrl(p, "_search"), body: JSON.stringify(body) });
}

/** One document: GET, PUT (index it whole), POST (index it, with a new id when none is given), DELETE. */
async function document(service: Service, p: DocumentParams): Promise<any> {
  const method = String(p.method ?? "GET").toUpperCase();
  const id = given(p.docId) ? String(p.docId) : "";
  if (id === "" && method !== "POST") throw new XanoError("inputerror", `${service} document ${method} needs a doc_id`);
  const url = indexUrl(p, id === "" ? "_doc" : `_doc/${encodeURIComponent(id)}`);
  const body = method === "PUT" || method === "POST" ? JSON.stringify(p.doc ?? {}) : undefined;
  return callJson(service, p, { method, url, body }, { missingIsAnswer: true });
}

/** Any call to the cluster, at a full URL, with a JSON body. */
async function request(service: Service, p: RequestParams): Promise<any> {
  const method = String(p.method ?? "GET").toUpperCase();
  const body = given(p.body) ? (typeof p.body === "string" ? p.body : JSON.stringify(p.body)) : undefined;
  return callJson(service, p, { method, url: String(p.url), body });
}

/** `_bulk` on an index: one action line, and a document line for index, create and update. */
export async function elasticsearchBulk(p: BulkParams): Promise<any> {
  if (!Array.isArray(p.operations)) throw new XanoError("inputerror", "Elasticsearch bulk: operations must be a list");
  const lines: string[] = [];
  for (const op of p.operations as Record<string, unknown>[]) {
    const action = String(op?.action ?? "index");
    if (!["index", "create", "update", "delete"].includes(action))
      throw new XanoError("inputerror", `Elasticsearch bulk: unknown action ${action}`);
    lines.push(JSON.stringify({ [action]: given(op.id) ? { _id: String(op.id) } : {} }));
    if (action === "update") lines.push(JSON.stringify({ doc: op.doc ?? {} }));
    else if (action !== "delete") lines.push(JSON.stringify(op.doc ?? {}));
  }
  // The bulk API wants every line ended, the last one too.
  const body = lines.map((l) => `${l}\n`).join("");
  return callJson("Elasticsearch", p, {
    method: "POST",
    url: indexUrl(p, "_bulk"),
    body,
    contentType: "application/x-ndjson",
  });
}

function indexUrl(p: { baseUrl: unknown; index: unknown }, path: string): string {
  const base = String(p.baseUrl ?? "").replace(/\/+$/, "");
  if (base === "") throw new XanoError("inputerror", "the search statement has no base_url");
  return `${base}/${encodeURIComponent(String(p.index))}/${path}`;
}

/** Sends a call with the connection's credentials and reads its JSON answer. */
async function callJson(
  service: Service,
  c: Connection,
  call: HttpCall,
  options: { missingIsAnswer?: boolean } = {},
): Promise<any> {
  const body = call.body;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = call.contentType ?? "application/json";
  Object.assign(headers, service === "Elasticsearch" ? elasticsearchAuth(c) : openSearchAuth(c, call));
  const response = await fetch(call.url, { method: call.method, headers, body });
  const answer = await readAnswer(response);
  const hasError = answer !== null && typeof answer === "object" && "error" in answer;
  if (response.status === 404 && options.missingIsAnswer && !hasError) return answer;
  if (response.status >= 400) throw serviceError(service, call, response.status, answer);
  return answer;
}

function elasticsearchAuth(c: Connection): Record<string, string> {
  const type = String(c.authType ?? "API Key");
  const id = text(c.keyId);
  const secret = text(c.accessKey);
  switch (type) {
    case "API Key":
      // Without a key id, access_key is taken as an encoded key (base64 of id:key), as Kibana gives it.
      return { Authorization: `ApiKey ${id === "" ? secret : base64(`${id}:${secret}`)}` };
    case "Basic":
      return { Authorization: `Basic ${base64(`${id}:${secret}`)}` };
    case "Bearer":
      return { Authorization: `Bearer ${secret === "" ? id : secret}` };
    default:
      throw new XanoError(
        "inputerror",
        `Elasticsearch auth_type ${JSON.stringify(type)} is not one of "API Key", "Basic", "Bearer"`,
      );
  }
}

function openSearchAuth(c: Connection, call: HttpCall): Record<string, string> {
  const type = String(c.authType ?? "IAM");
  const id = text(c.secretKey === undefined ? c.keyId : c.accessKey);
  const secret = text(c.secretKey === undefined ? c.accessKey : c.secretKey);
  if (type === "master") return { Authorization: `Basic ${base64(`${id}:${secret}`)}` };
  if (type !== "IAM")
    throw new XanoError("inputerror", `OpenSearch auth_type ${JSON.stringify(type)} is not one of "IAM", "master"`);
  const url = new URL(call.url);
  const region = text(c.region) || regionOfHost(url.hostname);
  // OpenSearch Serverless collections (*.aoss.amazonaws.com) sign as "aoss", domains as "es".
  const service = url.hostname.endsWith(".aoss.amazonaws.com") ? "aoss" : "es";
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const payloadHash = sha256Hex(call.body ?? "");
  const headers: Record<string, string> = {
    host: url.host,
    "x-amz-date": amzDate,
    "x-amz-content-sha256": payloadHash,
  };
  const authorization = signV4({
    method: call.method,
    url,
    headers,
    payloadHash,
    region,
    service,
    accessKeyId: id,
    secretAccessKey: secret,
    amzDate,
  });
  // fetch sets Host itself, from the URL: the same value that was signed.
  return { "x-amz-date": amzDate, "x-amz-content-sha256": payloadHash, Authorization: authorization };
}

/** `search-x.us-east-1.es.amazonaws.com` → `us-east-1`. */
function regionOfHost(host: string): string {
  const match = /\.([a-z]{2}(?:-gov)?-[a-z]+-\d)\.(?:es|aoss)\.amazonaws\.com$/.exec(host);
  if (match === null) throw new XanoError("inputerror", `OpenSearch: no region given, and none in the host ${host}`);
  return match[1];
}

// ── AWS Signature Version 4 (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html) ──

export interface SigV4Request {
  method: string;
  url: URL;
  /** The headers to sign, names in lower case; `host` among them. */
  headers: Record<string, string>;
  payloadHash: string;
  region: string;
  service: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
}

/** The Authorization header of a request signed with AWS Signature Version 4. */
export function signV4(r: SigV4Request): string {
  const names = Object.keys(r.headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n].trim().replace(/\s+/g, " ")}\n`).join("");
  const signedHeaders = names.join(";");
  // Services other than S3 sign the path encoded once more, segment by segment.
  const path = r.url.pathname.split("/").map(rfc3986).join("/") || "/";
  const query = [...r.url.searchParams.entries()]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const canonicalRequest = [r.method, path, query, canonicalHeaders, signedHeaders, r.payloadHash].join("\n");
  const day = r.amzDate.slice(0, 8);
  const scope = `${day}/${r.region}/${r.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", r.amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  let key: Buffer = hmac(`AWS4${r.secretAccessKey}`, day);
  for (const part of [r.region, r.service, "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign).digest("hex");
  return `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

function sha256Hex(data: string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Percent-encoding as AWS wants it: everything but A-Z a-z 0-9 - _ . ~. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// ── Algolia ──

export interface AlgoliaConnection {
  appId: unknown;
  apiKey: unknown;
}

/** cloud.algolia.request: any call at a full URL. */
export async function algoliaRequest(
  p: AlgoliaConnection & { url: unknown; method?: unknown; body?: unknown },
): Promise<any> {
  const method = String(p.method ?? "POST").toUpperCase();
  const body =
    given(p.body) && method !== "GET" && method !== "DELETE"
      ? typeof p.body === "string"
        ? p.body
        : JSON.stringify(p.body)
      : undefined;
  return algoliaCall(p, method, String(p.url), body);
}

/** Searches an index: the params are Algolia's search parameters (query, filters, hitsPerPage, …). */
export async function algoliaSearch(
  p: AlgoliaConnection & { index: unknown; params: Record<string, unknown> },
): Promise<any> {
  const params = Object.fromEntries(Object.entries(p.params).filter(([, v]) => given(v)));
  return algoliaCall(p, "POST", `${algoliaHost(p, "read")}/1/indexes/${indexName(p)}/query`, JSON.stringify(params));
}

/** Adds or replaces a record: replaced (PUT) when it has an objectID, added with a new one otherwise. */
export async function algoliaSaveObject(p: AlgoliaConnection & { index: unknown; object: unknown }): Promise<any> {
  const object = objectOf(p.object, "object");
  const base = `${algoliaHost(p, "write")}/1/indexes/${indexName(p)}`;
  if (given(object.objectID))
    return algoliaCall(p, "PUT", `${base}/${encodeURIComponent(String(object.objectID))}`, JSON.stringify(object));
  return algoliaCall(p, "POST", base, JSON.stringify(object));
}

/** Adds or replaces records in one batch. */
export async function algoliaSaveObjects(p: AlgoliaConnection & { index: unknown; objects: unknown }): Promise<any> {
  if (!Array.isArray(p.objects)) throw new XanoError("inputerror", "Algolia save_objects: objects must be a list");
  const requests = p.objects.map((body) => ({ action: "addObject", body }));
  return algoliaCall(
    p,
    "POST",
    `${algoliaHost(p, "write")}/1/indexes/${indexName(p)}/batch`,
    JSON.stringify({ requests }),
  );
}

export async function algoliaDeleteObject(p: AlgoliaConnection & { index: unknown; objectId: unknown }): Promise<any> {
  if (!given(p.objectId)) throw new XanoError("inputerror", "Algolia delete_object needs an objectID");
  return algoliaCall(
    p,
    "DELETE",
    `${algoliaHost(p, "write")}/1/indexes/${indexName(p)}/${encodeURIComponent(String(p.objectId))}`,
  );
}

export async function algoliaSetSettings(p: AlgoliaConnection & { index: unknown; settings: unknown }): Promise<any> {
  const settings = objectOf(p.settings, "settings");
  return algoliaCall(
    p,
    "PUT",
    `${algoliaHost(p, "write")}/1/indexes/${indexName(p)}/settings`,
    JSON.stringify(settings),
  );
}

/** Algolia's hosts: `<app>-dsn` for searches, `<app>` for writes. ALGOLIA_BASE_URL replaces both (a proxy, a test server). */
function algoliaHost(p: AlgoliaConnection, use: "read" | "write"): string {
  const override = process.env.ALGOLIA_BASE_URL;
  if (override !== undefined && override !== "") return override.replace(/\/+$/, "");
  const app = text(p.appId).toLowerCase();
  if (app === "") throw new XanoError("inputerror", "the Algolia statement has no app_id");
  return `https://${app}${use === "read" ? "-dsn" : ""}.algolia.net`;
}

function indexName(p: { index: unknown }): string {
  return encodeURIComponent(String(p.index));
}

async function algoliaCall(p: AlgoliaConnection, method: string, url: string, body?: string): Promise<any> {
  const headers: Record<string, string> = {
    "X-Algolia-Application-Id": text(p.appId),
    "X-Algolia-API-Key": text(p.apiKey),
    Accept: "application/json",
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body });
  const answer = await readAnswer(response);
  if (response.status >= 400) throw serviceError("Algolia", { method, url }, response.status, answer);
  return answer;
}

// ── shared ──

/** The answer's JSON, or its text when it is not JSON. */
async function readAnswer(response: Response): Promise<unknown> {
  const body = await response.text();
  if (body === "") return null;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** "Elasticsearch answered 404 on GET /x/_doc/1: index_not_found_exception: no such index [x]"; the answer is the payload. */
function serviceError(
  service: string,
  call: { method: string; url: string },
  status: number,
  answer: unknown,
): XanoError {
  const a = answer as { error?: unknown; message?: unknown } | null;
  const error = a !== null && typeof a === "object" ? (a.error ?? a.message) : answer;
  const e = error as { type?: unknown; reason?: unknown } | null;
  const reason =
    e !== null && typeof e === "object"
      ? [e.type, e.reason].filter((x) => x !== undefined).join(": ")
      : String(error ?? "");
  const path = new URL(call.url).pathname;
  return new XanoError(
    "standard",
    `${service} answered ${status} on ${call.method} ${path}${reason === "" ? "" : `: ${reason}`}`,
    { status, response: answer },
  );
}

/** Xano leaves a parameter "" or [] to mean "not set". */
function given(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
}

function objectOf(v: unknown, name: string): Record<string, unknown> {
  if (!given(v)) return {};
  if (typeof v === "string") return objectOf(JSON.parse(v), name);
  if (typeof v !== "object" || Array.isArray(v)) throw new XanoError("inputerror", `${name} must be an object`);
  return v as Record<string, unknown>;
}

function text(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

function base64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}
