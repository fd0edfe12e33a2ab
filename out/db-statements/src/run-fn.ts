// npm run fn -- <function> '<json input>': runs one function of the workspace with that input
// (an object; {} when left out) and prints its response as JSON.

import "./runtime/env-file.js";
import { db } from "./db.js";
import { runCommand, toJson, usageError } from "./runtime/command.js";

type Fn = (input: Record<string, unknown>) => Promise<unknown>;

const functions: Record<string, () => Promise<Fn>> = {
  bulk: async () => (await import("./functions/bulk.js")).bulk,
  join_addon: async () => (await import("./functions/join_addon.js")).joinAddon,
  json_contains: async () => (await import("./functions/json_contains.js")).jsonContains,
  paging: async () => (await import("./functions/paging.js")).paging,
  query_ops: async () => (await import("./functions/query_ops.js")).queryOps,
  raw: async () => (await import("./functions/raw.js")).raw,
  seed: async () => (await import("./functions/seed.js")).seed,
  tx: async () => (await import("./functions/tx.js")).tx,
  writes: async () => (await import("./functions/writes.js")).writes,
};

const [name = "", json = "{}"] = process.argv.slice(2);
if (!Object.hasOwn(functions, name)) {
  usageError(
    `Unknown function ${JSON.stringify(name)}. Functions: ${Object.keys(functions)
      .map((n) => JSON.stringify(n))
      .join(", ")}`,
  );
}
let input: unknown;
try {
  input = JSON.parse(json);
} catch (error) {
  usageError(`The input is not JSON: ${(error as Error).message}`);
}
if (typeof input !== "object" || input === null || Array.isArray(input))
  usageError("The input is a JSON object, e.g. '{\"days\": 30}'");
await runCommand(
  async () => {
    const fn = await functions[name]!();
    console.log(toJson(await fn(input as Record<string, unknown>)));
  },
  () => db.destroy(),
);
