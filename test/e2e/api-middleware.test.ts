// Middleware around the generated API, for real: fixtures/api-middleware (branch.xs naming pre
// and post middleware for every endpoint, a group with its own list) built, served in its own
// process on a free port (SQLite, then PostgreSQL) and called with fetch. Each exception policy
// and response strategy is checked by what a client sees and by what the audit middleware wrote.
import { strict as assert } from "node:assert";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { build } from "../../src/build.js";
import { createAuthToken } from "../../templates/runtime/security.js";
import { AUTH_TOKEN_KEY, call, startServer, type Server } from "../support/api-server.js";
import { buildProject, fixture, pgSchema, postgresSkip, removeProject } from "../support/generated.js";

const SHOP = "/api:sh0pMw";
const KEY = { "x-api-key": "open-sesame" };

function contract(database: () => Promise<{ env: Record<string, string>; drop?: () => Promise<void> }>) {
  let dir: string;
  let server: Server;
  let drop: (() => Promise<void>) | undefined;

  before(async () => {
    dir = await buildProject(fixture("api-middleware"));
    const db = await database();
    drop = db.drop;
    server = await startServer(dir, "DATABASE_URL" in db.env ? db.env : { SQLITE_FILE: join(dir, "test.sqlite") });
  });
  after(async () => {
    await server?.stop();
    await drop?.();
    if (dir) removeProject(dir);
  });

  /** The audit rows, read through the API (its own middleware run around it, and write after). */
  async function auditRows(): Promise<{ ip: string; method: string; kind: string; vars: unknown }[]> {
    const response = await call(server.base, "GET", `${SHOP}/audit`, { headers: KEY });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  }

  test("critical pre middleware: a request without the key is refused in Xano's shape, and nothing after it runs", async () => {
    const refused = await call(server.base, "POST", `${SHOP}/greet`, { json: { name: "Ada" } });
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, { code: "ERROR_CODE_ACCESS_DENIED", message: "A key is required.", payload: "" });
    // The audit (post, silent) did not run for it: the only row is the one of this read itself.
    const rows = await auditRows();
    assert.equal(rows.length, 0);
  });

  test("pre middleware changes the input before it is validated (merge); a silent failure is ignored", async () => {
    const greeted = await call(server.base, "POST", `${SHOP}/greet`, { json: { name: "  ADA  " }, headers: KEY });
    assert.equal(greeted.status, 200, JSON.stringify(greeted.body));
    // normalize_name's merge: the name trimmed and lower-cased, and a key the endpoint reads with util.get_raw_input;
    // add_meta's merge (post) adds _meta to the response.
    // util.get_raw_input { exclude_middleware = true }: the name as sent.
    assert.deepEqual(greeted.body, {
      greeting: "Hello, ada",
      seen_by: "normalize_name",
      sent_name: "  ADA  ",
      secret: null,
      _meta: { version: "1.0" },
    });
    // Validation sees the changed input: "  A " becomes "a", shorter than min:2.
    const short = await call(server.base, "POST", `${SHOP}/greet`, { json: { name: "  A " }, headers: KEY });
    assert.equal(short.status, 400);
    assert.equal(short.body.code, "ERROR_CODE_INPUT_ERROR");
    assert.deepEqual(short.body.payload, { param: "name" });
  });

  test("rethrow pre middleware: its error is answered, after the post middleware ran with it", async () => {
    const before = (await auditRows()).length;
    const banned = await call(server.base, "POST", `${SHOP}/greet`, { json: { name: "Mallory" }, headers: KEY });
    assert.equal(banned.status, 403);
    assert.deepEqual(banned.body, { code: "ERROR_CODE_ACCESS_DENIED", message: "This name is banned.", payload: "" });
    const rows = await auditRows();
    // The audit of the refused request (then the one of the read before this one).
    const refused = rows.slice(before).find((r) => r.method === "POST");
    assert.ok(refused, JSON.stringify(rows));
    assert.equal(refused.kind, "post");
    assert.equal(refused.ip, "127.0.0.1");
    assert.deepEqual(refused.vars, banned.body);
  });

  test("rethrow post middleware: its error replaces the response", async () => {
    const hidden = await call(server.base, "POST", `${SHOP}/greet`, {
      json: { name: "eve", secret: true },
      headers: KEY,
    });
    assert.equal(hidden.status, 404);
    assert.deepEqual(hidden.body, { code: "ERROR_CODE_NOT_FOUND", message: "Nothing to see here.", payload: "" });
  });

  test("post middleware sees the response and the request: the audit rows", async () => {
    const rows = await auditRows();
    const greet = rows.find((r) => r.method === "POST" && (r.vars as { greeting?: string }).greeting === "Hello, ada");
    assert.ok(greet, JSON.stringify(rows));
    assert.deepEqual(greet, { ...greet, ip: "127.0.0.1", kind: "post" });
    // add_meta cannot merge its object into a list: the list goes out as it is.
    assert.ok(Array.isArray(rows));
  });

  test("after an endpoint that answers null, the post middleware get vars = null; merge keeps the null", async () => {
    const forgotten = await call(server.base, "DELETE", `${SHOP}/forget`, { headers: KEY });
    assert.equal(forgotten.status, 200, JSON.stringify(forgotten.body));
    assert.equal(forgotten.body, null);
  });

  test("a group's own list instead of the branch's: replace wraps the response, no key needed", async () => {
    const pong = await call(server.base, "GET", "/api:pl41n/ping");
    assert.equal(pong.status, 200);
    assert.deepEqual(pong.body, { success: true, data: "pong", stage: "post" });
  });

  test("an endpoint's own list instead of its group's: no key, its pre and post only", async () => {
    const open = await call(server.base, "GET", `${SHOP}/open?name=%20BOB%20`);
    assert.equal(open.status, 200, JSON.stringify(open.body));
    assert.deepEqual(open.body, { name: "bob", _meta: { version: "1.0" } });
  });

  test("a pre middleware reads the endpoint's $auth: the token's id, over what the client sent", async () => {
    const token = createAuthToken(AUTH_TOKEN_KEY, { table: "user", id: 7, expiration: 60 });
    const member = await call(server.base, "GET", `${SHOP}/member?member_id=99`, { token });
    assert.equal(member.status, 200, JSON.stringify(member.body));
    assert.deepEqual(member.body, { member_id: 7, auth_id: 7 });
    // Without a token the endpoint's auth answers first: the middleware never runs.
    const anonymous = await call(server.base, "GET", `${SHOP}/member?member_id=99`);
    assert.equal(anonymous.status, 401);
  });

  test("a middleware the workspace does not define fails the request (500), never skipped", async () => {
    const limited = await call(server.base, "GET", `${SHOP}/limited`, { headers: KEY });
    assert.equal(limited.status, 500);
    assert.equal(limited.body.code, "ERROR_FATAL");
    assert.doesNotMatch(JSON.stringify(limited.body), /never/);
    assert.match(server.stderr(), /Not migrated: the middleware "rate_limit" is not defined in the workspace/);
  });

  test("a silent failure is logged with its request id, never sent", async () => {
    assert.match(
      server.stderr(),
      /middleware flaky_enrichment failed, ignored \(exception_policy silent\) \(request [\w-]+\): the enrichment service is down/,
    );
  });
}

describe("middleware around the generated API on SQLite", () => contract(async () => ({ env: {} })));

describe("middleware around the generated API on PostgreSQL", async () => {
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

describe("middleware loads from either layout", () => {
  test("an export's folders (apis/<group>/<id>_<name>_<VERB>.xs, middlewares/<id>_<name>.xs) give the same project as a pull's", async () => {
    const pull = fixture("api-middleware");
    const exported = mkdtempSync(join(tmpdir(), "xs2ts-mw-export-"));
    try {
      let id = 100;
      const copy = (from: string, to: string) => {
        mkdirSync(join(exported, to), { recursive: true });
        for (const file of readdirSync(join(pull, from)).sort()) {
          const [name, verb] = /^(.*?)(?:_(get|post|put|patch|delete))?\.xs$/.exec(file)!.slice(1);
          const target = file === "api_group.xs" ? file : `${id++}_${name}${verb ? `_${verb.toUpperCase()}` : ""}.xs`;
          cpSync(join(pull, from, file), join(exported, to, target));
        }
      };
      copy("api/shop", "apis/shop");
      copy("api/plain", "apis/plain");
      copy("middleware", "middlewares");
      copy("table", "tables");
      mkdirSync(join(exported, "branches"));
      cpSync(join(pull, "branch.xs"), join(exported, "branches", "1_live.xs"));

      const [a, b] = await Promise.all([build({ workspace: pull }), build({ workspace: exported })]);
      assert.equal(a.kinds.middleware, 9);
      assert.deepEqual(b.kinds, a.kinds);
      // The same modules, but for the header naming the .xs file each came from.
      const modules = (files: typeof a.files) =>
        new Map(
          files
            .filter((f) => /^src\/(middleware|api)\/|^src\/server\.ts$/.test(f.path))
            .map((f) => [f.path, f.text.replace(/^\/\/ From [^\n]*\n/, "")]),
        );
      const fromPull = modules(a.files);
      assert.ok(fromPull.has("src/middleware/require_key.ts"), [...fromPull.keys()].join(", "));
      assert.ok(
        fromPull.get("src/server.ts")!.includes("pre: [requireKey, flakyEnrichment, normalizeName, denyBanned]"),
      );
      const fromExport = modules(b.files);
      assert.deepEqual([...fromExport.keys()].sort(), [...fromPull.keys()].sort());
      for (const [path, text] of fromPull) {
        const other = fromExport.get(path)!;
        // src/server.ts's comment names the branch file, so its JSDoc may wrap elsewhere.
        const unwrapped = (t: string) => t.replace(/\n\s*\*(?!\/)/g, " ").replace(/\s+/g, " ");
        assert.equal(unwrapped(other.replace("branches/1_live.xs", "branch.xs")), unwrapped(text), path);
      }
    } finally {
      rmSync(exported, { recursive: true, force: true });
    }
  });
});
