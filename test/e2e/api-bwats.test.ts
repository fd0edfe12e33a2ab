// The real workspace's API (../shared/corpus/bwats): every endpoint generated and mounted, the
// server started against a migrated PostgreSQL database, each group's OpenAPI document valid,
// and the Default group's signup → login → authenticated GET working end to end.
import { strict as assert } from "node:assert";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { validate } from "@readme/openapi-parser";
import { call, startServer, type Server } from "../support/api-server.js";
import { buildProject, pgSchema, postgresSkip, removeProject } from "../support/generated.js";
import { sharedPath } from "../support/shared.js";

const bwats = sharedPath("corpus/bwats");

describe("bwats API on PostgreSQL", async () => {
  const skip = bwats.skip || (await postgresSkip());
  if (skip) {
    test("bwats API", { skip }, () => {});
    return;
  }
  let dir: string;
  let server: Server;
  let drop: () => Promise<void>;

  before(async () => {
    dir = await buildProject(bwats.path!);
    const schema = await pgSchema();
    drop = schema.drop;
    // Every group's swagger token (hoisted to the environment) set, so each document can be read.
    const tokens = readFileSync(join(dir, ".env.example"), "utf8").match(/^SWAGGER_TOKEN_\w+/gm) ?? [];
    server = await startServer(dir, {
      DATABASE_URL: schema.url,
      ...Object.fromEntries(tokens.map((t) => [t, "test-token"])),
    });
  });
  after(async () => {
    await server?.stop();
    await drop?.();
    if (dir) removeProject(dir);
  });

  test("all 186 endpoints are generated", () => {
    const modules = readdirSync(join(dir, "src/api"), { recursive: true }).filter((f) =>
      /\.(get|post|put|patch|delete)\.ts$/.test(String(f)),
    );
    assert.equal(modules.length, 186);
  });

  test("signup → login → GET auth/me with the token", async () => {
    const D = "/api:Ks58d17q";
    const signup = await call(server.base, "POST", `${D}/auth/signup`, {
      json: { name: "Ada", email: "ada@example.com", password: "correct-horse-1" },
    });
    assert.equal(signup.status, 200, JSON.stringify(signup.body));
    const login = await call(server.base, "POST", `${D}/auth/login`, {
      json: { email: "ada@example.com", password: "correct-horse-1" },
    });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const me = await call(server.base, "GET", `${D}/auth/me`, { token: login.body.authToken });
    assert.equal(me.status, 200);
    assert.deepEqual({ name: me.body.name, email: me.body.email }, { name: "Ada", email: "ada@example.com" });
    const anonymous = await call(server.base, "GET", `${D}/auth/me`);
    assert.equal(anonymous.status, 401);
  });

  test("the sales group's own CORS settings: betterway.dev, GET, max age 3600; the other groups open", async () => {
    const preflight = (path: string, origin: string) =>
      fetch(`${server.base}${path}`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET" },
      });
    const allowed = await preflight("/api:Dq0jmFDe/visitor", "https://betterway.dev");
    assert.equal(allowed.headers.get("access-control-allow-origin"), "https://betterway.dev");
    assert.equal(allowed.headers.get("access-control-allow-methods"), "GET");
    assert.equal(allowed.headers.get("access-control-max-age"), "3600");
    const refused = await preflight("/api:Dq0jmFDe/visitor", "https://elsewhere.example");
    assert.equal(refused.headers.get("access-control-allow-origin"), null);
    const open = await preflight("/api:Ks58d17q/auth/me", "https://elsewhere.example");
    assert.equal(open.headers.get("access-control-allow-origin"), "*");
  });

  test("each group's OpenAPI document is valid OpenAPI 3.1", async () => {
    // The mounted groups, as src/server.ts lists them (an inactive one is commented out).
    const groups = [
      ...readFileSync(join(dir, "src/server.ts"), "utf8").matchAll(
        /^\s*\{?\s*(?:name: [^\n]*?)?canonical: "([^"]+)"/gm,
      ),
    ].map((m) => m[1]);
    let checked = 0;
    for (const canonical of groups) {
      const document = await call(server.base, "GET", `/apispec:${canonical}?type=json&token=test-token`);
      if (document.status === 404) continue; // swagger = {active: false}
      assert.equal(document.status, 200, canonical);
      const result = await validate(document.body);
      assert.ok(result.valid, `${canonical}: ${result.valid ? "" : JSON.stringify(result.errors)}`);
      checked++;
    }
    assert.ok(checked >= 13, `${checked} documents checked`);
  });
});
