// cloud.elasticsearch.*, cloud.aws.opensearch.*, cloud.algolia.*: each statement is a call of a
// helper of runtime/search.ts, which speaks the service's REST API. Credentials written as
// literals move to environment variables; the hosts called are reported.
import { prop, stringValue, unparen, type CallStatement, type Expr } from "../../ast.js";
import { objectProperty } from "../core/escape.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { callWith, isEmptyDefault, literalHost } from "./integrations.js";
import { hoistSecret } from "../core/secrets.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

type Service = "ELASTICSEARCH" | "OPENSEARCH" | "ALGOLIA";

interface SearchStatement {
  /** The helper's name in runtime/search.ts. */
  helper: string;
  /** Also the prefix of the environment variables its literal credentials move to. */
  service: Service;
  /** XanoScript parameter → the helper's field. */
  fields: Record<string, string>;
  /** The field that gathers the parameters not in `fields` under their own names (Algolia's search parameters). */
  rest?: string;
}

const CONNECTION = { auth_type: "authType", key_id: "keyId", access_key: "accessKey" };
const INDEX = { ...CONNECTION, base_url: "baseUrl", index: "index" };
const QUERY = {
  payload: "payload",
  query: "query",
  aggregations: "aggregations",
  size: "size",
  from: "from",
  sort: "sort",
  included_fields: "includedFields",
  return_type: "returnType",
  expression: "expression",
};
// `doc` is what Xano writes; the reference's examples write `body`.
const DOCUMENT = { method: "method", doc_id: "docId", doc: "doc", body: "doc" };
// Xano's request statements send `query` (the reference) or `payload` (other versions) as the body.
const REQUEST = { ...CONNECTION, method: "method", url: "url", query: "body", payload: "body" };
// The reference's OpenSearch examples write access_key + secret_key and `endpoint`.
const AWS = { region: "region", secret_key: "secretKey" };
const ALGOLIA = { app_id: "appId", application_id: "appId", api_key: "apiKey" };

const STATEMENTS: Record<string, SearchStatement> = {
  "cloud.elasticsearch.query": {
    helper: "elasticsearchQuery",
    service: "ELASTICSEARCH",
    fields: { ...INDEX, ...QUERY },
  },
  "cloud.elasticsearch.document": {
    helper: "elasticsearchDocument",
    service: "ELASTICSEARCH",
    fields: { ...INDEX, ...DOCUMENT },
  },
  "cloud.elasticsearch.request": { helper: "elasticsearchRequest", service: "ELASTICSEARCH", fields: REQUEST },
  "cloud.elasticsearch.bulk": {
    helper: "elasticsearchBulk",
    service: "ELASTICSEARCH",
    fields: { ...INDEX, operations: "operations" },
  },
  "cloud.aws.opensearch.query": {
    helper: "openSearchQuery",
    service: "OPENSEARCH",
    fields: { ...INDEX, ...AWS, endpoint: "baseUrl", ...QUERY },
  },
  "cloud.aws.opensearch.document": {
    helper: "openSearchDocument",
    service: "OPENSEARCH",
    fields: { ...INDEX, ...AWS, endpoint: "baseUrl", ...DOCUMENT },
  },
  "cloud.aws.opensearch.request": {
    helper: "openSearchRequest",
    service: "OPENSEARCH",
    fields: { ...REQUEST, ...AWS },
  },
  "cloud.algolia.request": {
    helper: "algoliaRequest",
    service: "ALGOLIA",
    fields: { ...ALGOLIA, url: "url", method: "method", payload: "body" },
  },
  "cloud.algolia.search": {
    helper: "algoliaSearch",
    service: "ALGOLIA",
    fields: { ...ALGOLIA, index: "index" },
    rest: "params",
  },
  "cloud.algolia.save_object": {
    helper: "algoliaSaveObject",
    service: "ALGOLIA",
    fields: { ...ALGOLIA, index: "index", object: "object" },
  },
  "cloud.algolia.save_objects": {
    helper: "algoliaSaveObjects",
    service: "ALGOLIA",
    fields: { ...ALGOLIA, index: "index", objects: "objects" },
  },
  "cloud.algolia.delete_object": {
    helper: "algoliaDeleteObject",
    service: "ALGOLIA",
    fields: { ...ALGOLIA, index: "index", objectID: "objectId" },
  },
  "cloud.algolia.set_settings": {
    helper: "algoliaSetSettings",
    service: "ALGOLIA",
    fields: { ...ALGOLIA, index: "index", settings: "settings" },
  },
};

/** Credentials: a literal one is read from `<SERVICE>_<PARAMETER>` instead. */
const CREDENTIALS = new Set(["key_id", "access_key", "secret_key", "api_key"]);

/** The statements this family handles. */
export const SEARCH_STATEMENTS = Object.keys(STATEMENTS);

export function emitSearchStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  const statement = STATEMENTS[s.name];
  if (statement === undefined) return undefined;
  const fields: string[] = [];
  const rest: string[] = [];
  for (const item of s.body ?? []) {
    if (item.kind !== "Property") return notMigrated(s, ctx, `a ${s.name} with a nested block`);
    // Xano's Elasticsearch form has a region; the cluster's URL already says where it is.
    if (item.name === "region" && statement.service === "ELASTICSEARCH") continue;
    if (isEmptyDefault(item.value)) continue;
    const field = statement.fields[item.name];
    if (field === undefined && statement.rest === undefined)
      return notMigrated(s, ctx, `unknown parameter ${item.name}`);
    if (field === "expression")
      return notMigrated(
        s,
        ctx,
        "the Query Wizard's expression (its format is not documented; write the query as payload)",
      );
    if (field === undefined) {
      rest.push(objectProperty(item.name, expr(item.value, ctx)));
      continue;
    }
    if (field === "baseUrl" || field === "url") reportHost(item.value, ctx);
    fields.push(`${field}: ${valueOf(s, statement, item.name, item.value, ctx)}`);
  }
  if (statement.rest !== undefined) fields.push(`${statement.rest}: { ${rest.join(", ")} }`);
  if ("base_url" in statement.fields && !fields.some((f) => f.startsWith("baseUrl:")))
    fields.push(baseUrlFromEnv(s, statement.service, ctx));
  if (statement.service === "ALGOLIA") reportAlgoliaHost(s, ctx);
  return bind(s, `await ${callWith(ctx.rt("search", statement.helper), fields)}`, ctx);
}

function valueOf(s: CallStatement, statement: SearchStatement, name: string, value: Expr, ctx: ModuleContext): string {
  const v = unparen(value);
  if (!CREDENTIALS.has(name) || v.kind !== "String") return expr(value, ctx);
  const env = hoistSecret(ctx, `${statement.service}_${name.toUpperCase()}`, value, `the ${name} of ${s.name}`);
  return `${env}, // was a literal in the XanoScript source\n`;
}

/** Xano's exports may leave out base_url (the workspace's settings held it): the cluster's URL comes from the environment. */
function baseUrlFromEnv(s: CallStatement, service: Service, ctx: ModuleContext): string {
  const name = `${service}_URL`;
  ctx.envUsed(name, s.span.start);
  ctx.report({
    kind: "host",
    code: "XS4004",
    message: `calls the ${service === "ELASTICSEARCH" ? "Elasticsearch" : "OpenSearch"} cluster at ${name}`,
    position: s.span.start,
  });
  return `baseUrl: ${ctx.use("env", "env")}.${name}, // no base_url in the XanoScript\n`;
}

function reportHost(url: Expr, ctx: ModuleContext): void {
  const host = literalHost(url);
  if (host !== undefined)
    ctx.report({ kind: "host", code: "XS4004", message: `calls ${host}`, position: url.span.start });
}

/** Algolia's hosts are named after the application: searches go to `<app_id>-dsn.algolia.net`, writes to `<app_id>.algolia.net`. */
function reportAlgoliaHost(s: CallStatement, ctx: ModuleContext): void {
  if (prop(s, "url") !== undefined) return; // a request names its host in its url, reported above
  const app = prop(s, "app_id") ?? prop(s, "application_id");
  const id = stringValue(app)?.toLowerCase() ?? "*";
  const host = `${id}${s.name === "cloud.algolia.search" ? "-dsn" : ""}.algolia.net`;
  ctx.report({ kind: "host", code: "XS4004", message: `calls ${host} (Algolia)`, position: s.span.start });
}
