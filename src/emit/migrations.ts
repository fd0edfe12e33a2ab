// Table definitions as knex migrations: one per table, plus the migrate entry point and the
// index of table metadata the data layer reads.
import type { FieldDecl } from "../ast.js";
import { camelCase } from "../analyze/names.js";
import type { Workspace } from "../analyze/workspace.js";
import { unparen } from "./expressions.js";
import { fileNameOf, type EmittedModule } from "./modules.js";

const COLUMN: Record<string, string> = {
  int: "integer",
  decimal: "double",
  timestamp: "bigInteger",
  bool: "boolean",
  json: "json",
  object: "json",
};

/** One knex migration per table, plus the index tables and the migrate entry point. */
export function migrations(ws: Workspace): EmittedModule[] {
  const out: EmittedModule[] = [];
  const names = [...ws.tables.keys()].sort();
  const files: string[] = [];
  names.forEach((name, i) => {
    const construct = ws.tables.get(name)!.construct;
    const schema = construct.body.find((b) => b.kind === "Fields" && b.name === "schema");
    const fields = schema?.kind === "Fields" ? schema.fields.filter((f): f is FieldDecl => f.kind === "Field") : [];
    const columns = fields.map((f) => {
      if (f.name === "id") return f.type === "uuid" ? `t.uuid("id").primary();` : `t.increments("id").primary();`;
      const kind = f.isList ? "json" : (COLUMN[f.type] ?? "text");
      let line = `t.${kind}(${JSON.stringify(f.name)})`;
      if (f.default) {
        const d = unparen(f.default);
        if (d.kind === "Ident" && d.name === "now" && f.type === "timestamp") line += ".defaultTo(db.raw(nowMs))";
        else if (d.kind === "Number" || d.kind === "Bool") line += `.defaultTo(${String(d.value)})`;
        else if (d.kind === "String" || d.kind === "Ident") line += `.defaultTo(${JSON.stringify(d.kind === "String" ? d.value : d.name)})`;
      }
      if (!f.optional && !f.nullable && !f.default) line += ".notNullable()";
      return `${line};`;
    });
    const file = `${String(i + 1).padStart(4, "0")}_create_${fileNameOf(name)}`;
    files.push(file);
    const text = `// The "${name}" table, from ${ws.tables.get(name)!.relativePath}.
import type { Knex } from "knex";

export async function up(db: Knex): Promise<void> {
  const nowMs = db.client.config.client === "pg" ? "(extract(epoch from now()) * 1000)::bigint" : "(CAST(unixepoch('subsec') * 1000 AS INTEGER))";
  await db.schema.createTable(${JSON.stringify(name)}, (t) => {
${columns.map((c) => `    ${c}`).join("\n")}
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists(${JSON.stringify(name)});
}
`;
    out.push({ path: `migrations/${file}.ts`, text });
  });
  const imports = files.map((f, i) => `import * as m${i + 1} from "../migrations/${f}.js";`);
  out.push({
    path: "src/migrate.ts",
    text: `// npm run migrate: creates or updates the tables (npm run migrate -- down to undo them all).
import type { Knex } from "knex";
import { db } from "./db.js";
${imports.join("\n")}

const migrations: Record<string, { up(db: Knex): Promise<void>; down(db: Knex): Promise<void> }> = {
${files.map((f, i) => `  ${JSON.stringify(f)}: m${i + 1},`).join("\n")}
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export async function migrate(direction: "latest" | "down" = "latest"): Promise<void> {
  if (direction === "down") await db.migrate.rollback({ migrationSource }, true);
  else await db.migrate.latest({ migrationSource });
}

if (import.meta.url === \`file://\${process.argv[1]}\`) {
  try {
    await migrate(process.argv[2] === "down" ? "down" : "latest");
  } finally {
    await db.destroy();
  }
}
`,
  });
  const tableImports = names.map((n) => `import { ${camelCase(n)}Table } from "./${fileNameOf(n)}.js";`);
  out.push({
    path: "src/tables/index.ts",
    text: `// Every table of the workspace, by name.
import type { TableDefinition } from "../runtime/table.js";
${tableImports.join("\n")}

export const tables: Record<string, TableDefinition> = {
${names.map((n) => `  ${JSON.stringify(n)}: ${camelCase(n)}Table,`).join("\n")}
};
`,
  });
  return out;
}

