// npm run goldens: regenerates out/ from fixtures/. Read the diff before committing it.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { build } from "../src/build.js";

for (const name of readdirSync("fixtures").sort()) {
  const result = await build({ workspace: join("fixtures", name), out: join("out", name), name });
  console.log(`out/${name}: ${result.written} files written, ${result.diagnostics.length} errors`);
}
