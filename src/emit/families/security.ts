// security.* statements: random values, passwords, authentication tokens, keys, JWS/JWE
// tokens and encryption. Tokens and encryption call the filters of the same names (runtime
// filters/security.ts); what has no filter is in runtime/security.ts.
import type { CallStatement, Expr } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { hoistSecret } from "../core/secrets.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** The environment variable holding the key of authentication tokens. */
export const AUTH_TOKEN_KEY = "AUTH_TOKEN_KEY";

/** The statements this family handles. */
export const SECURITY_STATEMENTS = [
  "security.random_number",
  "security.create_uuid",
  "security.random_bytes",
  "security.create_password",
  "security.check_password",
  "security.create_auth_token",
  "security.create_secret_key",
  "security.create_rsa_key",
  "security.create_curve_key",
  "security.encrypt",
  "security.decrypt",
  "security.jws_encode",
  "security.jws_decode",
  "security.jwe_encode",
  "security.jwe_decode",
] as const;

export function emitSecurityStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  const filter = (name: string) => ctx.rt("filters/security", name);
  switch (s.name as (typeof SECURITY_STATEMENTS)[number]) {
    case "security.random_number":
      return bind(
        s,
        `${filter("randomNumber")}(${arg(s, "min", ctx, "0")}, ${arg(s, "max", ctx, "Number.MAX_SAFE_INTEGER")})`,
        ctx,
      );
    case "security.create_uuid":
      return bind(s, `${filter("uuid")}()`, ctx);
    case "security.random_bytes":
      if (prop(s, "length") === undefined) return notMigrated(s, ctx, "security.random_bytes without a length");
      return bind(s, `${filter("randomBytes")}(${arg(s, "length", ctx)})`, ctx);
    case "security.create_password":
      return bind(s, `${ctx.rt("security", "createPassword")}(${fields(s, PASSWORD_RULES, ctx)})`, ctx);
    case "security.check_password":
      return bind(
        s,
        `await ${ctx.rt("password", "checkPassword")}(${arg(s, "text_password", ctx)}, ${arg(s, "hash_password", ctx)})`,
        ctx,
      );
    case "security.create_auth_token":
      return createAuthToken(s, ctx);
    case "security.create_secret_key":
      return bind(
        s,
        `${ctx.rt("security", "createSecretKey")}(${[arg(s, "bits", ctx, "256"), ...optional(s, "format", ctx)].join(", ")})`,
        ctx,
      );
    case "security.create_rsa_key":
      return bind(
        s,
        `${ctx.rt("security", "createRsaKey")}(${[arg(s, "bits", ctx, "2048"), ...optional(s, "format", ctx)].join(", ")})`,
        ctx,
      );
    case "security.create_curve_key":
      return bind(
        s,
        `${ctx.rt("security", "createCurveKey")}(${[arg(s, "curve", ctx, '"P-256"'), ...optional(s, "format", ctx)].join(", ")})`,
        ctx,
      );
    case "security.encrypt":
    case "security.decrypt": {
      const name = s.name === "security.encrypt" ? "encrypt" : "decrypt";
      return bind(
        s,
        `${filter(name)}(${arg(s, "data", ctx)}, ${arg(s, "algorithm", ctx)}, ${key(s, "ENCRYPTION_KEY", ctx)}, ${arg(s, "iv", ctx, '""')})`,
        ctx,
      );
    }
    case "security.jws_encode":
      return bind(
        s,
        `${filter("jwsEncode")}(${[arg(s, "claims", ctx, "{}"), arg(s, "headers", ctx, "{}"), key(s, "JWS_KEY", ctx), arg(s, "signature_algorithm", ctx, '"HS256"'), ...optional(s, "ttl", ctx)].join(", ")})`,
        ctx,
      );
    case "security.jws_decode":
      return bind(
        s,
        withClaims(
          s,
          `${filter("jwsDecode")}(${[arg(s, "token", ctx), "{}", key(s, "JWS_KEY", ctx), arg(s, "signature_algorithm", ctx, '"HS256"'), ...optional(s, "timeDrift", ctx)].join(", ")})`,
          ctx,
        ),
        ctx,
      );
    case "security.jwe_encode":
      return bind(
        s,
        `${filter("jweEncode")}(${[arg(s, "claims", ctx, "{}"), arg(s, "headers", ctx, "{}"), key(s, "JWE_KEY", ctx), arg(s, "key_algorithm", ctx), arg(s, "content_algorithm", ctx), ...optional(s, "ttl", ctx)].join(", ")})`,
        ctx,
      );
    case "security.jwe_decode":
      return bind(
        s,
        withClaims(
          s,
          `${filter("jweDecode")}(${[arg(s, "token", ctx), "{}", key(s, "JWE_KEY", ctx), arg(s, "key_algorithm", ctx), arg(s, "content_algorithm", ctx), ...optional(s, "timeDrift", ctx)].join(", ")})`,
          ctx,
        ),
        ctx,
      );
    default:
      return undefined;
  }
}

const PASSWORD_RULES: Record<string, string> = {
  character_count: "characterCount",
  require_lowercase: "requireLowercase",
  require_uppercase: "requireUppercase",
  require_digit: "requireDigit",
  require_symbol: "requireSymbol",
  symbol_whitelist: "symbolWhitelist",
};

/** `security.create_auth_token`: the key comes from the environment; Xano's own key cannot. */
function createAuthToken(s: CallStatement, ctx: ModuleContext): Lines {
  ctx.envUsed(AUTH_TOKEN_KEY, s.span.start);
  ctx.report({
    kind: "difference",
    code: "XS5201",
    message: `security.create_auth_token issues tokens encrypted with ${AUTH_TOKEN_KEY} (JWE A256KW/A256CBC-HS512, readAuthToken in runtime/security.ts reads them); tokens issued by Xano will not decode, so users sign in again`,
    position: s.span.start,
  });
  const secret = `${ctx.use("env", "env")}.${AUTH_TOKEN_KEY}`;
  return bind(
    s,
    `${ctx.rt("security", "createAuthToken")}(${secret}, ${fields(s, { table: "table", id: "id", extras: "extras", expiration: "expiration" }, ctx)})`,
    ctx,
  );
}

/** A parameter's value, or `fallback` when it is not given. */
function arg(s: CallStatement, name: string, ctx: ModuleContext, fallback = "null"): string {
  const value = prop(s, name);
  return value ? expr(value, ctx) : fallback;
}

/** A trailing optional argument: present only when the statement gives it. */
function optional(s: CallStatement, name: string, ctx: ModuleContext): string[] {
  const value = prop(s, name);
  return value ? [expr(value, ctx)] : [];
}

/** An object literal of the given parameters, renamed: `{ characterCount: 16, … }`. */
function fields(s: CallStatement, names: Record<string, string>, ctx: ModuleContext): string {
  const parts = Object.entries(names).flatMap(([xs, ts]) => {
    const value = prop(s, xs);
    return value ? [`${ts}: ${expr(value, ctx)}`] : [];
  });
  return `{ ${parts.join(", ")} }`;
}

/** The `key` parameter; a key written as a literal is read from the environment instead. */
function key(s: CallStatement, envName: string, ctx: ModuleContext): string {
  const value = prop(s, "key");
  if (value === undefined) return '""';
  const v = unparen(value);
  if (v.kind === "String" && v.value.trim() !== "") return hoistSecret(ctx, envName, value, `the key of ${s.name}`);
  return expr(value, ctx);
}

/** `check_claims = {…}`: the decoded payload must hold these claims. */
function withClaims(s: CallStatement, decoded: string, ctx: ModuleContext): string {
  const claims = prop(s, "check_claims");
  if (claims === undefined || isEmptyObject(claims)) return decoded;
  return `${ctx.rt("security", "checkClaims")}(${decoded}, ${expr(claims, ctx)})`;
}

function isEmptyObject(e: Expr): boolean {
  const v = unparen(e);
  return v.kind === "Object" && v.entries.length === 0;
}
