// runWithMiddleware without HTTP: the order, what each middleware receives, merge and replace,
// and each exception policy, on plain objects (the contract over HTTP is
// test/e2e/api-middleware.test.ts).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { XanoError } from "../../templates/runtime/errors.js";
import type { InputField } from "../../templates/runtime/input.js";
import {
  runWithMiddleware,
  type ExceptionPolicy,
  type Middleware,
  type ResponseStrategy,
} from "../../templates/runtime/middleware.js";

const context = { auth: null, request: null };
const errorVars = (error: unknown) => ({ failed: (error as Error).message });

function middleware(
  name: string,
  run: (input: Record<string, unknown>) => unknown,
  exceptionPolicy: ExceptionPolicy = "rethrow",
  responseStrategy: ResponseStrategy = "merge",
): Middleware & { calls: Record<string, unknown>[] } {
  const calls: Record<string, unknown>[] = [];
  return {
    name,
    exceptionPolicy,
    responseStrategy,
    input: [],
    calls,
    handle: async (raw) => {
      calls.push(raw);
      return run(raw);
    },
  };
}

function endpoint(fields: string[], answer: (input: Record<string, unknown>) => unknown) {
  const seen: Record<string, unknown>[] = [];
  return {
    input: fields.map((name): InputField => ({ name, type: "text", optional: true })),
    seen,
    handle: async (raw: Record<string, unknown>) => {
      seen.push(raw);
      return answer(raw);
    },
  };
}

describe("runWithMiddleware", () => {
  test("pre middleware get {vars, type} with the declared inputs only, and their fields beside; merge wins over the input", async () => {
    const pre = middleware("pre", () => ({ name: "changed", extra: 1 }));
    const e = endpoint(["name"], (input) => input);
    const result = await runWithMiddleware(
      e,
      { pre: [pre], post: [] },
      { name: "sent", undeclared: true },
      context,
      errorVars,
    );
    assert.deepEqual(pre.calls[0], { name: "sent", vars: { name: "sent" }, type: "pre" });
    assert.deepEqual(result, { name: "changed", extra: 1, undeclared: true });
  });

  test("replace: a pre middleware's non-object leaves no declared input; a post middleware's value is the response", async () => {
    const pre = middleware("pre", () => "nothing", "rethrow", "replace");
    const post = middleware("post", (input) => ({ wrapped: input.vars }), "rethrow", "replace");
    const e = endpoint(["name"], (input) => input);
    const result = await runWithMiddleware(
      e,
      { pre: [pre], post: [post] },
      { name: "x", other: 2 },
      context,
      errorVars,
    );
    assert.deepEqual(e.seen[0], { other: 2 });
    assert.deepEqual(result, { wrapped: { other: 2 } });
    assert.equal(post.calls[0]!.type, "post");
  });

  test("merge into a list or a scalar keeps it; a null response changes nothing", async () => {
    const add = middleware("add", () => ({ _meta: 1 }));
    const none = middleware("none", () => null);
    assert.deepEqual(
      await runWithMiddleware(
        endpoint([], () => [1, 2]),
        { pre: [], post: [add] },
        {},
        context,
        errorVars,
      ),
      [1, 2],
    );
    assert.deepEqual(
      await runWithMiddleware(
        endpoint([], () => ({ a: 1 })),
        { pre: [], post: [none, add] },
        {},
        context,
        errorVars,
      ),
      { a: 1, _meta: 1 },
    );
  });

  test("silent: the failure is skipped; critical: nothing after it runs", async () => {
    const failing = (policy: ExceptionPolicy) =>
      middleware(
        policy,
        () => {
          throw new XanoError("accessdenied", `${policy} failed`);
        },
        policy,
      );
    const after = middleware("after", () => null);
    const post = middleware("post", () => null);
    const e = endpoint([], () => "ok");
    assert.equal(
      await runWithMiddleware(e, { pre: [failing("silent"), after], post: [post] }, {}, context, errorVars),
      "ok",
    );
    assert.equal(after.calls.length, 1);
    await assert.rejects(
      runWithMiddleware(e, { pre: [failing("critical"), after], post: [post] }, {}, context, errorVars),
      /critical failed/,
    );
    assert.equal(after.calls.length, 1, "no pre middleware after a critical failure");
    assert.equal(post.calls.length, 1, "no post middleware after a critical failure");
    assert.equal(e.seen.length, 1, "the endpoint did not run");
  });

  test("rethrow in pre: the endpoint does not run, the post middleware get the error, then it is thrown", async () => {
    const failing = middleware("rethrow", () => {
      throw new XanoError("accessdenied", "refused");
    });
    const post = middleware("post", () => ({ ignored: true }));
    const e = endpoint([], () => "ok");
    await assert.rejects(
      runWithMiddleware(e, { pre: [failing], post: [post] }, {}, context, errorVars),
      (error: unknown) => error instanceof XanoError && error.message === "refused",
    );
    assert.equal(e.seen.length, 0);
    assert.deepEqual(post.calls[0], { failed: "refused", vars: { failed: "refused" }, type: "post" });
  });

  test("an error in the endpoint runs no post middleware; a failing post middleware's error is answered", async () => {
    const post = middleware("post", () => null);
    await assert.rejects(
      runWithMiddleware(
        endpoint([], () => {
          throw new Error("boom");
        }),
        { pre: [], post: [post] },
        {},
        context,
        errorVars,
      ),
      /boom/,
    );
    assert.equal(post.calls.length, 0);
    const guard = middleware("guard", () => {
      throw new XanoError("notfound", "hidden");
    });
    await assert.rejects(
      runWithMiddleware(
        endpoint([], () => "ok"),
        { pre: [], post: [guard] },
        {},
        context,
        errorVars,
      ),
      /hidden/,
    );
  });
});
