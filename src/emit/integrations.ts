// util.* and api.* statements: e-mail, HTTP requests, sleeping.
import type { CallStatement, Expr } from "../ast.js";
import { objectKey } from "../analyze/names.js";
import type { ModuleContext } from "./context.js";
import { expr, unparen } from "./expressions.js";
import { bindResult } from "./db.js";
import { notMigrated, prop, type Lines } from "./statements.js";

/** Parameters left at these values say nothing: they are dropped from the call. */
function isEmptyDefault(e: Expr): boolean {
  const v = unparen(e);
  return (v.kind === "String" && v.value === "") || (v.kind === "Array" && v.elements.length === 0) || v.kind === "Null";
}

export function emitIntegrationStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  switch (s.name) {
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
    ctx.report({ kind: "difference", code: "XS5002", message: `util.send_email with service_provider "xano" has no standalone equivalent; set EMAIL_PROVIDER to send through Resend instead`, position: s.span.start });
  }
  const fields: string[] = [];
  for (const [key, name] of Object.entries(EMAIL_FIELDS)) {
    const value = prop(s, key);
    if (value === undefined || (key !== "subject" && key !== "message" && key !== "to" && isEmptyDefault(value))) continue;
    fields.push(`${name}: ${expr(value, ctx)}`);
  }
  const apiKey = prop(s, "api_key");
  if (apiKey !== undefined) {
    const literal = unparen(apiKey);
    if (literal.kind === "String") {
      // A credential written into the source: read it from the environment instead.
      ctx.report({ kind: "secret", code: "XS4002", message: `a literal api_key for util.send_email was moved to the environment variable RESEND_API_KEY`, position: apiKey.span.start });
      ctx.envUsed("RESEND_API_KEY", apiKey.span.start);
      fields.push(`apiKey: ${ctx.use("env", "env")}.RESEND_API_KEY, // was a literal key in the XanoScript source`);
    } else {
      fields.push(`apiKey: ${expr(apiKey, ctx)}`);
    }
  }
  const known = new Set([...Object.keys(EMAIL_FIELDS), "api_key"]);
  for (const item of s.body ?? []) {
    if (item.kind === "Property" && !known.has(item.name)) return notMigrated(s, ctx, `unknown parameter ${item.name}`);
  }
  const call = `await ${ctx.rt("email", "sendEmail")}({\n${fields.map((f) => `  ${f.endsWith("source") ? f : `${f},`}`).join("\n")}\n})`;
  return bindResult(s, call, ctx);
}

function apiRequest(s: CallStatement, ctx: ModuleContext): Lines {
  const fields: string[] = [];
  for (const item of s.body ?? []) {
    if (item.kind !== "Property") return notMigrated(s, ctx, "an api.request with a nested block");
    fields.push(`${objectKey(item.name)}: ${expr(item.value, ctx)}`);
    if (item.name === "url") {
      const url = unparen(item.value);
      if (url.kind === "String") {
        try {
          ctx.report({ kind: "host", code: "XS4004", message: `calls ${new URL(url.value).host}`, position: item.span.start });
        } catch {
          // Not a full URL: nothing to report.
        }
      }
    }
  }
  return bindResult(s, `await ${ctx.rt("http", "apiRequest")}({ ${fields.join(", ")} })`, ctx);
}
