// File statements: storage.* (file resources, and the vault as a local folder), zip.*
// (archives, which are file resources) and stream.from_csv / from_jsonl (a file's rows as a
// list). Each is a call of its helper in runtime/files.ts, zip.ts or streams.ts.
import type { CallStatement } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { parameters, type Param } from "../stack/params.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

interface FileStatement {
  module: "files" | "zip" | "streams";
  helper: string;
  /** In the order the helper takes them; `passed: false` is read but not given to the helper. */
  params: (Param & { passed?: false })[];
  /** Environment variables the helper reads, for .env.example and MIGRATION.md. */
  env?: string[];
}

const STORED: Param[] = [{ name: "value" }, { name: "access" }, { name: "filename", default: '""' }];

const STATEMENTS: Record<string, FileStatement> = {
  "storage.create_file_resource": {
    module: "files",
    helper: "createFileResource",
    params: [{ name: "filename" }, { name: "filedata" }],
  },
  "storage.read_file_resource": { module: "files", helper: "readFileResource", params: [{ name: "value" }] },
  "storage.create_attachment": { module: "files", helper: "createAttachment", params: STORED, env: ["STORAGE_DIR"] },
  "storage.create_image": { module: "files", helper: "createImage", params: STORED, env: ["STORAGE_DIR"] },
  "storage.delete_file": {
    module: "files",
    helper: "deleteFile",
    params: [{ name: "pathname" }],
    env: ["STORAGE_DIR"],
  },
  "storage.append_file": {
    module: "files",
    helper: "appendFile",
    params: [{ name: "pathname" }, { name: "data" }],
    env: ["STORAGE_DIR"],
  },
  "storage.sign_private_url": {
    module: "files",
    helper: "signPrivateUrl",
    params: [{ name: "pathname" }, { name: "ttl" }],
    env: ["PUBLIC_BASE_URL", "STORAGE_SIGNING_KEY"],
  },
  "zip.create_archive": { module: "zip", helper: "createArchive", params: [{ name: "filename" }] },
  "zip.add_to_archive": { module: "zip", helper: "addToArchive", params: [{ name: "archive" }, { name: "files" }] },
  "zip.delete_from_archive": {
    module: "zip",
    helper: "deleteFromArchive",
    params: [{ name: "archive" }, { name: "paths" }],
  },
  "zip.view_contents": { module: "zip", helper: "viewContents", params: [{ name: "archive" }] },
  // Nothing is written to disk: the files come back as a list, so target_path is not used.
  "zip.extract": {
    module: "zip",
    helper: "extractArchive",
    params: [{ name: "archive" }, { name: "target_path", default: '""', passed: false }],
  },
  "stream.from_jsonl": { module: "streams", helper: "fromJsonl", params: [{ name: "value" }] },
};

/** stream.from_csv's options, given to the helper as an object of those written. */
const CSV_OPTIONS: Param[] = ["headers", "separator", "enclosure", "escape_char"].map((name) => ({
  name,
  default: "undefined",
}));

/** The statements this family handles (stream.from_request as not migrated). */
export const FILE_STATEMENTS = [...Object.keys(STATEMENTS), "stream.from_request", "stream.from_csv"];

export function emitFileStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  if (s.name === "stream.from_request")
    return notMigrated(s, ctx, "it reads the body of an API request, and a function or a task has none");
  if (s.name === "stream.from_csv") return fromCsv(s, ctx);
  const statement = STATEMENTS[s.name];
  if (statement === undefined) return undefined;
  const values = parameters(s, statement.params);
  if (typeof values === "string") return notMigrated(s, ctx, values);
  for (const name of statement.env ?? []) ctx.envUsed(name, s.span.start);
  const passed = statement.params.filter((p) => p.passed !== false);
  const args = passed.map((p) => {
    const value = values.get(p.name);
    return value === undefined ? p.default! : expr(value, ctx);
  });
  // Defaults at the end are the helper's own: left out of the call.
  while (args.length > 1 && values.get(passed[args.length - 1]!.name) === undefined) args.pop();
  return bind(s, `${ctx.rt(statement.module, statement.helper)}(${args.join(", ")})`, ctx);
}

function fromCsv(s: CallStatement, ctx: ModuleContext): Lines {
  const values = parameters(s, [{ name: "value" }, ...CSV_OPTIONS]);
  if (typeof values === "string") return notMigrated(s, ctx, values);
  const options = CSV_OPTIONS.filter((p) => values.has(p.name)).map(
    (p) => `${p.name}: ${expr(values.get(p.name)!, ctx)}`,
  );
  const args = [expr(values.get("value")!, ctx), ...(options.length > 0 ? [`{ ${options.join(", ")} }`] : [])];
  return bind(s, `${ctx.rt("streams", "fromCsv")}(${args.join(", ")})`, ctx);
}
