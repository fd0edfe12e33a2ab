// `xs2ts parse <files or folders…> [--json]`: parses and reports, or prints the AST.
import { readFileSync } from "node:fs";
import { parse } from "../parser/parse.js";
import { ParseError } from "../parser/errors.js";
import { diagnosticJson, formatDiagnostic, type Diagnostic } from "../diagnostics/format.js";
import { findXsFiles } from "../analyze/xs-files.js";

export interface ParseOptions {
  json: boolean;
  color: boolean;
}

export function parseCommand(
  paths: readonly string[],
  options: ParseOptions,
  out: (s: string) => void,
  err: (s: string) => void,
): number {
  const files = findXsFiles(paths);
  const diagnostics: Diagnostic[] = [];
  const asts: unknown[] = [];
  for (const path of files) {
    const source = readFileSync(path, "utf8");
    try {
      const ast = parse(source, path);
      if (options.json) asts.push(ast);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      const d: Diagnostic = {
        severity: "error",
        code: "XS1001",
        message: error.message,
        path,
        position: error.position,
      };
      diagnostics.push(d);
      if (!options.json) err(formatDiagnostic(d, source, options.color));
    }
  }
  if (options.json) {
    out(
      JSON.stringify(
        files.length === 1 && diagnostics.length === 0
          ? asts[0]
          : { files: asts, diagnostics: diagnostics.map(diagnosticJson) },
        null,
        2,
      ),
    );
  } else {
    out(
      `${files.length} file${files.length === 1 ? "" : "s"} parsed, ${diagnostics.length} error${diagnostics.length === 1 ? "" : "s"}`,
    );
  }
  return diagnostics.length > 0 ? 1 : 0;
}
