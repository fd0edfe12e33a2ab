// `xs2ts build <workspace> --out <dir> [--check] [--quiet]`.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "../build.js";
import { formatDiagnostic } from "../diagnostics/format.js";
import type { Io } from "./commands.js";
import { UsageError } from "./files.js";

export async function buildCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, check: { type: "boolean" }, quiet: { type: "boolean" }, name: { type: "string" }, help: { type: "boolean" } },
  });
  if (values.help) {
    io.out("Usage: xs2ts build <workspace> --out <dir> [--check] [--quiet] [--name <package name>]");
    return 0;
  }
  const [workspace] = positionals;
  if (workspace === undefined || values.out === undefined) throw new UsageError("build needs a workspace folder and --out <dir>");
  if (!existsSync(workspace) || !statSync(workspace).isDirectory()) throw new UsageError(`no such folder: ${workspace}`);
  const result = await build({ workspace, out: values.out, check: values.check === true, ...(values.name ? { name: values.name } : {}) });
  for (const d of result.diagnostics) {
    const file = join(workspace, d.path);
    const source = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    io.err(formatDiagnostic(d, source, io.color));
  }
  const notMigrated = result.findings.filter((f) => f.kind === "not-migrated").length;
  if (values.check) {
    for (const path of result.stale) io.err(`stale: ${join(values.out, path)}`);
    if (!values.quiet) io.out(result.stale.length === 0 ? "up to date" : `${result.stale.length} generated files are stale: run xs2ts build again`);
    return result.stale.length > 0 || result.diagnostics.length > 0 ? 1 : 0;
  }
  if (!values.quiet) {
    io.out(`${result.files.length} files generated (${result.written} written) in ${values.out}; ${notMigrated} statements not migrated (see MIGRATION.md); ${result.diagnostics.length} errors`);
  }
  return result.diagnostics.length > 0 ? 1 : 0;
}
