// `$env.NAME` reads an environment variable: NAME must be a name an environment can hold
// ([A-Za-z_][A-Za-z0-9_]*, what shells and dotenv files accept). A quoted name that is not
// one (`$env."X-API KEY"`, a name holding a newline) is an error at the name, not text pasted
// into src/env.ts and .env.example. A `$` name is one of Xano's system variables (`$remote_ip`,
// read as XANO_REMOTE_IP): what follows the `$` must be such a name too.
import type { Expr, Position } from "../ast.js";
import type { Diagnostic } from "../diagnostics/format.js";
import type { Workspace, WorkspaceObject } from "./workspace.js";

/** What an environment variable's name may be: the shells' and dotenv's rule. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isEnvName(name: string): boolean {
  return ENV_NAME.test(name);
}

export function envNameErrors(ws: Workspace): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const object of ws.objects) {
    visit(object.construct, (e) => {
      if (e.object.kind !== "Var" || e.object.name !== "env" || isEnvName(e.property.replace(/^\$/, ""))) return;
      out.push({
        severity: "error",
        code: "XS2010",
        message: `${JSON.stringify(e.property)} is not an environment variable name: use letters, digits and _ (not starting with a digit)`,
        path: object.relativePath,
        position: nameStart(object, e.object.span.end.offset),
      });
    });
  }
  return out;
}

/** Every `$env.…` member expression below a node, whatever the node's kind. */
function visit(node: unknown, found: (e: Extract<Expr, { kind: "Member" }>) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, found);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (record.kind === "Member") found(record as unknown as Extract<Expr, { kind: "Member" }>);
  for (const [key, value] of Object.entries(record)) if (key !== "span") visit(value, found);
}

/** The position of the name after `$env.` (past the dot and any space). */
function nameStart(object: WorkspaceObject, afterEnv: number): Position {
  let offset = afterEnv;
  while (offset < object.source.length && /[.\s]/.test(object.source[offset]!)) offset++;
  const before = object.source.slice(0, offset);
  const line = before.split("\n").length;
  return { offset, line, col: offset - before.lastIndexOf("\n") };
}
