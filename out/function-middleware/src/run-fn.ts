// npm run fn -- <function> '<json input>': runs one function of the workspace with that input
// (an object; {} when left out) and prints its response as JSON.

import "./runtime/env-file.js";
import { db } from "./db.js";
import { runCommand, toJson, usageError } from "./runtime/command.js";

type Fn = (input: Record<string, unknown>) => Promise<unknown>;

const functions: Record<string, () => Promise<Fn>> = {
  shout: async () => (await import("./functions/shout.js")).shout,
  shout_twice: async () => (await import("./functions/shout_twice.js")).shoutTwice,
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
