// util.* statements of utilities.ts: the input as received, the environment, headers,
// distances, and the ones left not migrated (with their reason in MIGRATION.md).
import { strict as assert } from "node:assert";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { build } from "../../src/build.ts";
import { buildFunction } from "./helpers.ts";

describe("util.* statements", () => {
  test("get_raw_input is the input as passed: the PATCH pattern keeps only the fields sent; $raw_input does not clash with the parameter", async () => {
    const f = await buildFunction(
      "patch",
      `function patch {
  input {
    text name?
    text email?
    int age?=30
  }
  stack {
    util.get_raw_input {
      encoding = "json"
      exclude_middleware = false
    } as $raw_input
    var $patch_data {
      value = $input|pick:($raw_input|keys)
    }
  }
  response = {patch: $patch_data, raw: $raw_input}
}`,
    );
    assert.match(f.code, /export async function patch\(receivedInput: Record<string, unknown> = \{\}\)/);
    assert.match(f.code, /const rawInput = clone\(receivedInput\);/);
    assert.deepEqual(await f.run({ email: " A@B.C ", extra: 1 }), {
      patch: { email: " A@B.C " },
      raw: { email: " A@B.C ", extra: 1 },
    });
    assert.ok(f.findings.some((x) => x.code === "XS5204" && /HTTP request's body/.test(x.message)));
  });

  test("get_all_input: the declared fields validated (coerced, defaulted), the others as sent", async () => {
    const f = await buildFunction(
      "all",
      `function all {
  input {
    int n
    int page?=1
  }
  stack {
    util.get_all_input as $everything
  }
  response = $everything
}`,
    );
    assert.match(f.code, /allInput\(rawInput, input\)/);
    assert.deepEqual(await f.run({ n: "5", tag: "x" }), { n: 5, page: 1, tag: "x" });
  });

  test("get_env gives the process environment (reported as a difference)", async () => {
    const f = await buildFunction(
      "envs",
      `function envs {
  input {
  }
  stack {
    util.get_env as $environment_vars
  }
  response = $environment_vars.XS2TS_UTIL_TEST
}`,
    );
    process.env.XS2TS_UTIL_TEST = "here";
    assert.equal(await f.run(), "here");
    assert.ok(f.findings.some((x) => x.code === "XS5203"));
  });

  test("set_header runs (there is no response to set) and the difference is reported", async () => {
    const f = await buildFunction(
      "csv",
      `function csv {
  input {
    int job_id
  }
  stack {
    util.set_header {
      value = "Content-Disposition: attachment;filename="|concat:$input.job_id:""
      duplicates = "replace"
    }
  }
  response = "done"
}`,
    );
    assert.match(
      f.code,
      /setHeader\(concatText\("Content-Disposition: attachment;filename=", input\.job_id, ""\), "replace"\);/,
    );
    assert.equal(await f.run({ job_id: 3 }), "done");
    assert.ok(f.findings.some((x) => x.code === "XS5202"));
  });

  test("geo_distance is the great-circle distance in metres", async () => {
    const f = await buildFunction(
      "geo",
      `function geo {
  input {
  }
  stack {
    util.geo_distance {
      latitude_1 = 40.71
      longitude_1 = -74.00
      latitude_2 = 34.05
      longitude_2 = -118.24
    } as $distance
  }
  response = $distance
}`,
    );
    const metres = (await f.run()) as number;
    // New York to Los Angeles: 3,936 km on the mean-radius sphere.
    assert.ok(Math.abs(metres - 3_936_000) < 2_000, `${metres}`);
  });

  test("ip_lookup and template_engine stay not migrated, with their reason", async () => {
    const f = await buildFunction(
      "rest",
      `function rest {
  input {
    text ip
  }
  stack {
    util.ip_lookup {
      value = $input.ip
    } as $location
    util.template_engine {
      value = "Hello {{ $input.ip }}"
    } as $rendered
  }
  response = $location
}`,
    );
    await assert.rejects(f.run({ ip: "1.2.3.4" }), /Not migrated: util\.ip_lookup/);
    const reasons = f.findings.filter((x) => x.code === "XS3001").map((x) => x.message);
    assert.ok(reasons.some((m) => /util\.ip_lookup is not migrated: it needs a geolocation/.test(m)));
    assert.ok(reasons.some((m) => /util\.template_engine is not migrated: Xano's Twig dialect/.test(m)));
  });

  test("in a task, which receives no input, get_raw_input and get_all_input are empty objects", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xs2ts-util-"));
    mkdirSync(join(dir, "task"));
    writeFileSync(
      join(dir, "task", "t.xs"),
      `task t {
  stack {
    util.get_raw_input {
      encoding = "json"
    } as $raw
    util.get_all_input as $all
    debug.log { value = {raw: $raw, all: $all} }
  }
}`,
    );
    const result = await build({ workspace: dir, name: "util-task" });
    const task = result.files.find((x) => x.path === "src/tasks/t.ts")!.text;
    assert.match(task, /const raw = \{\};/);
    assert.match(task, /const all = \{\};/);
    assert.ok(!result.findings.some((x) => x.code === "XS5204"));
  });
});
