// An emitted expression: its code, what is known of its type, and its precedence.
import type { Expr } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import type { StaticType } from "../core/types.js";

export interface Emitted {
  code: string;
  type: StaticType;
  /** Precedence of the emitted code's top operator, to parenthesise only where needed. */
  prec: number;
  /** Set when the value is text known exactly: what it reads as between a template literal's backticks. */
  templateBody?: string;
  /**
   * A boolean, or null or undefined (an optional bool input, a nullable bool column): in a
   * condition it is its own truth, as isTruthy gives for these three alone.
   */
  boolOrNull?: true;
}

/** The precedence of a call (and of member access): binds tighter than any operator. */
export const CALL = 18;

/** An expression we cannot translate yet: a call that throws, marked and reported. */
export function notMigratedExpr(what: string, at: Expr, ctx: ModuleContext): Emitted {
  ctx.report({ kind: "not-migrated", code: "XS3002", message: `${what} is not migrated`, position: at.span.start });
  const fn = ctx.rt("errors", "notMigrated");
  return {
    code: `${fn}(${JSON.stringify(`${what} (${ctx.sourcePath}:${at.span.start.line})`)})`,
    type: "unknown",
    prec: CALL,
  };
}
