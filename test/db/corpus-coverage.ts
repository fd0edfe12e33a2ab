// How many db.* statements of a workspace xs2ts translates, and why the others are not:
//   npx tsx test/db/corpus-coverage.ts [workspace]   (default: ../shared/corpus/bwats)
import { join } from "node:path";
import { nodesOf, type CallStatement, type NodeTree } from "../../src/ast.js";
import { loadWorkspace } from "../../src/analyze/workspace.js";
import { ModuleContext, type Finding } from "../../src/emit/core/context.js";
import { emitStack } from "../../src/emit/stack/dispatch.js";
import { sharedRoot } from "../support/shared.js";

export interface Coverage {
  total: number;
  translated: number;
  notMigrated: { where: string; statement: string; reason: string }[];
  byStatement: Record<string, { translated: number; notMigrated: number }>;
}

function dbStatements(tree: NodeTree, out: CallStatement[]): void {
  for (const n of nodesOf(tree)) if (n.kind === "CallStatement" && n.name.startsWith("db.")) out.push(n);
}

export function coverage(workspace: string): Coverage {
  const ws = loadWorkspace(workspace);
  const result: Coverage = { total: 0, translated: 0, notMigrated: [], byStatement: {} };
  for (const object of ws.objects) {
    const statements: CallStatement[] = [];
    dbStatements(object.construct.body, statements);
    for (const s of statements) {
      const findings: Finding[] = [];
      const ctx = new ModuleContext(ws, "functions/x", object.relativePath, findings);
      // Through the dispatcher, as a stack of one: db.transaction writes its nested stack with it.
      emitStack([s], ctx, { returns: "void" });
      const own = findings.find((f) => f.kind === "not-migrated" && f.position.offset === s.span.start.offset);
      const entry = (result.byStatement[s.name] ??= { translated: 0, notMigrated: 0 });
      result.total++;
      if (own === undefined) {
        result.translated++;
        entry.translated++;
      } else {
        entry.notMigrated++;
        result.notMigrated.push({
          where: `${object.relativePath}:${s.span.start.line}`,
          statement: s.name,
          reason: own.message,
        });
      }
    }
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const c = coverage(process.argv[2] ?? join(sharedRoot, "corpus/bwats"));
  console.log(`db.* statements: ${c.total}, translated ${c.translated}, not migrated ${c.total - c.translated}`);
  for (const [name, e] of Object.entries(c.byStatement).sort())
    console.log(`  ${name.padEnd(16)} ${e.translated} translated, ${e.notMigrated} not migrated`);
  for (const n of c.notMigrated) console.log(`  ${n.where}: ${n.reason}`);
}
