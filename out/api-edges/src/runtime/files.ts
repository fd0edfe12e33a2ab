// storage.* statements: file resources, and Xano's file vault as a local folder.
// - A file resource (what a `file?` input holds and storage.create_file_resource makes) is a
//   plain object { name, mime, size, data } with `data` in base64: it survives JSON (a stored
//   record, a Redis value, a response) unchanged, where a Buffer would become
//   { type: "Buffer", data: [ …every byte… ] }, and it is binary-safe, where text is not.
// - Stored files live under STORAGE_DIR (default ./storage): `/vault/public/<id>/<name>` and
//   `/vault/private/<id>/<name>`, the stored `path` being that same path. Serving them is the
//   web server's job: STORAGE_DIR/vault/public as static files at PUBLIC_BASE_URL, and a
//   private file only for a URL that verifySignedUrl accepts. Swapping the folder for S3 or
//   the like means rewriting this module only: the statements' values stay the same.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, resolve, sep } from "node:path";
import { imageSize } from "image-size";
import { XanoError } from "./errors.js";

export interface FileResource {
  name: string;
  mime: string;
  /** Bytes. */
  size: number;
  /** The content, base64. */
  data: string;
}

/** What storage.create_attachment / create_image give back (file-uploads.md). */
export interface StoredFile {
  access: "public" | "private";
  path: string;
  name: string;
  type: string;
  size: number;
  mime: string;
  /** An image's { width, height } (read with image-size, pure JavaScript); {} for other files. */
  meta: Record<string, unknown>;
}

const MIME: Record<string, string> = {
  ".csv": "text/csv",
  ".gif": "image/gif",
  ".htm": "text/html",
  ".html": "text/html",
  ".jpeg": "image/jpeg",
  ".jpg": "image/jpeg",
  ".json": "application/json",
  ".jsonl": "application/jsonl",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain",
  ".wav": "audio/wav",
  ".webp": "image/webp",
  ".xml": "application/xml",
  ".zip": "application/zip",
};

/** The MIME type a file name implies; application/octet-stream when the extension is unknown. */
export function mimeOf(name: string): string {
  return MIME[extname(name).toLowerCase()] ?? "application/octet-stream";
}

export function isFileResource(value: unknown): value is FileResource {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FileResource).data === "string" &&
    typeof (value as FileResource).name === "string"
  );
}

/** A file resource from bytes. */
export function fileResourceOf(name: string, bytes: Uint8Array, mime = mimeOf(name)): FileResource {
  return { name, mime, size: bytes.byteLength, data: Buffer.from(bytes).toString("base64") };
}

/** The bytes of a file resource, or of text (UTF-8); anything else is written as JSON. */
export function bytesOf(value: unknown): Buffer {
  if (isFileResource(value)) return Buffer.from(value.data, "base64");
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === "string") return Buffer.from(value, "utf8");
  return Buffer.from(value === null || value === undefined ? "" : JSON.stringify(value), "utf8");
}

/** The text of a file resource (its bytes read as UTF-8), or text as it is. */
export function textOf(value: unknown): string {
  return typeof value === "string" ? value : bytesOf(value).toString("utf8");
}

/** storage.create_file_resource: `filedata` (text, or another file resource) under a file name. */
export function createFileResource(filename: string, filedata: unknown): FileResource {
  return fileResourceOf(filename, bytesOf(filedata));
}

/** storage.read_file_resource: the resource's name, size, mime, and its content as text (`data`). */
export function readFileResource(value: unknown): { name: string; size: number; mime: string; data: string } {
  const file = asResource(value, "storage.read_file_resource");
  return { name: file.name, size: file.size, mime: file.mime, data: textOf(file) };
}

function asResource(value: unknown, statement: string): FileResource {
  if (!isFileResource(value))
    throw new XanoError("inputerror", `${statement}: the value is not a file resource ({ name, mime, size, data })`);
  return value;
}

/** The folder stored files are written to: STORAGE_DIR, default ./storage. */
export function storageDir(): string {
  return resolve(process.env.STORAGE_DIR || "storage");
}

/** The file on disk of a stored path; a path that leads out of STORAGE_DIR is refused. */
function diskPath(pathname: string): string {
  const root = storageDir();
  const file = resolve(root, `.${pathname.startsWith("/") ? "" : "/"}${pathname}`);
  if (!file.startsWith(root + sep))
    throw new XanoError("inputerror", `The path ${pathname} is outside the storage folder`);
  return file;
}

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".gif", ".webp"]);

/** storage.create_attachment: stores a file of any type; its metadata, to keep in a record. */
export function createAttachment(value: unknown, access: string, filename = ""): StoredFile {
  return storeFile("attachment", value, access, filename);
}

/** storage.create_image: as createAttachment, for JPEG, PNG, GIF and WEBP files only. */
export function createImage(value: unknown, access: string, filename = ""): StoredFile {
  return storeFile("image", value, access, filename);
}

function storeFile(kind: "attachment" | "image", value: unknown, access: string, filename = ""): StoredFile {
  const file = asResource(value, `storage.create_${kind}`);
  if (access !== "public" && access !== "private")
    throw new XanoError("inputerror", `access must be "public" or "private", not ${JSON.stringify(access)}`);
  // An empty file name keeps the resource's own (as Xano does; the corpus passes "").
  const name = (filename || file.name || "file").replace(/[/\\]/g, "_");
  // Xano's create_image takes these four formats only, with this message (file-uploads.md).
  if (kind === "image" && !IMAGE_EXTENSIONS.has(extname(name).toLowerCase()))
    throw new XanoError("standard", "Invalid file extension.");
  const path = `/vault/${access}/${randomBytes(6).toString("base64url")}/${name}`;
  const bytes = bytesOf(file);
  const target = diskPath(path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, bytes);
  const mime = file.mime || mimeOf(name);
  return {
    access,
    path,
    name,
    type: typeOf(mime),
    size: bytes.byteLength,
    mime,
    meta: mime.startsWith("image/") ? imageMeta(bytes) : {},
  };
}

/** An image's width and height, as Xano adds them; {} when the format is unknown or the file damaged. */
function imageMeta(bytes: Uint8Array): Record<string, unknown> {
  try {
    const { width, height } = imageSize(bytes);
    return { width, height };
  } catch {
    return {};
  }
}

/** Xano's `type` of a stored file, from its MIME type. */
function typeOf(mime: string): string {
  if (mime === "application/pdf") return "pdf";
  const family = mime.split("/")[0]!;
  return ["image", "video", "audio"].includes(family) ? family : "attachment";
}

/** storage.delete_file: removes a stored file (nothing happens when it is gone already). */
export function deleteFile(pathname: string): void {
  rmSync(diskPath(pathname), { force: true });
}

/** storage.append_file: adds `data` (text, or a file resource's bytes) at the end of the file, made when missing. */
export function appendFile(pathname: string, data: unknown): void {
  const target = diskPath(pathname);
  mkdirSync(dirname(target), { recursive: true });
  appendFileSync(target, bytesOf(data));
}

function signingKey(): string {
  const key = process.env.STORAGE_SIGNING_KEY;
  if (!key) throw new Error("The environment variable STORAGE_SIGNING_KEY is not set (see .env.example)");
  return key;
}

function signature(pathname: string, expires: number, key: string): string {
  return createHmac("sha256", key).update(`${pathname}\n${expires}`).digest("base64url");
}

/**
 * storage.sign_private_url: PUBLIC_BASE_URL + the path, with `expires` (Unix seconds, now +
 * ttl) and an HMAC-SHA256 `signature` of both under STORAGE_SIGNING_KEY.
 */
export function signPrivateUrl(pathname: string, ttl: unknown, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + Math.max(0, Math.floor(Number(ttl) || 0));
  const base = (process.env.PUBLIC_BASE_URL ?? "").replace(/\/+$/, "");
  const query = new URLSearchParams({
    expires: String(expires),
    signature: signature(pathname, expires, signingKey()),
  });
  return `${base}${pathname.split("/").map(encodeURIComponent).join("/")}?${query}`;
}

/**
 * For the web server that serves STORAGE_DIR: whether a URL (or its path and query, as a
 * request gives it) was signed by signPrivateUrl with this key and has not expired.
 */
export function verifySignedUrl(url: string, now = Date.now()): boolean {
  const parsed = new URL(url, "http://localhost");
  const expires = Number(parsed.searchParams.get("expires"));
  const given = Buffer.from(parsed.searchParams.get("signature") ?? "");
  if (!Number.isInteger(expires) || expires * 1000 < now) return false;
  // The path as it was signed: PUBLIC_BASE_URL may have a path of its own in front of it.
  const basePath = new URL(process.env.PUBLIC_BASE_URL || "http://localhost").pathname.replace(/\/+$/, "");
  const pathname = decodeURIComponent(
    parsed.pathname.slice(parsed.pathname.startsWith(basePath) ? basePath.length : 0),
  );
  const expected = Buffer.from(signature(pathname, expires, signingKey()));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
