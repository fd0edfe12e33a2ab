// zip.* statements, with fflate (pure JavaScript, no dependencies, synchronous). An archive
// is a file resource (runtime/files.ts); the statements that change one change it in place
// (as zip.add_to_archive does in Xano, without `as`) and also give it back.
import { strFromU8, unzipSync, zipSync, type Zippable } from "fflate";
import { XanoError } from "./errors.js";
import { bytesOf, fileResourceOf, isFileResource, type FileResource } from "./files.js";

/** zip.create_archive: an empty archive named `filename`. */
export function createArchive(filename: string): FileResource {
  return fileResourceOf(filename, zipSync({}), "application/zip");
}

/** zip.add_to_archive: adds (or replaces) each { path, content } (text, or a file resource). */
export function addToArchive(archive: unknown, files: unknown): FileResource {
  const zip = archiveOf(archive, "zip.add_to_archive");
  const entries = entriesOf(zip);
  for (const file of Array.isArray(files) ? files : [files]) {
    const { path, content } = (file ?? {}) as { path?: unknown; content?: unknown };
    if (typeof path !== "string" || path === "")
      throw new XanoError("inputerror", "zip.add_to_archive: each file needs a path");
    entries[path] = bytesOf(content);
  }
  return rewrite(zip, entries);
}

/** zip.delete_from_archive: removes each path; a path ending in / removes that folder. */
export function deleteFromArchive(archive: unknown, paths: unknown): FileResource {
  const zip = archiveOf(archive, "zip.delete_from_archive");
  const entries = entriesOf(zip);
  const removed = (Array.isArray(paths) ? paths : [paths]).map(String);
  for (const name of Object.keys(entries)) {
    if (removed.some((p) => name === p || (p.endsWith("/") && name.startsWith(p)))) delete entries[name];
  }
  return rewrite(zip, entries);
}

/** zip.view_contents: each file's path, size and compressed size, without extracting them. */
export function viewContents(archive: unknown): { path: string; size: number; compressed_size: number }[] {
  const contents: { path: string; size: number; compressed_size: number }[] = [];
  unzipSync(bytesOf(archiveOf(archive, "zip.view_contents")), {
    filter(file) {
      if (!file.name.endsWith("/"))
        contents.push({ path: file.name, size: file.originalSize, compressed_size: file.size });
      return false;
    },
  });
  return contents;
}

/**
 * zip.extract: each file as { path, content } (content as text), as the reference shows.
 * Nothing is written to disk, so `target_path` is not used.
 */
export function extractArchive(archive: unknown): { path: string; content: string }[] {
  return Object.entries(entriesOf(archiveOf(archive, "zip.extract"))).map(([path, bytes]) => ({
    path,
    content: strFromU8(bytes),
  }));
}

function archiveOf(value: unknown, statement: string): FileResource {
  if (!isFileResource(value)) throw new XanoError("inputerror", `${statement}: the archive is not a file resource`);
  return value;
}

/** The archive's files (folders left out: they come back from the files' paths). */
function entriesOf(archive: FileResource): Record<string, Uint8Array> {
  const entries = unzipSync(bytesOf(archive));
  for (const name of Object.keys(entries)) if (name.endsWith("/")) delete entries[name];
  return entries;
}

function rewrite(archive: FileResource, entries: Zippable): FileResource {
  return Object.assign(archive, fileResourceOf(archive.name, zipSync(entries), archive.mime || "application/zip"));
}
