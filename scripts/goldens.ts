// npm run goldens: regenerates out/ from fixtures/. Read the diff before committing it.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "../src/build.js";

for (const name of readdirSync("fixtures").sort()) {
  // Written afresh: a file xs2ts no longer generates (a runtime module the project stopped using) goes.
  rmSync(join("out", name), { recursive: true, force: true });
  const result = await build({ workspace: join("fixtures", name), out: join("out", name), name });
  console.log(`out/${name}: ${result.written} files written, ${result.diagnostics.length} errors`);
}
