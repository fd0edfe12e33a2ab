// A child process of `npm run conformance`: imports generated job modules (through tsx's
// loader, which the parent passes in execArgv) and runs them one at a time, on request.
import { pathToFileURL } from "node:url";

interface Request {
  id: number;
  file: string;
}

interface Job {
  name: string;
  run(): Promise<unknown>;
}

function isJob(v: unknown): v is Job {
  return typeof v === "object" && v !== null && typeof (v as Job).run === "function";
}

process.on("message", async (message: Request) => {
  try {
    const module = (await import(pathToFileURL(message.file).href)) as Record<string, unknown>;
    const job = Object.values(module).find(isJob);
    if (job === undefined) throw new Error(`${message.file} exports no job`);
    const result = await job.run();
    // What run-job.ts prints, read back: a field read from a missing key is null, as in Xano.
    const json = JSON.stringify(result === undefined ? null : result, (_key, value: unknown) =>
      value === undefined ? null : value,
    );
    process.send!({ id: message.id, ok: true, json });
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    const message_ =
      error instanceof Error
        ? `${error.name}${typeof type === "string" ? `(${type})` : ""}: ${error.message}`
        : String(error);
    process.send!({ id: message.id, ok: false, error: message_ });
  }
});

process.on("unhandledRejection", (reason) => {
  process.send!({ id: -1, ok: false, error: `unhandled rejection: ${String(reason)}` });
});

process.send!({ id: 0, ok: true, json: "ready" });
