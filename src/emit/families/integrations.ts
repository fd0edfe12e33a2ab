// util.* and api.* statements: e-mail, HTTP requests, sleeping.
import type { CallStatement, Expr } from "../../ast.js";
import { objectProperty } from "../core/escape.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { envName, hoistSecret, isLiteralSecret, secretHeader } from "../core/secrets.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** Parameters left at these values say nothing: they are dropped from the call. */
export function isEmptyDefault(e: Expr): boolean {
  const v = unparen(e);
  return (
    (v.kind === "String" && v.value === "") || (v.kind === "Array" && v.elements.length === 0) || v.kind === "Null"
  );
}

/** The statements this family handles. */
export const INTEGRATION_STATEMENTS = ["util.send_email", "api.request", "util.sleep"] as const;

export function emitIntegrationStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  switch (s.name as (typeof INTEGRATION_STATEMENTS)[number]) {
    case "util.send_email":
      return sendEmail(s, ctx);
    case "api.request":
      return apiRequest(s, ctx);
    case "util.sleep": {
      const value = prop(s, "value");
      return [`await ${ctx.rt("time", "sleep")}(${value ? expr(value, ctx) : "0"});`];
    }
    default:
      return undefined;
  }
}

const EMAIL_FIELDS: Record<string, string> = {
  service_provider: "serviceProvider",
  subject: "subject",
  message: "message",
  to: "to",
  from: "from",
  cc: "cc",
  bcc: "bcc",
  reply_to: "replyTo",
  scheduled_at: "scheduledAt",
};

function sendEmail(s: CallStatement, ctx: ModuleContext): Lines {
  const provider = prop(s, "service_provider");
  const providerName = provider?.kind === "String" ? provider.value : undefined;
  if (providerName === "xano") {
    ctx.report({
      kind: "difference",
      code: "XS5002",
      message: `util.send_email with service_provider "xano" has no standalone equivalent; set EMAIL_PROVIDER to send through Resend instead`,
      position: s.span.start,
    });
  } else {
    ctx.report({
      kind: "host",
      code: "XS4004",
      message: "sends e-mail through Resend (api.resend.com; RESEND_API_KEY, or EMAIL_PROVIDER=log to print instead)",
      position: s.span.start,
    });
  }
  const fields: string[] = [];
  for (const [key, name] of Object.entries(EMAIL_FIELDS)) {
    const value = prop(s, key);
    if (value === undefined || (key !== "subject" && key !== "message" && key !== "to" && isEmptyDefault(value)))
      continue;
    fields.push(`${name}: ${expr(value, ctx)}`);
  }
  const apiKey = prop(s, "api_key");
  if (apiKey !== undefined) {
    if (isLiteralSecret("api_key", apiKey)) {
      fields.push(
        `apiKey: ${hoistSecret(ctx, "RESEND_API_KEY", apiKey, "the api_key of util.send_email")}, // was a literal key in the XanoScript source\n`,
      );
    } else {
      fields.push(`apiKey: ${expr(apiKey, ctx)}`);
    }
  }
  const known = new Set([...Object.keys(EMAIL_FIELDS), "api_key"]);
  for (const item of s.body ?? []) {
    if (item.kind === "Property" && !known.has(item.name)) return notMigrated(s, ctx, `unknown parameter ${item.name}`);
  }
  return bind(s, `await ${callWith(ctx.rt("email", "sendEmail"), fields)}`, ctx);
}

/** `helper({ a: 1, b: 2 })`, one field a line: a field ending in a line comment carries its own comma and line break. */
export function callWith(helper: string, fields: readonly string[]): string {
  return `${helper}({\n${fields.map((f) => (f.endsWith("\n") ? f : `${f},\n`)).join("")}})`;
}

/** The host of the leftmost literal URL in an expression (`"https://api.x.com/" ~ $path`). */
export function literalHost(e: Expr): string | undefined {
  e = unparen(e);
  if (e.kind === "Binary" && e.op === "~") return literalHost(e.left);
  if (e.kind !== "String") return undefined;
  try {
    return new URL(e.value).host || undefined;
  } catch {
    return undefined;
  }
}

function apiRequest(s: CallStatement, ctx: ModuleContext): Lines {
  const call = apiRequestCall(s, ctx);
  return typeof call === "string" ? bind(s, `await ${call}`, ctx) : call;
}

/** The request's call (not awaited), or the lines of a statement not migrated. */
export function apiRequestCall(s: CallStatement, ctx: ModuleContext): string | Lines {
  const fields: string[] = [];
  const url = prop(s, "url");
  const host = url ? literalHost(url) : undefined;
  if (host !== undefined)
    ctx.report({ kind: "host", code: "XS4004", message: `calls ${host}`, position: url!.span.start });
  for (const item of s.body ?? []) {
    if (item.kind !== "Property") return notMigrated(s, ctx, "an api.request with a nested block");
    // `async = true` says how the statement runs, not what is sent (see emit/families/async.ts).
    if (item.name === "async") continue;
    const value = item.name === "headers" ? headers(item.value, host, ctx) : expr(item.value, ctx);
    fields.push(objectProperty(item.name, value));
  }
  return `${ctx.rt("http", "apiRequest")}({ ${fields.join(", ")} })`;
}

/** Header lines; a credential written in one (`"Authorization: Bearer sk_…"`) is read from the environment. */
function headers(e: Expr, host: string | undefined, ctx: ModuleContext): string {
  const list = unparen(e);
  if (list.kind !== "Array") return expr(e, ctx);
  const items = list.elements.map((element) => {
    const line = unparen(element);
    const secret = line.kind === "String" ? secretHeader(line.value) : undefined;
    if (secret === undefined) return expr(element, ctx);
    const name = envName(host ?? "api", secret.header === "Authorization" ? "token" : secret.header);
    return `${JSON.stringify(secret.prefix)} + ${hoistSecret(ctx, name, element, `the ${secret.header} header`)}`;
  });
  return `[${items.join(", ")}]`;
}
