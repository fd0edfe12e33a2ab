#!/usr/bin/env node
// The installed package runs the compiled JavaScript in dist/ (built by `npm pack`'s prepack);
// a clone without a build runs the TypeScript sources through tsx, a development dependency.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/src/cli/main.js", import.meta.url);
let main;
if (existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exit(await main(process.argv.slice(2)));
