// Bringing the data across: `npm run import` (from Xano's database or its CSV exports),
// `npm run export`, and the modules behind them (templates/project/transfer), copied as they
// are, plus the one generated part: each table's id in Xano, from the export's file names.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Workspace } from "../../analyze/workspace.js";
import { StructureKind, VariableDeclarationKind } from "ts-morph";
import { moduleText, type EmittedModule } from "../core/module-text.js";
import { objectLiteral } from "../core/object-literal.js";

const templates = join(dirname(fileURLToPath(import.meta.url)), "../../../templates/project");

function copied(template: string, path: string): EmittedModule {
  // Copied as it is: the template is formatted source already (see EmittedModule.verbatim).
  return { path, text: readFileSync(join(templates, template), "utf8"), verbatim: true };
}

/** A table's id in Xano: an export names its file `tables/<id>_<name>.xs`. */
export function xanoTableId(relativePath: string): number | undefined {
  const match = /(?:^|\/)(\d+)_[^/]+\.xs$/.exec(relativePath);
  return match ? Number(match[1]) : undefined;
}

function xanoIds(ws: Workspace): EmittedModule {
  const entries = [...ws.tables]
    .map(([name, object]) => [name, xanoTableId(object.relativePath)] as const)
    .filter((e): e is readonly [string, number] => e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const text = moduleText(
    `// Each table's id in Xano, from the workspace export's file names (tables/<id>_<name>.xs):
// Xano's database names the table mvpw<workspace>_<id>. Tables missing here are matched by a
// --map file (see src/import.ts).`,
    undefined,
    [
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: "xanoTableIds",
            type: "Record<string, number>",
            initializer: objectLiteral(
              entries.map(([name, id]) => ({ name: JSON.stringify(name), value: String(id) })),
            ),
          },
        ],
      },
    ],
  );
  return { path: "src/tables/xano-ids.ts", text };
}

export function dataTransfer(ws: Workspace): EmittedModule[] {
  const transfer = readdirSync(join(templates, "transfer"))
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => copied(`transfer/${f}`, `src/transfer/${f}`));
  return [copied("import.ts", "src/import.ts"), copied("export.ts", "src/export.ts"), ...transfer, xanoIds(ws)];
}
