// A prettier worker: formats the TypeScript texts it is sent (see format.ts). Plain JavaScript
// so it starts without a TypeScript loader.
import { parentPort } from "node:worker_threads";
import * as prettier from "prettier";

parentPort.on("message", async ({ id, text, options }) => {
  try {
    parentPort.postMessage({ id, text: await prettier.format(text, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
