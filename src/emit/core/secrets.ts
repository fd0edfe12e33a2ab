// Credentials written into the XanoScript as literals: never copied into generated code.
// Each becomes an environment variable, listed in .env.example and MIGRATION.md.
import type { Expr } from "../../ast.js";
import type { ModuleContext } from "./context.js";
import { unparen } from "../../ast.js";
import { credentialsOf } from "../../analyze/credentials.js";
import { stringLiteral } from "./escape.js";

const SECRET_NAME = /(api[_-]?key|secret|token|passw(or)?d|private[_-]?key|access[_-]?key|auth)/i;
const SECRET_HEADER = /^(authorization|x-api-key|api-key|x-auth-token|x-access-token|apikey)$/i;

/** Whether a property called `name` holding `value` is a credential written as a literal. */
export function isLiteralSecret(name: string, value: Expr): boolean {
  const v = unparen(value);
  return SECRET_NAME.test(name) && v.kind === "String" && v.value.trim() !== "";
}

/**
 * A text literal holding credentials, with each read from its environment variable
 * (`"Authorization: Bearer " + env.AUTHORIZATION_SECRET`; the same value, the same variable);
 * undefined when it holds none.
 */
export function textWithCredentials(
  literal: Extract<Expr, { kind: "String" }>,
  ctx: ModuleContext,
): string | undefined {
  const parts = credentialsOf(ctx.workspace).split(literal.value);
  if (parts.every((p) => p.env === undefined)) return undefined;
  const code = parts.map((p) =>
    p.env === undefined ? stringLiteral(p.text!) : hoistSecret(ctx, p.env, literal, "a credential"),
  );
  return code.length === 1 ? code[0]! : `(${code.join(" + ")})`;
}

/** `env.NAME`, with the finding that says where the literal was. */
export function hoistSecret(ctx: ModuleContext, wanted: string, literal: Expr, what: string): string {
  // A value found before emitting keeps the one name it has everywhere.
  const v = unparen(literal);
  const envName = (v.kind === "String" ? credentialsOf(ctx.workspace).envOf(v.value.trim()) : undefined) ?? wanted;
  ctx.report({
    kind: "secret",
    code: "XS4002",
    message: `${what} was a literal in the source; it is read from the environment variable ${envName} instead`,
    position: literal.span.start,
  });
  ctx.envUsed(envName, literal.span.start);
  return `${ctx.use("env", "env")}.${envName}`;
}

/** `"Authorization: Bearer sk_…"` → the header's name, the part kept, and the secret, or undefined. */
export function secretHeader(line: string): { header: string; prefix: string; secret: string } | undefined {
  const colon = line.indexOf(":");
  if (colon <= 0) return undefined;
  const header = line.slice(0, colon).trim();
  if (!SECRET_HEADER.test(header)) return undefined;
  const value = line.slice(colon + 1).trim();
  const scheme = /^(Bearer|Basic|Token)\s+/i.exec(value);
  const secret = scheme ? value.slice(scheme[0].length) : value;
  if (secret === "") return undefined;
  return { header, prefix: `${header}: ${scheme ? scheme[0] : ""}`, secret };
}

/** An environment variable name from words: `api.example.com` + `token` → `API_EXAMPLE_COM_TOKEN`. */
export function envName(...words: string[]): string {
  return words
    .join("_")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}
