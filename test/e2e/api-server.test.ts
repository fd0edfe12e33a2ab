// The generated API server, for real: fixtures/api-basic built, migrated, served by
// `src/server.ts` in its own process on a free port (SQLite, then PostgreSQL), and called with
// fetch as a front end would: statuses, bodies, Xano's error shapes, headers, tokens, files.
import { strict as assert } from "node:assert";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { validate } from "@readme/openapi-parser";
import { call, startServer, SWAGGER_TOKEN, type Server } from "../support/api-server.js";
import { buildProject, fixture, pgSchema, postgresSkip, removeProject } from "../support/generated.js";

function contract(database: () => Promise<{ env: Record<string, string>; drop?: () => Promise<void> }>) {
  let dir: string;
  let server: Server;
  let token: string;
  let drop: (() => Promise<void>) | undefined;
  const D = "/api:Ks58d17q";
  const N = "/api:nT3s_x1";

  before(async () => {
    dir = await buildProject(fixture("api-basic"));
    const db = await database();
    drop = db.drop;
    server = await startServer(dir, "DATABASE_URL" in db.env ? db.env : { SQLITE_FILE: join(dir, "test.sqlite") });
  });
  after(async () => {
    await server?.stop();
    await drop?.();
    if (dir) removeProject(dir);
  });

  test("signup returns a token; the same email again is 403 ERROR_CODE_ACCESS_DENIED", async () => {
    const signup = await call(server.base, "POST", `${D}/auth/signup`, {
      json: { name: "Ada", email: "ada@example.com", password: "correct-horse" },
    });
    assert.equal(signup.status, 200);
    assert.equal(typeof signup.body.authToken, "string");
    const again = await call(server.base, "POST", `${D}/auth/signup`, {
      json: { name: "Ada", email: "ada@example.com", password: "correct-horse" },
    });
    assert.equal(again.status, 403);
    assert.deepEqual(again.body, {
      code: "ERROR_CODE_ACCESS_DENIED",
      message: "This account is already in use.",
      payload: "",
    });
  });

  test("login with a form body; a wrong password is 403", async () => {
    const form = new URLSearchParams({ email: "ada@example.com", password: "correct-horse" });
    const response = await fetch(`${server.base}${D}/auth/login`, { method: "POST", body: form });
    assert.equal(response.status, 200);
    token = ((await response.json()) as { authToken: string }).authToken;
    const wrong = await call(server.base, "POST", `${D}/auth/login`, {
      json: { email: "ada@example.com", password: "nope" },
    });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.code, "ERROR_CODE_ACCESS_DENIED");
  });

  test("a missing required input is 400 ERROR_CODE_INPUT_ERROR naming the field", async () => {
    const response = await call(server.base, "POST", `${D}/auth/signup`, { json: { name: "Bob", password: "x" } });
    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
      code: "ERROR_CODE_INPUT_ERROR",
      message: "Missing param: email",
      payload: { param: "email" },
    });
  });

  test("auth: the token's $auth.id and extras; set_header is a response header; missing or tampered tokens are 401", async () => {
    const me = await call(server.base, "GET", `${D}/auth/me`, { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.name, "Ada");
    assert.equal(me.headers.get("x-greeting"), "hello Ada");
    assert.match(me.headers.get("x-request-id") ?? "", /^[\w-]{8,}$/);
    const missing = await call(server.base, "GET", `${D}/auth/me`);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.code, "ERROR_CODE_UNAUTHORIZED");
    const tampered = await call(server.base, "GET", `${D}/auth/me`, { token: `${token.slice(0, -4)}AAAA` });
    assert.equal(tampered.status, 401);
  });

  test("path and query input are validated, defaulted and converted; request variables come from the request", async () => {
    const response = await call(server.base, "GET", `${D}/echo/hi?times=3`);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { word: "hi", times: 3, greeting: "Hello, hi", ip: "127.0.0.1", query: "times=3" });
    const defaulted = await call(server.base, "GET", `${D}/echo/hi`);
    assert.equal(defaulted.body.times, 2);
    const tooMany = await call(server.base, "GET", `${D}/echo/hi?times=9`);
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.payload.param, "times");
  });

  test("a thrown toomanyrequests is 429; an unexpected error is 500 ERROR_FATAL without detail", async () => {
    const slow = await call(server.base, "GET", `${D}/echo/hi?shout=true`);
    assert.equal(slow.status, 429);
    assert.deepEqual(slow.body, { code: "ERROR_CODE_TOO_MANY_REQUESTS", message: "Slow down.", payload: "" });
    const boom = await call(server.base, "GET", `${D}/boom`);
    assert.equal(boom.status, 500);
    assert.equal(boom.body.code, "ERROR_FATAL");
    assert.doesNotMatch(boom.body.message, /nothing_here|select|SQL|at /i);
    assert.ok(boom.body.message.includes(boom.headers.get("x-request-id")!), "the message gives the request id");
  });

  test("multipart: a file input becomes a file resource; paging keeps Xano's shape", async () => {
    const form = new FormData();
    form.append("title", "  first  ");
    form.append("attachment", new Blob([new Uint8Array([1, 2, 3, 4])], { type: "application/pdf" }), "cv.pdf");
    const added = await call(server.base, "POST", `${N}/note`, { token, form });
    assert.equal(added.status, 200);
    assert.equal(added.body.title, "first");
    assert.deepEqual(added.body.attachment, { name: "cv.pdf", size: 4, mime: "application/pdf" });
    for (const title of ["second", "third"]) await call(server.base, "POST", `${N}/note`, { token, json: { title } });
    const page = await call(server.base, "GET", `${N}/note?page=2`, { token });
    assert.equal(page.status, 200);
    assert.deepEqual(
      { ...page.body, items: page.body.items.map((n: { title: string }) => n.title) },
      {
        itemsReceived: 1,
        curPage: 2,
        nextPage: null,
        prevPage: 1,
        offset: 2,
        perPage: 2,
        itemsTotal: 3,
        pageTotal: 2,
        items: ["third"],
      },
    );
  });

  test("DELETE with a path parameter; an unknown id is 404 ERROR_CODE_NOT_FOUND", async () => {
    const gone = await call(server.base, "DELETE", `${N}/note/1`, { token });
    assert.equal(gone.status, 200);
    assert.deepEqual(gone.body, { deleted: 1 });
    const again = await call(server.base, "DELETE", `${N}/note/1`, { token });
    assert.equal(again.status, 404);
    assert.deepEqual(again.body, { code: "ERROR_CODE_NOT_FOUND", message: "Not Found.", payload: "" });
  });

  test("an inactive group is not mounted; an unknown route is 404; CORS is open", async () => {
    const hidden = await call(server.base, "GET", "/api:h1dd3n/ping");
    assert.equal(hidden.status, 404);
    assert.equal(hidden.body.code, "ERROR_CODE_NOT_FOUND");
    const preflight = await fetch(`${server.base}${D}/auth/me`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "GET" },
    });
    assert.ok(preflight.status < 300);
    assert.equal(preflight.headers.get("access-control-allow-origin"), "*");
  });

  test("the OpenAPI document: open for a group without a token, behind its token otherwise; valid OpenAPI 3.1", async () => {
    const open = await call(server.base, "GET", "/apispec:Ks58d17q?type=json");
    assert.equal(open.status, 200);
    assert.equal(open.body.openapi, "3.1.0");
    assert.ok(open.body.paths["/echo/{word}"].get);
    const refused = await call(server.base, "GET", "/apispec:nT3s_x1?type=json");
    assert.equal(refused.status, 401);
    const allowed = await call(server.base, "GET", `/apispec:nT3s_x1?type=json&token=${SWAGGER_TOKEN}`);
    assert.equal(allowed.status, 200);
    assert.deepEqual(allowed.body.paths["/note"].get.security, [{ bearerAuth: [] }]);
    for (const document of [open.body, allowed.body]) {
      const result = await validate(document);
      assert.ok(result.valid, result.valid ? "" : JSON.stringify(result.errors));
    }
  });

  test("one log line per request, and SIGTERM stops the server cleanly", async () => {
    assert.ok(
      server.logs.some((l) => /^GET \/api:Ks58d17q\/auth\/me 200 [\d.]+ms \S+$/.test(l)),
      server.logs.join("\n"),
    );
    const code = await server.stop();
    assert.equal(code, 0);
  });
}

describe("generated API server on SQLite", () => contract(async () => ({ env: {} })));

describe("generated API server on PostgreSQL", async () => {
  const skip = await postgresSkip();
  if (skip) {
    test("PostgreSQL", { skip }, () => {});
    return;
  }
  contract(async () => {
    const schema = await pgSchema();
    return { env: { DATABASE_URL: schema.url }, drop: schema.drop };
  });
});
