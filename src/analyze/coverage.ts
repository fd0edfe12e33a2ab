// How much of a definition is statements: the denominator of MIGRATION.md's coverage table.
import type { BlockItem, Construct } from "../ast.js";

/** Blocks that hold statements without being one themselves. */
const CONTAINERS = new Set(["stack"]);

/**
 * The statements of a definition's stacks, nested ones included (`conditional`, `foreach`, …
 * count once each, as does every statement inside them). Inputs, schemas and settings are not
 * statements and are not counted.
 */
export function countStatements(construct: Construct): number {
  return construct.body.reduce(
    (n, item) => n + (item.kind === "CallStatement" && CONTAINERS.has(item.name) ? statementsIn(item.body ?? []) : 0),
    0,
  );
}

function statementsIn(items: readonly BlockItem[]): number {
  let count = 0;
  for (const item of items) {
    switch (item.kind) {
      case "CallStatement":
        count += (CONTAINERS.has(item.name) ? 0 : 1) + statementsIn(item.body ?? []);
        break;
      case "Conditional":
        count += 1 + item.clauses.reduce((n, clause) => n + statementsIn(clause.body), 0);
        break;
      case "Switch":
        count += 1 + item.cases.reduce((n, c) => n + statementsIn(c.body), 0);
        break;
      case "TryCatch":
        count +=
          1 + statementsIn(item.body) + statementsIn(item.catchBody ?? []) + statementsIn(item.finallyBody ?? []);
        break;
      case "Foreach":
      case "For":
      case "While":
        count += 1 + statementsIn(item.body);
        break;
      case "Each":
      case "If":
      case "Case":
        count += statementsIn(item.body);
        break;
      case "Break":
      case "Continue":
        count += 1;
        break;
      case "Property":
      case "Fields":
        break;
      default: {
        const unhandled: never = item;
        throw new Error(`countStatements: unhandled ${(unhandled as BlockItem).kind}`);
      }
    }
  }
  return count;
}
