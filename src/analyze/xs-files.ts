// Finds the `.xs` files named on the command line (or by a caller of build()): files as given, folders searched recursively.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { FileSystemError } from "../diagnostics/fs-errors.js";

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
    if (stat.isDirectory()) found.push(...walk(path, [realpathSync(path)]));
    else found.push(path);
  }
  return found;
}

/** `ancestors`: the real paths of the folders being walked, to tell a symbolic link loop. */
function walk(dir: string, ancestors: readonly string[]): string[] {
  const out: string[] = [];
  // Sorted, so output never depends on the file system's order.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    // Symbolic links are followed: a workspace may link folders from elsewhere.
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && linkedStat(path)?.isDirectory() === true);
    if (!isDir) {
      if (entry.name.endsWith(".xs")) out.push(path);
      continue;
    }
    const real = realpathSync(path);
    if (ancestors.includes(real))
      throw new FileSystemError(
        `${path}: a symbolic link loop (it leads back to ${real}, which holds it): remove the link or point it elsewhere`,
      );
    out.push(...walk(path, [...ancestors, real]));
  }
  return out;
}

/** What a symbolic link points at; undefined for a dangling link. A link to itself is a loop. */
function linkedStat(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as { code?: string }).code === "ELOOP")
      throw new FileSystemError(`${path}: a symbolic link loop (the link leads back to itself): remove the link`);
    throw error;
  }
}
