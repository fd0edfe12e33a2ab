// templates/runtime/util.ts: input merging, the environment, headers, distances.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";

import { allInput, environmentVariables, geoDistance } from "../../templates/runtime/util.js";
import { repoRoot } from "../support/shared.js";

describe("allInput", () => {
  test("validated fields win over the same fields as received; a copy, not the caller's object", () => {
    const received = { n: "5", extra: { a: 1 } };
    const all = allInput(received, { n: 5 });
    assert.deepEqual(all, { n: 5, extra: { a: 1 } });
    (all.extra as { a: number }).a = 2;
    assert.equal(received.extra.a, 1);
  });
});

describe("environmentVariables", () => {
  test("every variable of the process, as text", () => {
    process.env.XS2TS_UTIL_RUNTIME = "1";
    assert.equal(environmentVariables().XS2TS_UTIL_RUNTIME, "1");
  });
});

describe("geoDistance", () => {
  test("0 for the same point, a quarter meridian pole to equator, half the circumference between antipodes", () => {
    assert.equal(geoDistance(48.86, 2.35, 48.86, 2.35), 0);
    const quarter = (Math.PI / 2) * 6_371_008.8;
    assert.ok(Math.abs(geoDistance(90, 0, 0, 0) - quarter) < 1e-6);
    assert.ok(Math.abs(geoDistance(0, 0, 0, 180) - 2 * quarter) < 1e-6);
  });

  test("coordinates given as text are numbers; anything else is an error", () => {
    assert.equal(geoDistance("10", "20", 10, 20), 0);
    assert.throws(() => geoDistance("north", 0, 0, 0));
  });
});

describe("setHeader", () => {
  test("logs the header at debug level (LOG_LEVEL=debug)", () => {
    // A child process: the logger reads LOG_LEVEL once, when it is loaded.
    const module = pathToFileURL(join(repoRoot, "templates/runtime/util.ts")).href;
    const script = `import { setHeader } from ${JSON.stringify(module)}; setHeader("Content-Type: text/csv", "replace");`;
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "debug" },
      encoding: "utf8",
    });
    assert.match(out, /util\.set_header \(no HTTP response here, replace\): Content-Type: text\/csv/);
  });
});
