// `npm run serve` starts the server wherever the project lies: the check that src/server.ts is
// the module Node was started with compares URLs, and a path with a space is %20 in one of them.
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { build } from "../../src/build.ts";
import { startServer } from "../support/api-server.ts";
import { repoRoot } from "../support/shared.ts";
import { fixture } from "../support/generated.ts";

test("the server starts from a folder whose path has a space", async () => {
  const parent = mkdtempSync(join(tmpdir(), "xs2ts-server-path-"));
  const dir = join(parent, "my project");
  try {
    await build({ workspace: fixture("api-basic"), out: dir, name: "api-basic" });
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    const server = await startServer(dir, { SQLITE_FILE: join(dir, "data.sqlite") });
    try {
      assert.match(server.base, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
