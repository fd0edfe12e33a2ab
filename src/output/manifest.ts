// The manifest: what xs2ts wrote into an output folder, by path and SHA-256 of the content.
// A later build overwrites or removes only files it lists, and only while their content is
// still the one it wrote, so a person's edits and files are never lost.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FileSystemError } from "../diagnostics/fs-errors.js";

export const MANIFEST_FILE = ".xs2ts-manifest.json";
const FORMAT = 1;

export interface Manifest {
  /** Relative path (`/` separators) → SHA-256 (hex) of the bytes written. */
  files: Map<string, string>;
}

export function hashOf(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The manifest in `out`, or undefined when there is none. */
export function readManifest(out: string): Manifest | undefined {
  const path = join(out, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new FileSystemError(`${path} is not a manifest xs2ts wrote (not JSON): remove it, or choose another --out`);
  }
  const files = (data as { files?: unknown } | null)?.files;
  if ((data as { xs2ts?: unknown }).xs2ts !== FORMAT || typeof files !== "object" || files === null) {
    throw new FileSystemError(
      `${path} is not a manifest this xs2ts reads (format ${FORMAT}): remove it, or choose another --out`,
    );
  }
  const entries = Object.entries(files).filter(
    (e): e is [string, string] => typeof e[1] === "string" && safeRelative(e[0]),
  );
  return { files: new Map(entries) };
}

/** The manifest's text: sorted, no time or absolute path, so it changes only with the files. */
export function manifestText(files: ReadonlyMap<string, string>): string {
  const sorted = Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
  const note =
    "The files xs2ts generated here, with the SHA-256 of what it wrote. xs2ts build overwrites or removes only these, and only while unchanged.";
  return `${JSON.stringify({ xs2ts: FORMAT, note, files: sorted }, null, 2)}\n`;
}

/** A path a manifest may name: relative, inside the folder (a hand-made manifest cannot reach out). */
function safeRelative(path: string): boolean {
  return (
    path !== "" &&
    !path.startsWith("/") &&
    !path.split("/").some((part) => part === ".." || part === "" || part === ".")
  );
}
