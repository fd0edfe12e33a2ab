// redis.* statements: generated code run for real against the test Redis (127.0.0.1:6379, or
// XS2TS_TEST_REDIS). Every key a run writes starts with its own prefix, and is deleted after.
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { createClient } from "redis";
import { buildFunction, buildWorkspace, type Built } from "./helpers.ts";
import { REDIS_URL, redisSkip } from "../support/generated.ts";

const skip = await redisSkip();
const prefix = `xs2ts-test:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
const redis = createClient({ url: REDIS_URL });
const built: Built[] = [];

/** Builds a function and runs it against the test Redis (REDIS_URL set for the generated runtime). */
async function redisFunction(name: string, source: string): Promise<Built> {
  const f = await buildFunction(name, source);
  built.push(f);
  return f;
}

/** The generated project's runtime: each project has its own client, closed after the tests. */
async function runtimeOf(f: Built): Promise<{ closeRedis(): Promise<void> }> {
  return import(pathToFileURL(join(f.out, "src/runtime/redis.ts")).href);
}

/** Writes a script into the generated project and runs it as runInProject does. */
function runScriptIn(f: Built, script: string, env: Record<string, string> = {}) {
  const file = `scenario-${Math.random().toString(36).slice(2, 8)}.ts`;
  writeFileSync(join(f.out, file), script);
  return runInProject(f, [file], env);
}

/** Runs a script of the generated project with tsx, as `npm run task` / `npm run job` do. */
function runInProject(f: Built, args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, ["--import", "tsx", ...args], {
    cwd: f.out,
    env: { ...process.env, REDIS_URL, SQLITE_FILE: join(f.out, "run.sqlite"), DATABASE_URL: "", ...env },
    // A Redis connection left open would keep the process alive: it fails here instead.
    timeout: 30_000,
  });
}

describe("redis.* statements", { skip }, () => {
  before(async () => {
    process.env.REDIS_URL = REDIS_URL;
    await redis.connect();
  });
  after(async () => {
    for (const f of built) await (await runtimeOf(f)).closeRedis();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length > 0) await redis.del(keys);
    await redis.close();
  });

  test("redis.set / get / has / del: a value comes back with the type it was set with", async () => {
    const f = await redisFunction(
      "key_value",
      `function key_value {
  input { text prefix }
  stack {
    redis.set { key = $input.prefix ~ "number" data = 42 }
    redis.set { key = $input.prefix ~ "text" data = "42" }
    redis.set { key = $input.prefix ~ "object" data = {user_id: 1, roles: ["admin"], active: true} }
    redis.set { key = $input.prefix ~ "null" data = null }
    redis.get { key = $input.prefix ~ "number" } as $number
    redis.get { key = $input.prefix ~ "text" } as $text
    redis.get { key = $input.prefix ~ "object" } as $object
    redis.has { key = $input.prefix ~ "null" } as $has_null
    redis.get { key = $input.prefix ~ "missing" } as $missing
    redis.has { key = $input.prefix ~ "missing" } as $has_missing
    redis.del { key = $input.prefix ~ "number" }
    redis.has { key = $input.prefix ~ "number" } as $has_deleted
  }
  response = {number: $number, text: $text, object: $object, has_null: $has_null, missing: $missing, has_missing: $has_missing, has_deleted: $has_deleted}
}`,
    );
    assert.match(f.code, /await redisSet\(`\$\{input\.prefix\}number`, 42\);/);
    assert.match(f.code, /const number = await redisGet\(`\$\{input\.prefix\}number`\);/);
    assert.deepEqual(await f.run({ prefix }), {
      number: 42,
      text: "42",
      object: { user_id: 1, roles: ["admin"], active: true },
      has_null: true,
      missing: null,
      has_missing: false,
      has_deleted: false,
    });
    // Stored as JSON: what another program reading the key sees.
    assert.equal(await redis.get(`${prefix}object`), '{"user_id":1,"roles":["admin"],"active":true}');
  });

  test("redis.set ttl: the value expires after ttl seconds; without ttl (or 0) it stays, and a new set clears an old ttl", async () => {
    const f = await redisFunction(
      "expiring",
      `function expiring {
  input { text prefix }
  stack {
    redis.set { key = $input.prefix ~ "short" data = "soon gone" ttl = 0.2 }
    redis.set { key = $input.prefix ~ "hour" data = 1 ttl = 3600 }
    redis.set { key = $input.prefix ~ "kept" data = 1 ttl = 0 }
    redis.set { key = $input.prefix ~ "reset" data = 1 ttl = 3600 }
    redis.set { key = $input.prefix ~ "reset" data = 2 }
    redis.get { key = $input.prefix ~ "short" } as $before
  }
  response = $before
}`,
    );
    assert.equal(await f.run({ prefix }), "soon gone");
    const hour = await redis.pTTL(`${prefix}hour`);
    assert.ok(hour > 3_590_000 && hour <= 3_600_000, `PTTL ${hour}`);
    assert.equal(await redis.pTTL(`${prefix}kept`), -1);
    assert.equal(await redis.pTTL(`${prefix}reset`), -1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await redis.exists(`${prefix}short`), 0);
  });

  test("redis.incr / decr: by 1 unless `by`, from 0 when the key is new, on a number set by redis.set, and with decimals", async () => {
    const f = await redisFunction(
      "counters",
      `function counters {
  input { text prefix }
  stack {
    redis.incr { key = $input.prefix ~ "views" } as $first
    redis.incr { key = $input.prefix ~ "views" by = 5 } as $plus_five
    redis.decr { key = $input.prefix ~ "views" } as $minus_one
    redis.decr { key = $input.prefix ~ "views" by = 2.5 } as $decimal
    redis.incr { key = $input.prefix ~ "views" } as $decimal_plus_one
    redis.set { key = $input.prefix ~ "stock" data = 10 }
    redis.decr { key = $input.prefix ~ "stock" by = 3 } as $stock
    redis.get { key = $input.prefix ~ "stock" } as $stock_read
  }
  response = {first: $first, plus_five: $plus_five, minus_one: $minus_one, decimal: $decimal, decimal_plus_one: $decimal_plus_one, stock: $stock, stock_read: $stock_read, next: $stock + 1}
}`,
    );
    assert.match(f.code, /const first = await redisIncr\(`\$\{input\.prefix\}views`\);/);
    assert.match(f.code, /next: stock \+ 1/, "a counter is known to be a number");
    assert.deepEqual(await f.run({ prefix }), {
      first: 1,
      plus_five: 6,
      minus_one: 5,
      decimal: 2.5,
      decimal_plus_one: 3.5,
      stock: 7,
      stock_read: 7,
      next: 8,
    });
  });

  test("redis.push / unshift / pop / shift / range / count: a list at both ends, its items keeping their types", async () => {
    const f = await redisFunction(
      "lists",
      `function lists {
  input { text prefix }
  stack {
    var $key { value = $input.prefix ~ "queue" }
    redis.push { key = $key value = {to: "a@example.com"} } as $one
    redis.push { key = $key value = 2 } as $two
    redis.unshift { key = $key value = "urgent" } as $three
    redis.range { key = $key start = 0 stop = -1 } as $all
    redis.range { key = $key start = 1 stop = 1 } as $middle
    redis.range { key = $key } as $whole
    redis.count { key = $key } as $count
    redis.pop { key = $key } as $last
    redis.shift { key = $key } as $first
    redis.shift { key = $key } as $remaining
    redis.shift { key = $key } as $empty
    redis.count { key = $key } as $count_after
  }
  response = {lengths: [$one, $two, $three], all: $all, middle: $middle, whole: $whole, count: $count, last: $last, first: $first, remaining: $remaining, empty: $empty, count_after: $count_after}
}`,
    );
    assert.deepEqual(await f.run({ prefix }), {
      lengths: [1, 2, 3],
      all: ["urgent", { to: "a@example.com" }, 2],
      middle: [{ to: "a@example.com" }],
      whole: ["urgent", { to: "a@example.com" }, 2],
      count: 3,
      last: 2,
      first: "urgent",
      remaining: { to: "a@example.com" },
      empty: null,
      count_after: 0,
    });
  });

  test("redis.remove: removes `count` items equal to the value from the front, all of them without count", async () => {
    const f = await redisFunction(
      "removing",
      `function removing {
  input { text prefix }
  stack {
    var $key { value = $input.prefix ~ "users" }
    foreach (["inactive", "active", "inactive", {id: 1}, "inactive"]) {
      each as $user {
        redis.push { key = $key value = $user }
      }
    }
    redis.remove { key = $key value = "inactive" count = 1 } as $removed_one
    redis.range { key = $key } as $after_one
    redis.remove { key = $key value = "inactive" } as $removed_all
    redis.remove { key = $key value = {id: 1} } as $removed_object
    redis.range { key = $key } as $left
  }
  response = {removed_one: $removed_one, after_one: $after_one, removed_all: $removed_all, removed_object: $removed_object, left: $left}
}`,
    );
    assert.deepEqual(await f.run({ prefix }), {
      removed_one: 1,
      after_one: ["active", "inactive", { id: 1 }, "inactive"],
      removed_all: 2,
      removed_object: 1,
      left: ["active"],
    });
  });

  test("redis.keys: the keys matching a glob pattern, sorted", async () => {
    const f = await redisFunction(
      "searching",
      `function searching {
  input { text prefix }
  stack {
    redis.set { key = $input.prefix ~ "user_2" data = 2 }
    redis.set { key = $input.prefix ~ "user_1" data = 1 }
    redis.push { key = $input.prefix ~ "user_list" value = 3 }
    redis.set { key = $input.prefix ~ "session" data = 4 }
    redis.keys { search = $input.prefix ~ "user_*" } as $user_keys
    redis.keys { search = $input.prefix ~ "user_?" } as $one_character
    redis.keys { search = $input.prefix ~ "nothing*" } as $none
  }
  response = {user_keys: $user_keys, one_character: $one_character, none: $none}
}`,
    );
    assert.deepEqual(await f.run({ prefix }), {
      user_keys: [`${prefix}user_1`, `${prefix}user_2`, `${prefix}user_list`],
      one_character: [`${prefix}user_1`, `${prefix}user_2`],
      none: [],
    });
  });

  test("redis.ratelimit: true within max; past it false, or the error thrown when one is given; a new window after ttl", async () => {
    const f = await redisFunction(
      "limited",
      `function limited {
  input {
    text key
    text error?
    decimal window
  }
  stack {
    redis.ratelimit {
      key = $input.key
      max = 2
      ttl = $input.window
      error = $input.error
    } as $status
  }
  response = $status
}`,
    );
    assert.match(
      f.code,
      /await redisRateLimit\(\{\s+key: input\.key,\s+max: 2,\s+ttl: input\.window,\s+error: input\.error,\s+\}\)/,
    );
    const quiet = { key: `${prefix}quiet`, window: 60 };
    assert.deepEqual([await f.run(quiet), await f.run(quiet), await f.run(quiet)], [true, true, false]);
    const pttl = await redis.pTTL(`${prefix}quiet`);
    assert.ok(pttl > 59_000 && pttl <= 60_000, `the window started at the first hit: PTTL ${pttl}`);

    const loud = { key: `${prefix}loud`, window: 60, error: "Rate limit exceeded" };
    await f.run(loud);
    await f.run(loud);
    await assert.rejects(f.run(loud), (error: Error & { type?: string }) => {
      assert.equal(error.name, "XanoError");
      assert.equal(error.type, "toomanyrequests");
      assert.equal(error.message, "Rate limit exceeded");
      return true;
    });

    const short = { key: `${prefix}short`, window: 0.2 };
    assert.deepEqual([await f.run(short), await f.run(short), await f.run(short)], [true, true, false]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(await f.run(short), true, "a new window");
  });

  test("the generated code typechecks under strict", async () => {
    const f = await redisFunction(
      "typed",
      `function typed {
  input { text prefix }
  stack {
    redis.set { key = $input.prefix ~ "k" data = {a: 1} ttl = 60 }
    redis.get { key = $input.prefix ~ "k" } as $value
    redis.has { key = $input.prefix ~ "k" } as $has
    redis.incr { key = $input.prefix ~ "n" by = 2 } as $n
    redis.decr { key = $input.prefix ~ "n" } as $m
    redis.push { key = $input.prefix ~ "l" value = $value } as $length
    redis.unshift { key = $input.prefix ~ "l" value = 1 }
    redis.range { key = $input.prefix ~ "l" start = 0 stop = 9 } as $items
    redis.count { key = $input.prefix ~ "l" } as $count
    redis.remove { key = $input.prefix ~ "l" value = 1 count = 1 } as $removed
    redis.pop { key = $input.prefix ~ "l" } as $popped
    redis.shift { key = $input.prefix ~ "l" } as $shifted
    redis.keys { search = $input.prefix ~ "*" } as $keys
    redis.del { key = $input.prefix ~ "k" }
    redis.ratelimit { key = $input.prefix ~ "r" max = 10 ttl = 60 error = "Slow down" }
    var $total { value = $n + $m + $length + $count + $removed }
  }
  response = {value: $value, has: $has, items: $items, popped: $popped, shifted: $shifted, keys: $keys|count, total: $total}
}`,
    );
    assert.equal(f.typeErrors(), "");
    assert.deepEqual(await f.run({ prefix: `${prefix}typed:` }), {
      value: { a: 1 },
      has: true,
      items: [1, { a: 1 }],
      popped: { a: 1 },
      shifted: null,
      keys: 2, // the list emptied by pop and shift is gone
      total: 2 + 1 + 1 + 2 + 1,
    });
  });

  test("npm run task and npm run job close the Redis connection, so the process exits", async () => {
    const f = await buildWorkspace(
      {
        "task/warm_cache.xs": `task warm_cache {
  stack {
    redis.set { key = $env.CACHE_PREFIX ~ "task" data = {warmed: true} }
  }
  schedule = [{starts_on: 2026-01-01 00:00:00+0000, freq: 3600}]
}`,
        "run.xs": `run.job "read cache" {
  main = {
    name: "read_cache"
    input: {}
  }
}`,
        "function/read_cache.xs": `function read_cache {
  stack {
    redis.get { key = $env.CACHE_PREFIX ~ "task" } as $cached
  }
  response = $cached
}`,
      },
      "read_cache",
    );
    built.push(f);
    await runInProject(f, ["src/run-task.ts", "warm_cache"], { CACHE_PREFIX: prefix });
    assert.equal(await redis.get(`${prefix}task`), '{"warmed":true}');
    const { stdout } = await runInProject(f, ["src/run-job.ts", "read cache"], { CACHE_PREFIX: prefix });
    assert.deepEqual(JSON.parse(stdout), { warmed: true });
  });

  test("the scheduler's stop closes the Redis connection the tasks opened", async () => {
    const f = await redisFunction(
      "touch",
      `function touch {
  input { text key }
  stack {
    redis.incr { key = $input.key } as $n
  }
  response = $n
}`,
    );
    const script = `import { touch } from "./src/functions/touch.js";
import { startScheduler } from "./src/runtime/scheduler.js";
const scheduler = await startScheduler([]);
console.log(await touch({ key: ${JSON.stringify(`${prefix}scheduled`)} }));
await scheduler.stop();
`;
    const { stdout } = await runScriptIn(f, script);
    assert.equal(stdout.trim().split("\n").pop(), "1");
  });
});

describe("redis.* statements, without a server", () => {
  test("an unreachable REDIS_URL fails the statement with the reason, and the process still exits", async () => {
    const f = await buildFunction(
      "unreachable",
      `function unreachable {
  stack {
    redis.get { key = "anything" } as $value
  }
  response = $value
}`,
    );
    const script = `import { unreachable } from "./src/functions/unreachable.js";
await unreachable({}).then(() => console.log("no error"), (error) => console.log(error.message));
`;
    const { stdout } = await runScriptIn(f, script, { REDIS_URL: "redis://127.0.0.1:1" });
    assert.equal(stdout.trim(), "Redis at redis://127.0.0.1:1 is unreachable: connect ECONNREFUSED 127.0.0.1:1");
  });

  test("REDIS_URL is listed in .env.example and MIGRATION.md, once per file, at its first redis.* statement", async () => {
    const f = await buildFunction(
      "listed",
      `function listed {
  stack {
    redis.set { key = "a" data = 1 }
    redis.get { key = "a" } as $a
  }
  response = $a
}`,
    );
    const example = readFileSync(join(f.out, ".env.example"), "utf8");
    assert.match(example, /# function\/listed\.xs:3\nREDIS_URL=\n/);
    assert.deepEqual(
      f.findings.filter((x) => x.kind === "env").map((x) => `${x.path}:${x.position.line} ${x.message}`),
      ["function/listed.xs:3 reads the environment variable REDIS_URL"],
    );
    const pkg = JSON.parse(readFileSync(join(f.out, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    assert.ok(pkg.dependencies.redis, "the client is a dependency of the generated project");
  });

  test("a statement with an unknown parameter, or without a required one, stays not migrated with the reason", async () => {
    const f = await buildFunction(
      "odd",
      `function odd {
  stack {
    redis.set { key = "a" data = 1 nx = true }
    redis.get {} as $a
    redis.ratelimit { key = "r" max = 1 }
  }
  response = $a
}`,
    );
    const reasons = f.findings.filter((x) => x.kind === "not-migrated").map((x) => x.message);
    assert.deepEqual(reasons, [
      "redis.set is not migrated: unknown parameter nx",
      "redis.get is not migrated: redis.get without key",
      "redis.ratelimit is not migrated: redis.ratelimit without ttl",
    ]);
    assert.match(f.code, /TODO\(xs2ts\): redis\.set is not migrated yet/);
    await assert.rejects(f.run({}), /Not migrated: redis\.set \(function\/odd\.xs:3\)/);
  });
});
