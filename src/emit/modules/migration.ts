// Table definitions as knex migrations: one per table (referenced tables first, so foreign
// keys can be declared inline), plus the migrate entry point and the index of table metadata
// the data layer reads. How each type is stored is in templates/runtime/db-columns.ts.
import { camelCase } from "../../analyze/names.js";
import type { Workspace } from "../../analyze/workspace.js";
import { unparen } from "../../ast.js";
import type { Finding } from "../core/context.js";
import { blankLine, moduleText, type EmittedModule } from "../core/module-text.js";
import { objectLiteral } from "../core/object-literal.js";
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { commentText, objectKey, stringLiteral } from "../core/escape.js";
import { tableFileName } from "../core/naming.js";
import { literal } from "../../analyze/literal.js";
import { JSON_TYPES, tableSchema, type Column, type Index, type TableSchema } from "../../analyze/table-schema.js";
import { entryPoint, IS_MAIN, namedImport, typeImport } from "../core/entry-point.js";

/** Tables in creation order: a table after those it refers to (ties by name); cycles keep name order. */
export function creationOrder(schemas: Map<string, TableSchema>): string[] {
  const names = [...schemas.keys()].sort();
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: string[] = [];
  const visit = (n: string) => {
    if (done.has(n) || visiting.has(n)) return;
    visiting.add(n);
    for (const c of schemas.get(n)!.columns) if (c.table && c.table !== n && schemas.has(c.table)) visit(c.table);
    visiting.delete(n);
    done.add(n);
    out.push(n);
  };
  names.forEach(visit);
  return out;
}

interface Emitted {
  indexes: Set<string>;
  lines: string[];
  after: string[];
  helpers: Set<string>;
}

function columnLine(
  table: TableSchema,
  c: Column,
  schemas: Map<string, TableSchema>,
  created: Set<string>,
  out: Emitted,
  note: (message: string) => void,
): void {
  const n = JSON.stringify(c.name);
  if (c.name === "id" && !c.list) {
    out.lines.push(c.type === "uuid" ? `c.uuidKey("id");` : `t.bigIncrements("id");`);
    return;
  }
  let line: string;
  if (c.list || JSON_TYPES.has(c.type)) line = `c.json(${n})`;
  else {
    switch (c.type) {
      case "int":
        line = `t.bigInteger(${n})`;
        break;
      case "decimal":
        line = `t.double(${n})`;
        break;
      case "bool":
        line = `t.boolean(${n})`;
        break;
      case "timestamp":
        line = `c.timestamp(${n})`;
        break;
      case "date":
        line = `c.date(${n})`;
        break;
      case "uuid":
        line = `t.uuid(${n})`;
        break;
      case "enum":
        line = c.values && c.values.length > 0 ? `t.enu(${n}, ${JSON.stringify(c.values)})` : `t.text(${n})`;
        break;
      case "vector":
        line = `c.vector(${n}${c.size !== undefined ? `, ${c.size}` : ""})`;
        out.helpers.add("requireVector");
        note(
          `the vector column "${c.name}" of "${table.name}" needs pgvector on PostgreSQL; on SQLite it is JSON text and similarity search is not available`,
        );
        break;
      case "text":
      case "email":
      case "password":
        line = `t.text(${n})`;
        break;
      default:
        line = `t.text(${n})`;
        note(`the column "${c.name}" of "${table.name}" has the type ${c.type}, stored as text`);
    }
  }
  if (c.default) {
    const d = unparen(c.default);
    const value = d.kind === "Ident" ? d.name : literal(d);
    if (value === "now" && c.type === "timestamp") line += ".defaultTo(c.now())";
    else if (value === "now" && c.type === "date") line += ".defaultTo(c.today())";
    else if (value !== null && typeof value === "object")
      line += `.defaultTo(${JSON.stringify(JSON.stringify(value))})`;
    else if (c.type === "timestamp" && value !== undefined)
      out.lines.push(
        `// The default ${commentText(JSON.stringify(value))} of ${stringLiteral(c.name)} is not a database default: set it when writing.`,
      );
    else if (value !== undefined && value !== null) line += `.defaultTo(${JSON.stringify(value)})`;
  }
  if (!c.nullable && !c.default) line += ".notNullable()";
  if (c.table && !c.list && schemas.has(c.table)) {
    const target = schemas.get(c.table)!;
    const targetKey = target.columns.find((x) => x.name === "id")?.type ?? "int";
    const compatible = (targetKey === "uuid") === (c.type === "uuid") && (c.type === "int" || c.type === "uuid");
    if (!compatible)
      out.lines.push(
        `// ${stringLiteral(c.name)} refers to ${stringLiteral(c.table)} but its type (${c.type}) differs from that table's id: no foreign key.`,
      );
    else if (c.table !== table.name && !created.has(c.table))
      out.lines.push(
        `// ${stringLiteral(c.name)} refers to ${stringLiteral(c.table)}, created later (the references form a cycle): no foreign key.`,
      );
    else
      line += `.references("id").inTable(${JSON.stringify(c.table)}).onDelete(${c.nullable ? '"SET NULL"' : '"NO ACTION"'})`;
  } else if (c.table && !schemas.has(c.table)) {
    out.lines.push(
      `// ${stringLiteral(c.name)} refers to the table ${stringLiteral(c.table)}, which is not in the workspace: no foreign key.`,
    );
  }
  out.lines.push(`${line};`);
}

function indexLines(table: TableSchema, i: Index, out: Emitted, note: (message: string) => void): void {
  const t = JSON.stringify(table.name);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const missing = i.fields.filter((f) => !byName.has(f.name)).map((f) => f.name);
  const what = `the ${i.type} index on ${i.fields.map((f) => f.name).join(", ")}`;
  if (i.type === "primary") {
    if (i.fields.length !== 1 || i.fields[0]!.name !== "id")
      out.after.push(`// Not created: ${commentText(what)} (the primary key is "id").`);
    return;
  }
  if (missing.length > 0) {
    const internal = missing.includes("xdo") ? " (xdo is Xano's internal storage column, not part of the schema)" : "";
    out.after.push(`// Not created: ${commentText(what)}: no column ${commentText(missing.join(", "))}${internal}.`);
    return;
  }
  const fields = JSON.stringify(
    i.fields.map((f) => (f.op === "desc" ? { name: f.name, op: "desc" } : { name: f.name })),
  );
  const key = `${i.type} ${fields}`;
  if (out.indexes.has(key)) {
    out.after.push(`// Not created twice: ${commentText(what)} (declared again).`);
    return;
  }
  out.indexes.add(key);
  switch (i.type) {
    case "btree":
    case "btree|unique":
      out.helpers.add("btreeIndex");
      out.after.push(`await btreeIndex(db, ${t}, ${fields}${i.type === "btree|unique" ? ", true" : ""});`);
      return;
    case "gin": {
      const f = i.fields[0]!;
      const c = byName.get(f.name)!;
      if (i.fields.length !== 1 || !(c.list || JSON_TYPES.has(c.type))) {
        out.after.push(`// Not created: ${commentText(what)}: GIN indexes here are for one JSON column.`);
        return;
      }
      out.helpers.add("ginIndex");
      out.after.push(
        `if (pg) await ginIndex(db, ${t}, ${JSON.stringify(f.name)}${f.op ? `, ${JSON.stringify(f.op)}` : ""});`,
        `// SQLite has no GIN index: JSON conditions on ${stringLiteral(f.name)} scan the table there.`,
      );
      note(`${what} of "${table.name}" exists on PostgreSQL only (SQLite has no GIN index)`);
      return;
    }
    case "search":
      out.helpers.add("searchIndex");
      out.after.push(
        `if (pg) await searchIndex(db, ${t}, ${JSON.stringify(i.fields)}${i.lang ? `, ${JSON.stringify(i.lang)}` : ""});`,
        `// SQLite has no full-text index without a separate FTS5 table: not created there.`,
      );
      note(`${what} of "${table.name}" exists on PostgreSQL only (full text on SQLite would need an FTS5 table)`);
      return;
    case "vector":
      out.helpers.add("vectorIndex");
      out.after.push(
        `if (pg) await vectorIndex(db, ${t}, ${JSON.stringify(i.fields[0]!.name)}${i.fields[0]!.op ? `, ${JSON.stringify(i.fields[0]!.op)}` : ""});`,
        `// SQLite has no vector index.`,
      );
      return;
    default:
      out.after.push(`// Not created: ${commentText(what)}: an index type xs2ts does not know.`);
      note(`${what} of "${table.name}" is not created: an index type xs2ts does not know`);
  }
}

/** One knex migration per table, plus the index tables and the migrate entry point. */
export function migrations(ws: Workspace, findings?: Finding[]): EmittedModule[] {
  const out: EmittedModule[] = [];
  const schemas = new Map([...ws.tables].map(([name, object]) => [name, tableSchema(object)]));
  const order = creationOrder(schemas);
  const files: string[] = [];
  const created = new Set<string>();
  order.forEach((name, i) => {
    const object = ws.tables.get(name)!;
    const schema = schemas.get(name)!;
    const note = (message: string) =>
      findings?.push({
        kind: "difference",
        code: "XS5101",
        message,
        path: object.relativePath,
        position: object.construct.span.start,
      });
    const e: Emitted = { indexes: new Set(), lines: [], after: [], helpers: new Set(["columns"]) };
    created.add(name);
    for (const c of schema.columns) columnLine(schema, c, schemas, created, e, note);
    for (const index of schema.indexes) indexLines(schema, index, e, note);
    if (schema.columns.some((c) => c.table && schemas.has(c.table) && !c.list)) {
      note(
        `"${name}" has foreign keys: deleting a referenced row sets optional references to null (Xano keeps the stale id) and fails for required ones`,
      );
    }
    const usesPg = e.after.some((l) => l.startsWith("if (pg)")) || e.helpers.has("requireVector");
    if (usesPg) e.helpers.add("isPostgres");
    const helpers = [...e.helpers].sort();
    const file = `${String(i + 1).padStart(4, "0")}_create_${tableFileName(name)}`;
    files.push(file);
    const body = [
      ...(usesPg ? ["const pg = isPostgres(db);"] : []),
      ...(e.helpers.has("requireVector") ? ["if (pg) await requireVector(db);"] : []),
      `await db.schema.createTable(${JSON.stringify(name)}, (t) => {`,
      "  const c = columns(db, t);",
      ...e.lines.map((l) => `  ${l}`),
      "});",
      ...e.after,
    ];
    const migration = (name: "up" | "down", statements: string[]): StatementStructures => ({
      kind: StructureKind.Function,
      isExported: true,
      isAsync: true,
      name,
      parameters: [{ name: "db", type: "Knex" }],
      returnType: "Promise<void>",
      statements,
    });
    const text = moduleText(
      `// The ${stringLiteral(name)} table, from ${commentText(object.relativePath)}.`,
      undefined,
      [migration("up", body), migration("down", [`await db.schema.dropTableIfExists(${JSON.stringify(name)});`])],
      [
        { moduleSpecifier: "knex", namedImports: ["Knex"], isTypeOnly: true },
        { moduleSpecifier: "../runtime/db-columns.js", namedImports: helpers },
      ],
    );
    out.push({ path: `src/migrations/${file}.ts`, text });
  });
  out.push(migrateModule(files));
  const names = [...ws.tables.keys()].sort();
  out.push({
    path: "src/tables/index.ts",
    text: moduleText(
      "// Every table of the workspace, by name.",
      undefined,
      [
        {
          kind: StructureKind.VariableStatement,
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          declarations: [
            {
              name: "tables",
              type: "Record<string, TableDefinition>",
              initializer: objectLiteral(names.map((n) => ({ name: objectKey(n), value: `${camelCase(n)}Table` }))),
            },
          ],
        },
      ],
      [
        { moduleSpecifier: "../runtime/db-table.js", namedImports: ["TableDefinition"], isTypeOnly: true },
        ...names.map((n) => ({ moduleSpecifier: `./${tableFileName(n)}.js`, namedImports: [`${camelCase(n)}Table`] })),
      ],
    ),
  });
  return out;
}

/** src/migrate.ts: `npm run migrate` (and `-- down`), and the migrations as knex reads them. */
function migrateModule(files: readonly string[]): EmittedModule {
  const module = (i: number) => `m${i + 1}`;
  return entryPoint(
    "src/migrate.ts",
    "// npm run migrate: creates or updates the tables (npm run migrate -- down to undo them all).",
    [
      {
        kind: StructureKind.VariableStatement,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: "migrations",
            type: "Record<string, { up(db: Knex): Promise<void>; down(db: Knex): Promise<void> }>",
            initializer: objectLiteral(files.map((f, i) => ({ name: JSON.stringify(f), value: module(i) }))),
          },
        ],
      },
      blankLine,
      {
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [
          {
            name: "migrationSource",
            type: "Knex.MigrationSource<string>",
            initializer: objectLiteral([
              { name: "getMigrations", value: "async () => Object.keys(migrations)" },
              { name: "getMigrationName", value: "(name) => name" },
              { name: "getMigration", value: "async (name) => migrations[name]!" },
            ]),
          },
        ],
      },
      blankLine,
      {
        kind: StructureKind.Function,
        isExported: true,
        isAsync: true,
        name: "migrate",
        parameters: [{ name: "direction", type: '"latest" | "down"', initializer: '"latest"' }],
        returnType: "Promise<void>",
        statements: [
          'if (direction === "down") await db.migrate.rollback({ migrationSource }, true);',
          "else await db.migrate.latest({ migrationSource });",
        ],
      },
      `if (${IS_MAIN}) {
  try {
    await migrate(process.argv[2] === "down" ? "down" : "latest");
  } finally {
    await db.destroy();
  }
}`,
    ],
    [
      namedImport("node:url", "pathToFileURL"),
      typeImport("knex", "Knex"),
      namedImport("./db.js", "db"),
      ...files.map((f, i) => ({ moduleSpecifier: `./migrations/${f}.js`, namespaceImport: module(i) })),
    ],
  );
}
