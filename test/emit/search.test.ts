// cloud.elasticsearch.*, cloud.aws.opensearch.*, cloud.algolia.*: the generated code is run
// for real against a local HTTP server standing in for the service; the tests check the
// requests it received (method, path, headers, body) and the value the statement bound.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { buildFunction } from "./helpers.ts";
import { recordingServer, type Received } from "../support/generated.ts";
import { signV4 } from "../../templates/runtime/search.ts";

const base64 = (s: string) => Buffer.from(s).toString("base64");

/** Sets environment variables for one test, and puts them back after. */
async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

// The connection parameters the statements below share, as XanoScript.
const ES_API_KEY = `auth_type = "API Key"
      key_id = $env.es_key_id
      access_key = $env.es_access_key
      base_url = $input.base`;
const ES_BASIC = `auth_type = "Basic"
      key_id = $env.es_user
      access_key = $env.es_password
      base_url = $input.base`;
const ALGOLIA_KEYS = `app_id = $env.ALGOLIA_APP_ID
      api_key = $env.ALGOLIA_API_KEY`;

/**
 * Builds the function `name` from `source` and runs it once, with the stand-in's URL as
 * `$input.base` and `env(url)` set, against a local server answering with `answer`.
 */
async function runAgainst(
  answer: (r: Received) => { status: number; body: unknown },
  name: string,
  source: string,
  env: (url: string) => Record<string, string>,
  input: Record<string, unknown> = {},
) {
  const server = await recordingServer(answer);
  try {
    const f = await buildFunction(name, source);
    let out: unknown;
    let error: unknown;
    await withEnv(env(server.url), async () => {
      try {
        out = await f.run({ base: server.url, ...input });
      } catch (caught) {
        error = caught;
      }
    });
    return { f, out, error, received: server.received };
  } finally {
    await server.close();
  }
}

/** An Elasticsearch stand-in: a stored document, a missing one, a missing index. */
function elasticsearch(r: Received): { status: number; body: unknown } {
  if (r.url === "/people/_doc/1" && r.method === "GET")
    return { status: 200, body: { _index: "people", _id: "1", found: true, _source: { name: "Ada" } } };
  if (r.url === "/people/_doc/2" && r.method === "GET")
    return { status: 404, body: { _index: "people", _id: "2", found: false } };
  if (r.url.startsWith("/nowhere/"))
    return {
      status: 404,
      body: { error: { type: "index_not_found_exception", reason: "no such index [nowhere]" }, status: 404 },
    };
  if (r.url.endsWith("/_search"))
    return {
      status: 200,
      body: {
        hits: { total: { value: 1 }, hits: [{ _id: "1", _source: { name: "Ada" } }] },
        aggregations: { n: { value: 1 } },
      },
    };
  if (r.url.endsWith("/_count")) return { status: 200, body: { count: 7 } };
  if (r.url.endsWith("/_bulk")) return { status: 200, body: { errors: false, items: [] } };
  return { status: 200, body: { _id: r.url.split("/").pop(), result: r.method === "DELETE" ? "deleted" : "updated" } };
}

describe("cloud.elasticsearch.*", () => {
  test("document GET / PUT / DELETE: API key auth, the document's path, and Elasticsearch's answer bound", async () => {
    const { f, out, received } = await runAgainst(
      elasticsearch,
      "es_documents",
      `function es_documents {
  input { text base }
  stack {
    cloud.elasticsearch.document {
      auth_type = "API Key"
      key_id = $env.es_key_id
      access_key = $env.es_access_key
      region = ""
      base_url = $input.base
      method = "GET"
      index = "people"
      doc_id = 1
      doc = {}
    } as $found
    cloud.elasticsearch.document {
      ${ES_API_KEY}
      method = "GET"
      index = "people"
      doc_id = "2"
    } as $missing
    cloud.elasticsearch.document {
      key_id = $env.es_key_id
      access_key = $env.es_access_key
      base_url = $input.base
      method = "PUT"
      index = "people"
      doc_id = "1"
      doc = $found._source|set:"age":36
    } as $put
    cloud.elasticsearch.document {
      ${ES_API_KEY}
      method = "DELETE"
      index = "people"
      doc_id = "3"
    }
  }
  response = {found: $found._source.name, missing: $missing, put: $put.result}
}`,
      () => ({ es_key_id: "kid", es_access_key: "secret" }),
    );
    assert.deepEqual(out, { found: "Ada", missing: { _index: "people", _id: "2", found: false }, put: "updated" });
    assert.deepEqual(
      received.map((r) => `${r.method} ${r.url}`),
      ["GET /people/_doc/1", "GET /people/_doc/2", "PUT /people/_doc/1", "DELETE /people/_doc/3"],
    );
    for (const r of received) assert.equal(r.headers.authorization, `ApiKey ${base64("kid:secret")}`);
    assert.deepEqual(received[2]!.body, { name: "Ada", age: 36 });
    assert.equal(received[0]!.body, "", "a GET sends no body");
    assert.equal(f.typeErrors(), "");
  });

  test("query: the payload with size, from, sort and included_fields over it; Xano's empty defaults leave it alone; count asks _count", async () => {
    const { out, received } = await runAgainst(
      elasticsearch,
      "es_query",
      `function es_query {
  input { text base }
  stack {
    cloud.elasticsearch.query {
      ${ES_BASIC}
      index = "people"
      payload = {query: {match: {name: "ada"}}, aggs: {n: {value_count: {field: "_id"}}}, size: 50}
      size = 5
      from = 10
      sort = [{name: "asc"}]
      included_fields = ["name"]
      return_type = "search"
    } as $search
    cloud.elasticsearch.query {
      ${ES_BASIC}
      index = "people"
      payload = {query: {match_all: {}}, size: 3}
      size = ""
      sort = []
      included_fields = []
    } as $plain
    cloud.elasticsearch.query {
      ${ES_BASIC}
      index = "people"
      payload = {query: {match_all: {}}, size: 3, sort: ["name"]}
      return_type = "count"
    } as $count
  }
  response = {hits: $search.hits.hits|count, aggregations: $search.aggregations, count: $count.count}
}`,
      () => ({ es_user: "elastic", es_password: "pw" }),
    );
    assert.deepEqual(out, { hits: 1, aggregations: { n: { value: 1 } }, count: 7 });
    const [search, plain, count] = received;
    assert.equal(search!.headers.authorization, `Basic ${base64("elastic:pw")}`);
    assert.equal(`${search!.method} ${search!.url}`, "POST /people/_search");
    assert.equal(search!.headers["content-type"], "application/json");
    assert.deepEqual(search!.body, {
      query: { match: { name: "ada" } },
      aggs: { n: { value_count: { field: "_id" } } },
      size: 5,
      from: 10,
      sort: [{ name: "asc" }],
      _source: ["name"],
    });
    assert.deepEqual(plain!.body, { query: { match_all: {} }, size: 3 });
    assert.equal(`${count!.method} ${count!.url}`, "POST /people/_count");
    assert.deepEqual(count!.body, { query: { match_all: {} } });
  });

  test("request and bulk: the url as given with its body; bulk sends one action line (and a document line) per operation", async () => {
    const { out, received } = await runAgainst(
      elasticsearch,
      "es_request",
      `function es_request {
  input { text base }
  stack {
    cloud.elasticsearch.request {
      auth_type = "Bearer"
      access_key = $env.es_token
      method = "POST"
      url = $input.base ~ "/posts/_search"
      query = {query: {match: {category: "tech"}}}
    } as $posts
    cloud.elasticsearch.bulk {
      auth_type = "Bearer"
      access_key = $env.es_token
      base_url = $input.base
      index = "products"
      operations = [
        {action: "index", id: "1", doc: {name: "One"}},
        {action: "update", id: "2", doc: {price: 29.99}},
        {action: "delete", id: "3"}
      ]
    } as $bulk
  }
  response = {posts: $posts.hits.total.value, errors: $bulk.errors}
}`,
      () => ({ es_token: "tok" }),
    );
    assert.deepEqual(out, { posts: 1, errors: false });
    const [request, bulk] = received;
    assert.equal(`${request!.method} ${request!.url}`, "POST /posts/_search");
    assert.equal(request!.headers.authorization, "Bearer tok");
    assert.deepEqual(request!.body, { query: { match: { category: "tech" } } });
    assert.equal(`${bulk!.method} ${bulk!.url}`, "POST /products/_bulk");
    assert.equal(bulk!.headers["content-type"], "application/x-ndjson");
    assert.equal(
      bulk!.body,
      [
        '{"index":{"_id":"1"}}',
        '{"name":"One"}',
        '{"update":{"_id":"2"}}',
        '{"doc":{"price":29.99}}',
        '{"delete":{"_id":"3"}}',
        "",
      ].join("\n"),
    );
  });

  test("an error answer throws XanoError with the status and Elasticsearch's reason, which try_catch sees", async () => {
    const { out, received } = await runAgainst(
      elasticsearch,
      "es_error",
      `function es_error {
  input { text base }
  stack {
    try_catch {
      try {
        cloud.elasticsearch.document {
          auth_type = "API Key"
          access_key = $env.es_encoded_key
          base_url = $input.base
          method = "GET"
          index = "nowhere"
          doc_id = "1"
        } as $doc
      }
      catch {
        var $message { value = $error.message }
      }
    }
  }
  response = $message
}`,
      () => ({ es_encoded_key: "ZW5jb2RlZA==" }),
    );
    assert.equal(
      out,
      "Elasticsearch answered 404 on GET /nowhere/_doc/1: index_not_found_exception: no such index [nowhere]",
    );
    assert.equal(
      received[0]!.headers.authorization,
      "ApiKey ZW5jb2RlZA==",
      "without a key_id, access_key is the encoded key",
    );
  });

  test("literal credentials move to the environment, the cluster's host is reported, a missing base_url comes from ELASTICSEARCH_URL", async () => {
    const f = await buildFunction(
      "es_literals",
      `function es_literals {
  input {}
  stack {
    cloud.elasticsearch.query {
      auth_type = "API Key"
      key_id = "mwmxdlijah"
      access_key = "pofdbdrvb3"
      region = ""
      base_url = "https://my-cluster.es.io"
      index = "prospects"
      payload = {size: 0}
    } as $a
    cloud.elasticsearch.document {
      auth_type = "API Key"
      key_id = $env.es_key_id
      access_key = $env.es_access_key
      method = "GET"
      index = "prospects"
      doc_id = "x"
    } as $b
  }
  response = [$a, $b]
}`,
    );
    assert.doesNotMatch(f.code, /mwmxdlijah|pofdbdrvb3/);
    assert.match(f.code, /keyId: env\.ELASTICSEARCH_KEY_ID, \/\/ was a literal in the XanoScript source/);
    assert.match(f.code, /accessKey: env\.ELASTICSEARCH_ACCESS_KEY,/);
    assert.match(f.code, /baseUrl: env\.ELASTICSEARCH_URL, \/\/ no base_url in the XanoScript/);
    assert.doesNotMatch(f.code, /region/);
    const codes = f.findings.map((x) => `${x.code} ${x.message}`);
    assert.ok(
      codes.some((c) => c.startsWith("XS4002 the key_id of cloud.elasticsearch.query")),
      codes.join("\n"),
    );
    assert.ok(codes.some((c) => c.startsWith("XS4002 the access_key of cloud.elasticsearch.query")));
    assert.ok(codes.includes("XS4004 calls my-cluster.es.io"));
    assert.ok(codes.includes("XS4001 reads the environment variable ELASTICSEARCH_URL"));
    assert.ok(codes.includes("XS4004 calls the Elasticsearch cluster at ELASTICSEARCH_URL"));
    assert.equal(f.typeErrors(), "");
  });

  test("the Query Wizard's expression (format not documented) is not migrated", async () => {
    const f = await buildFunction(
      "es_expression",
      `function es_expression {
  input {}
  stack {
    cloud.elasticsearch.query {
      base_url = "https://my-cluster.es.io"
      index = "products"
      expression = [{field: "category", value: "electronics", op: "eq"}]
    } as $results
  }
  response = $results
}`,
    );
    assert.match(f.code, /notMigrated\(/);
    assert.ok(f.findings.some((x) => x.code === "XS3001" && /expression/.test(x.message)));
  });
});

/** The credentials of AWS's Signature V4 test suite. */
const AWS_KEY_ID = "AKIDEXAMPLE";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

describe("cloud.aws.opensearch.*", () => {
  test("Signature V4 gives AWS's published signatures (get-vanilla, get-vanilla-query-order-key-case, post-vanilla)", () => {
    const sign = (method: string, url: string) =>
      signV4({
        method,
        url: new URL(url),
        headers: { host: "example.amazonaws.com", "x-amz-date": "20150830T123600Z" },
        payloadHash: createHash("sha256").update("").digest("hex"),
        region: "us-east-1",
        service: "service",
        accessKeyId: AWS_KEY_ID,
        secretAccessKey: AWS_SECRET,
        amzDate: "20150830T123600Z",
      });
    const credential =
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=";
    assert.equal(
      sign("GET", "https://example.amazonaws.com/"),
      `${credential}5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31`,
    );
    assert.equal(
      sign("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1"),
      `${credential}b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500`,
    );
    assert.equal(
      sign("POST", "https://example.amazonaws.com/"),
      `${credential}5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b`,
    );
  });

  test("IAM auth signs each request: the signature covers the host, date and body hash that were sent", async () => {
    const { f, out, received } = await runAgainst(
      elasticsearch,
      "os_calls",
      `function os_calls {
  input { text base }
  stack {
    cloud.aws.opensearch.query {
      auth_type = "IAM"
      key_id = $env.aws_key
      access_key = $env.aws_secret
      region = "eu-west-1"
      base_url = $input.base
      index = "logs"
      payload = {query: {match: {level: "error"}}}
      size = 100
    } as $logs
    cloud.aws.opensearch.document {
      auth_type = "master"
      key_id = $env.os_user
      access_key = $env.os_password
      region = "eu-west-1"
      base_url = $input.base
      index = "logs"
      method = "PUT"
      doc_id = "7"
      doc = {level: "error"}
    } as $put
  }
  response = {hits: $logs.hits.total.value, put: $put.result}
}`,
      () => ({ aws_key: AWS_KEY_ID, aws_secret: AWS_SECRET, os_user: "admin", os_password: "pw" }),
    );
    assert.deepEqual(out, { hits: 1, put: "updated" });
    const [query, put] = received;
    assert.equal(`${query!.method} ${query!.url}`, "POST /logs/_search");
    assert.deepEqual(query!.body, { query: { match: { level: "error" } }, size: 100 });
    const sent = JSON.stringify(query!.body);
    const bodyHash = createHash("sha256").update(sent).digest("hex");
    assert.equal(query!.headers["x-amz-content-sha256"], bodyHash);
    const amzDate = String(query!.headers["x-amz-date"]);
    assert.match(amzDate, /^\d{8}T\d{6}Z$/);
    const expected = signV4({
      method: "POST",
      url: new URL(`http://${query!.headers.host}/logs/_search`),
      headers: { host: String(query!.headers.host), "x-amz-date": amzDate, "x-amz-content-sha256": bodyHash },
      payloadHash: bodyHash,
      region: "eu-west-1",
      service: "es",
      accessKeyId: AWS_KEY_ID,
      secretAccessKey: AWS_SECRET,
      amzDate,
    });
    assert.equal(query!.headers.authorization, expected);
    assert.match(
      String(query!.headers.authorization),
      /Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date,/,
    );
    assert.equal(`${put!.method} ${put!.url}`, "PUT /logs/_doc/7");
    assert.equal(put!.headers.authorization, `Basic ${base64("admin:pw")}`);
    assert.equal(f.typeErrors(), "");
  });
});

describe("cloud.algolia.*", () => {
  test("search, save_object(s), delete_object, set_settings and request: Algolia's paths, headers and bodies", async () => {
    const { f, out, received } = await runAgainst(
      (r) => ({
        status: 200,
        body: r.url.endsWith("/query") ? { hits: [{ objectID: "1" }], nbHits: 1 } : { taskID: 42, path: r.url },
      }),
      "algolia_calls",
      `function algolia_calls {
  input { text base  text search }
  stack {
    cloud.algolia.search {
      ${ALGOLIA_KEYS}
      index = "products"
      query = $input.search
      filters = "category:electronics AND price<100"
      facets = ["category", "brand"]
      hitsPerPage = 20
      page = 0
    } as $results
    cloud.algolia.save_object {
      ${ALGOLIA_KEYS}
      index = "products"
      object = {objectID: "p 1", name: "Lamp"}
    } as $saved
    cloud.algolia.save_objects {
      ${ALGOLIA_KEYS}
      index = "products"
      objects = [{objectID: "1", name: "A"}, {name: "B"}]
    }
    cloud.algolia.delete_object {
      ${ALGOLIA_KEYS}
      index = "products"
      objectID = 9|to_text
    }
    cloud.algolia.set_settings {
      ${ALGOLIA_KEYS}
      index = "products"
      settings = {searchableAttributes: ["name"]}
    }
    cloud.algolia.request {
      application_id = $env.ALGOLIA_APP_ID
      api_key = $env.ALGOLIA_API_KEY
      url = $input.base ~ "/1/indexes/posts/query"
      method = "POST"
      payload = {query: "tech"}
    } as $raw
  }
  response = {hits: $results.nbHits, saved: $saved.taskID, raw: $raw.nbHits}
}`,
      (url) => ({ ALGOLIA_APP_ID: "APP1", ALGOLIA_API_KEY: "adminkey", ALGOLIA_BASE_URL: url }),
      { search: "lamp" },
    );
    assert.deepEqual(out, { hits: 1, saved: 42, raw: 1 });
    assert.deepEqual(
      received.map((r) => `${r.method} ${r.url}`),
      [
        "POST /1/indexes/products/query",
        "PUT /1/indexes/products/p%201",
        "POST /1/indexes/products/batch",
        "DELETE /1/indexes/products/9",
        "PUT /1/indexes/products/settings",
        "POST /1/indexes/posts/query",
      ],
    );
    for (const r of received) {
      assert.equal(r.headers["x-algolia-application-id"], "APP1");
      assert.equal(r.headers["x-algolia-api-key"], "adminkey");
    }
    const bodies = received.map((r) => r.body);
    assert.deepEqual(bodies[0], {
      query: "lamp",
      filters: "category:electronics AND price<100",
      facets: ["category", "brand"],
      hitsPerPage: 20,
      page: 0,
    });
    assert.deepEqual(bodies[1], { objectID: "p 1", name: "Lamp" });
    assert.deepEqual(bodies[2], {
      requests: [
        { action: "addObject", body: { objectID: "1", name: "A" } },
        { action: "addObject", body: { name: "B" } },
      ],
    });
    assert.equal(bodies[3], "");
    assert.deepEqual(bodies[4], { searchableAttributes: ["name"] });
    assert.deepEqual(bodies[5], { query: "tech" });
    assert.ok(f.findings.some((x) => x.code === "XS4004" && x.message === "calls *-dsn.algolia.net (Algolia)"));
    assert.equal(f.typeErrors(), "");
  });

  test("a literal api_key moves to ALGOLIA_API_KEY; an error answer throws with Algolia's message", async () => {
    const { f, error, received } = await runAgainst(
      () => ({ status: 403, body: { message: "Invalid Application-ID or API key", status: 403 } }),
      "algolia_error",
      `function algolia_error {
  input {}
  stack {
    cloud.algolia.delete_object {
      app_id = "APP1"
      api_key = "0123456789abcdef"
      index = "products"
      objectID = "1"
    }
  }
  response = null
}`,
      (url) => ({ ALGOLIA_API_KEY: "wrong", ALGOLIA_BASE_URL: url }),
    );
    assert.doesNotMatch(f.code, /0123456789abcdef/);
    assert.match(f.code, /apiKey: env\.ALGOLIA_API_KEY,/);
    assert.ok(f.findings.some((x) => x.code === "XS4004" && x.message === "calls app1.algolia.net (Algolia)"));
    assert.equal((error as Error).name, "XanoError");
    assert.equal(
      (error as Error).message,
      "Algolia answered 403 on DELETE /1/indexes/products/1: Invalid Application-ID or API key",
    );
    assert.equal(received[0]!.headers["x-algolia-api-key"], "wrong");
  });
});
