// Which endpoint a URL names (templates/runtime/routes.ts): segments compared exactly after
// percent-decoding, `{param}` taking the rest of its segment, a literal segment winning.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { matchRoute, pathSegments, route } from "../../templates/runtime/routes.ts";

const routes = [
  route("GET", "user/{id}", "by id"),
  route("GET", "user/me", "me"),
  route("GET", "file/{name}.{ext}", "file"),
  route("POST", "a*b?c/(x)", "odd"),
];
const find = (verb: string, path: string) => {
  const segments = pathSegments(path);
  return segments && matchRoute(routes, verb, segments);
};

describe("routes", () => {
  it("a literal segment wins over a {param}, whatever the order they were declared in", () => {
    assert.equal(find("GET", "user/me")?.value, "me");
    assert.deepEqual({ ...find("GET", "user/me")?.params }, {});
    assert.equal(find("GET", "user/42")?.value, "by id");
    assert.equal(find("GET", "user/42")?.params.id, "42");
  });

  it("text around {param}s in a segment, and characters Fastify's syntax would read, are only themselves", () => {
    assert.deepEqual({ ...find("GET", "file/report.v2.pdf")?.params }, { name: "report", ext: "v2.pdf" });
    assert.equal(find("POST", `${encodeURIComponent("a*b?c")}/(x)`)?.value, "odd");
    assert.equal(find("POST", "a*bXc/(x)"), undefined);
    assert.equal(find("GET", "user/me/more"), undefined);
    assert.equal(find("POST", "user/me"), undefined);
  });

  it("a parameter is decoded, `/` included; malformed encoding matches nothing", () => {
    assert.equal(find("GET", "user/a%2Fb")?.params.id, "a/b");
    assert.equal(pathSegments("user/%E0%A4%A"), undefined);
  });
});
