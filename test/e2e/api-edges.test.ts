// The API server's edges, called over real HTTP on a generated project (fixtures/api-edges,
// SQLite): a group's own CORS settings, Xano's branch URLs and `$env.$branch`,
// `$env.$api_baseurl` and `$env.$remote_ip` with and without TRUST_PROXY, util.get_raw_input
// on form and text bodies, util.set_header's duplicates, the OpenAPI documents validated, and
// MIGRATION.md counting what an endpoint's functions leave not migrated.
import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { validate } from "@readme/openapi-parser";
import { main } from "../../src/cli/main.js";
import { call, startServer, type Server } from "../support/api-server.js";
import { buildProject, fixture, removeProject } from "../support/generated.js";

const P = "/api:pRtn3r5";
const O = "/api:0p3n";

async function preflight(base: string, path: string, origin: string, method = "POST") {
  return fetch(`${base}${path}`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": "authorization" },
  });
}

describe("generated API server: edges", () => {
  let dir: string;
  let plain: Server;
  let proxied: Server;

  before(async () => {
    dir = await buildProject(fixture("api-edges"));
    plain = await startServer(dir, { SQLITE_FILE: join(dir, "plain.sqlite"), TRUST_PROXY: "", XANO_BRANCH: "" });
    proxied = await startServer(dir, {
      SQLITE_FILE: join(dir, "proxied.sqlite"),
      TRUST_PROXY: "true",
      XANO_BRANCH: "v2",
    });
  });
  after(async () => {
    await plain?.stop();
    await proxied?.stop();
    if (dir) removeProject(dir);
  });

  test("a group's custom CORS: its origins (with or without a scheme), methods, headers, credentials, max age", async () => {
    const allowed = await preflight(plain.base, `${P}/webhook`, "https://app.partner.example");
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://app.partner.example");
    assert.equal(allowed.headers.get("access-control-allow-credentials"), "true");
    const list = (name: string) => allowed.headers.get(name)?.split(/\s*,\s*/);
    assert.deepEqual(list("access-control-allow-methods"), ["GET", "POST"]);
    assert.deepEqual(list("access-control-allow-headers"), ["Authorization", "Content-Type"]);
    assert.equal(allowed.headers.get("access-control-max-age"), "600");
    // `partner.example` without a scheme: that host over http or https, not its subdomains.
    for (const origin of ["https://partner.example", "http://partner.example"]) {
      const r = await preflight(plain.base, `${P}/webhook`, origin);
      assert.equal(r.headers.get("access-control-allow-origin"), origin, origin);
    }
    for (const origin of ["https://evil.example", "https://sub.partner.example", "https://partner.example.evil"]) {
      const r = await preflight(plain.base, `${P}/webhook`, origin);
      assert.equal(r.headers.get("access-control-allow-origin"), null, origin);
    }
    const get = await fetch(`${plain.base}${P}/request`, { headers: { origin: "https://app.partner.example" } });
    assert.equal(get.headers.get("access-control-allow-origin"), "https://app.partner.example");
    assert.match(get.headers.get("vary") ?? "", /origin/i);
    const refused = await fetch(`${plain.base}${P}/request`, { headers: { origin: "https://evil.example" } });
    assert.equal(refused.status, 200, "CORS is the browser's to enforce: the server answers without allowing");
    assert.equal(refused.headers.get("access-control-allow-origin"), null);
  });

  test("a group without cors settings keeps the server's: every origin, no credentials", async () => {
    const r = await preflight(plain.base, `${O}/hello`, "https://evil.example", "GET");
    assert.equal(r.status, 204);
    assert.equal(r.headers.get("access-control-allow-origin"), "*");
    assert.equal(r.headers.get("access-control-allow-credentials"), null);
    assert.equal(r.headers.get("access-control-max-age"), null);
  });

  test("without TRUST_PROXY: X-Forwarded-* are ignored; $env.$branch is empty; a branch URL is 404", async () => {
    const r = await call(plain.base, "GET", `${P}/request`, {
      headers: { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", "x-forwarded-host": "api.example" },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { branch: "", base: plain.base, ip: "127.0.0.1", method: "GET" });
    const branch = await call(plain.base, "GET", `${P}:v2/request`);
    assert.equal(branch.status, 404);
    assert.equal(branch.body.code, "ERROR_CODE_NOT_FOUND");
  });

  test("with TRUST_PROXY=true: the client's address and the public base URL come from the proxy's headers", async () => {
    const r = await call(proxied.base, "GET", `${P}/request`, {
      headers: {
        "x-forwarded-for": "203.0.113.7, 10.0.0.1",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "api.example",
      },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { branch: "v2", base: "https://api.example", ip: "203.0.113.7", method: "GET" });
    const direct = await call(proxied.base, "GET", `${P}/request`);
    assert.equal(direct.body.ip, "127.0.0.1");
  });

  test("XANO_BRANCH: /api:<canonical>:<branch>/… is served as the plain URL; another branch is 404", async () => {
    const branch = await call(proxied.base, "GET", `${P}:v2/request?x=1`);
    assert.equal(branch.status, 200);
    assert.equal(branch.body.branch, "v2");
    const post = await call(proxied.base, "POST", `${P}:v2/webhook`, { json: { attempt: 1 } });
    assert.equal(post.status, 200);
    assert.equal(post.body.attempt, 1);
    for (const path of [`${P}:v3/request`, `${P}:v2x/request`, `${O}:v2/nothing`]) {
      const other = await call(proxied.base, "GET", path);
      assert.equal(other.status, 404, path);
    }
    const spec = await call(proxied.base, "GET", "/apispec:0p3n:v2?type=json");
    assert.equal(spec.status, 200);
    assert.ok(spec.body.paths["/hello"]);
  });

  test("util.get_raw_input: a form body's fields as sent (text), before validation converts them", async () => {
    const response = await fetch(`${plain.base}${P}/webhook?source=q`, {
      method: "POST",
      body: new URLSearchParams({ attempt: "3", note: "hi there" }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { raw: { source: "q", attempt: "3", note: "hi there" }, attempt: 3 });
  });

  test("util.get_raw_input: a JSON body as sent; a text body is no input", async () => {
    const json = await call(plain.base, "POST", `${P}/webhook`, { json: { attempt: 2, extra: [1, { a: null }] } });
    assert.deepEqual(json.body, { raw: { attempt: 2, extra: [1, { a: null }] }, attempt: 2 });
    const text = await fetch(`${plain.base}${P}/webhook?attempt=4`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: '{"attempt": 9}',
    });
    assert.equal(text.status, 200);
    assert.deepEqual(await text.json(), { raw: { attempt: "4" }, attempt: 4 });
  });

  test("util.set_header: duplicates = add keeps earlier values, replace drops them", async () => {
    const r = await call(plain.base, "POST", `${P}/webhook`, { json: { attempt: 5 } });
    assert.deepEqual(r.headers.getSetCookie(), ["seen=1", "attempt=5"]);
    assert.equal(r.headers.get("x-handled-by"), "second");
  });

  test("each group's OpenAPI document is served and valid OpenAPI 3.1", async () => {
    for (const canonical of ["pRtn3r5", "0p3n"]) {
      const document = await call(plain.base, "GET", `/apispec:${canonical}?type=json`);
      assert.equal(document.status, 200, canonical);
      assert.equal(document.body.openapi, "3.1.0");
      const result = await validate(document.body);
      assert.ok(result.valid, `${canonical}: ${result.valid ? "" : JSON.stringify(result.errors)}`);
    }
  });

  test("MIGRATION.md counts the not-migrated statements of the functions an endpoint calls, transitively", () => {
    const report = readFileSync(join(dir, "MIGRATION.md"), "utf8");
    assert.match(
      report,
      /^4 endpoints \(npm run serve\); 3 with no statement left to migrate \(their functions' included\)\.$/m,
    );
    assert.match(report, /^\| `GET \/api:0p3n\/locate` \| `src\/api\/open\/locate\.get\.ts` \| 2 \|$/m);
    assert.doesNotMatch(report, /\/api:0p3n\/hello`/);
  });
});

test("the CLI's summary gives MIGRATION.md's endpoint counts", async () => {
  const out = mkdtempSync(join(tmpdir(), "xs2ts-edges-cli-"));
  try {
    const lines: string[] = [];
    const code = await main(["build", fixture("api-edges"), "--out", out], {
      out: (l) => lines.push(l),
      err: () => {},
      color: false,
    });
    assert.equal(code, 0);
    const summary = /^(\d+) API endpoints, (\d+) with no statement left to migrate/m.exec(lines.join("\n"));
    assert.ok(summary, lines.join("\n"));
    const report = /^(\d+) endpoints \(npm run serve\); (\d+) with no statement left/m.exec(
      readFileSync(join(out, "MIGRATION.md"), "utf8"),
    );
    assert.deepEqual(summary.slice(1), report!.slice(1));
    assert.deepEqual(summary.slice(1), ["4", "3"]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
