// Formatting with prettier, the slowest step of a build: spread over worker threads when there
// are enough files to pay for starting them; results cached by input text (rebuilds, watch).
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as prettier from "prettier";

const OPTIONS = { parser: "typescript", printWidth: 100 } as const;
/** Below this many files a worker's start-up costs more than it saves. */
const FILES_PER_WORKER = 24;

export type Formatted = { text: string } | { error: string };

/**
 * A raw U+2028/U+2029 anywhere in generated code is written as its escape: the same value in a
 * string, template or regular expression, visible text in a comment (where JavaScript would end
 * the line). The rules in core/escape.ts already escape them; this holds for any text they miss.
 */
function withoutRawSeparators(text: string): string {
  return text.replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

export async function formatAll(texts: readonly string[], cache: Map<string, string>): Promise<Formatted[]> {
  const results: Formatted[] = new Array(texts.length);
  const todo: number[] = [];
  texts = texts.map(withoutRawSeparators);
  texts.forEach((text, i) => {
    const known = cache.get(text);
    if (known !== undefined) results[i] = { text: known };
    else todo.push(i);
  });
  // On two cores the threads' start-up (each loads prettier) costs what they save, measured
  // with bench/build.ts; XS2TS_FORMAT_WORKERS overrides the choice.
  const cores = availableParallelism();
  const limit = Number(process.env.XS2TS_FORMAT_WORKERS ?? (cores > 2 ? cores - 1 : 0));
  const workers = Math.min(limit, Math.floor(todo.length / FILES_PER_WORKER));
  if (workers < 2) {
    for (const i of todo) results[i] = await formatOne(texts[i]!);
  } else {
    await inWorkers(workers, todo, texts, results);
  }
  for (const i of todo) {
    const r = results[i]!;
    if ("text" in r) cache.set(texts[i]!, r.text);
  }
  return results;
}

async function formatOne(text: string): Promise<Formatted> {
  try {
    return { text: await prettier.format(text, OPTIONS) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function inWorkers(count: number, todo: number[], texts: readonly string[], results: Formatted[]): Promise<void> {
  const queue = [...todo];
  // The worker is plain JavaScript: no TypeScript loader (execArgv) to start in each thread.
  const pool = Array.from(
    { length: count },
    () => new Worker(new URL("./format-worker.mjs", import.meta.url), { execArgv: [] }),
  );
  try {
    await Promise.all(
      pool.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const i = queue.shift();
              if (i === undefined) return resolve();
              worker.postMessage({ id: i, text: texts[i], options: OPTIONS });
            };
            worker.on("message", (m: { id: number; text?: string; error?: string }) => {
              results[m.id] = m.error !== undefined ? { error: m.error } : { text: m.text! };
              next();
            });
            worker.on("error", reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
