// The type checker's annotations of lambda code, kept between runs: a build step that runs on
// every commit pays for checking a lambda once, not on every build (the checker costs seconds).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export class CheckedCodeCache {
  private readonly entries = new Map<string, string>();
  private changed = false;

  /**
   * `file` holds the entries between runs (none: this process only); `version` names what
   * produced them, so a new xs2ts or TypeScript does not reuse an older answer.
   */
  constructor(
    private readonly file: string | undefined,
    private readonly version: string,
  ) {
    if (file === undefined || !existsSync(file)) return;
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as { version?: string; entries?: Record<string, string> };
      if (saved.version === version)
        for (const [key, value] of Object.entries(saved.entries ?? {})) this.entries.set(key, value);
    } catch {
      // A damaged cache is only a slower build.
    }
  }

  get(text: string): string | undefined {
    return this.entries.get(keyOf(text));
  }

  set(text: string, checked: string): void {
    this.entries.set(keyOf(text), checked);
    this.changed = true;
  }

  /** Writes the entries when there are new ones (whole file replaced, so readers never see half). */
  save(): void {
    if (this.file === undefined || !this.changed) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ version: this.version, entries: Object.fromEntries(this.entries) }));
      renameSync(temporary, this.file);
      this.changed = false;
    } catch {
      // A read-only folder: the cache stays in memory.
    }
  }
}

function keyOf(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

/**
 * Where the cache lives: `XS2TS_CACHE_DIR`, else `node_modules/.cache/xs2ts` of the current
 * project (where build tools keep their caches), else nowhere; `XS2TS_CACHE=off` turns it off.
 */
export function cacheFile(name: string): string | undefined {
  if (process.env.XS2TS_CACHE === "off") return undefined;
  const dir =
    process.env.XS2TS_CACHE_DIR ?? (existsSync("node_modules") ? join("node_modules", ".cache", "xs2ts") : undefined);
  return dir === undefined ? undefined : join(dir, name);
}
