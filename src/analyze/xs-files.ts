// Finds the `.xs` files named on the command line (or by a caller of build()): files as given, folders searched recursively.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export class UsageError extends Error {}

export function findXsFiles(paths: readonly string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`no such file or folder: ${path}`);
    }
    if (stat.isDirectory()) found.push(...walk(path));
    else found.push(path);
  }
  return found;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  // Sorted, so output never depends on the file system's order.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    // Symbolic links are followed: a workspace may link folders from elsewhere.
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory() === true);
    if (isDir) out.push(...walk(path));
    else if (entry.name.endsWith(".xs")) out.push(path);
  }
  return out;
}
