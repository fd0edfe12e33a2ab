// Security statements with no filter of their own: generated passwords, authentication
// tokens, new keys, and the claim check of security.jws_decode / jwe_decode.
// Tokens and encryption themselves are the filters' (filters/security.ts); bcrypt password
// checks are password.ts's, which the data layer uses without the rest of this.

import { createHash, generateKeyPairSync, randomBytes, randomInt } from "node:crypto";
import { jweDecode, jweEncode } from "./filters/security.js";
import { isNull, isPlainObject, toJson, toNumber, toText } from "./values.js";

// ---------------------------------------------------------------------------------------
// Passwords

export interface PasswordRules {
  characterCount?: unknown;
  requireLowercase?: unknown;
  requireUppercase?: unknown;
  requireDigit?: unknown;
  requireSymbol?: unknown;
  /** The symbols to draw from; empty for the default set. */
  symbolWhitelist?: unknown;
}

const LOWERCASE = "abcdefghijklmnopqrstuvwxyz";
const UPPERCASE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS = "0123456789";
const SYMBOLS = "!#$%&*+-=?@^_~";

/**
 * `security.create_password`: a random password of `characterCount` characters. Each class
 * switched on appears at least once and only those classes are used (letters and digits
 * when none is); positions are shuffled so the guaranteed characters are not in front.
 */
export function createPassword(rules: PasswordRules): string {
  const count = isNull(rules.characterCount) ? 12 : Math.trunc(Number(rules.characterCount));
  const symbols =
    isNull(rules.symbolWhitelist) || toText(rules.symbolWhitelist) === "" ? SYMBOLS : toText(rules.symbolWhitelist);
  const classes = [
    rules.requireLowercase === true ? LOWERCASE : "",
    rules.requireUppercase === true ? UPPERCASE : "",
    rules.requireDigit === true ? DIGITS : "",
    rules.requireSymbol === true ? symbols : "",
  ].filter((c) => c !== "");
  if (classes.length === 0) classes.push(LOWERCASE, UPPERCASE, DIGITS);
  if (!Number.isFinite(count) || count < classes.length)
    throw new RangeError(
      `create_password: character_count must be at least ${classes.length} for the required character kinds`,
    );
  const all = classes.join("");
  const chars = classes.map(pick);
  while (chars.length < count) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join("");
}

function pick(from: string): string {
  return from[randomInt(from.length)];
}

// ---------------------------------------------------------------------------------------
// Authentication tokens

/**
 * The JWE key of authentication tokens: SHA-256 of the secret text, so any long random text
 * in the environment variable works (`openssl rand -base64 32`).
 */
function tokenKey(secret: string): { kty: "oct"; k: string } {
  if (secret.length < 16) throw new RangeError("auth token key: use a secret of at least 16 characters");
  return { kty: "oct", k: createHash("sha256").update(secret, "utf8").digest("base64url") };
}

const KEY_ALGORITHM = "A256KW";
const CONTENT_ALGORITHM = "A256CBC-HS512";

export interface AuthTokenClaims {
  table: unknown;
  id: unknown;
  extras?: unknown;
  /** Seconds the token is valid; 0 or null: no expiry. */
  expiration?: unknown;
}

/**
 * `security.create_auth_token`: an encrypted token (JWE, A256KW + A256CBC-HS512) holding the
 * table, the id and the extras, with iat/exp when it expires. Tokens issued by Xano were
 * encrypted with Xano's own key: they do not decode here, users sign in again.
 */
export function createAuthToken(secret: string | null, claims: AuthTokenClaims): string {
  if (secret === null) throw new Error("security.create_auth_token: AUTH_TOKEN_KEY is not set (see .env.example)");
  const extras = isPlainObject(claims.extras) ? claims.extras : {};
  const payload = { table: toText(claims.table), id: claims.id ?? null, extras };
  return jweEncode(payload, {}, tokenKey(secret), KEY_ALGORITHM, CONTENT_ALGORITHM, claims.expiration ?? 0);
}

/** The claims of a token made by `createAuthToken` (throws when it is forged or expired): for the code that replaces Xano's `$auth`. */
export function readAuthToken(
  secret: string,
  token: unknown,
): { table: string; id: unknown; extras: Record<string, unknown>; iat?: number; exp?: number } {
  return jweDecode(token, {}, tokenKey(secret), KEY_ALGORITHM, CONTENT_ALGORITHM);
}

// ---------------------------------------------------------------------------------------
// Keys, as JWKs: what the key parameter of the token and encryption statements takes

/** Keys come as objects (JWK); Xano's other formats are not documented. */
function jwkFormat(format: unknown, statement: string): void {
  if (!isNull(format) && toText(format) !== "object")
    throw new RangeError(`${statement}: format "${toText(format)}" is not supported, only "object" (a JWK)`);
}

/** `security.create_secret_key`: `bits` random bits as a symmetric JWK (`{kty: "oct", k}`). */
export function createSecretKey(bits: unknown, format?: unknown): Record<string, unknown> {
  jwkFormat(format, "create_secret_key");
  const n = toNumber(bits, "create_secret_key");
  if (!Number.isInteger(n) || n <= 0 || n % 8 !== 0)
    throw new RangeError("create_secret_key: bits must be a positive multiple of 8");
  return { kty: "oct", k: randomBytes(n / 8).toString("base64url") };
}

/** `security.create_rsa_key`: a new RSA key pair of `bits` bits, as a private JWK (it holds the public part). */
export function createRsaKey(bits: unknown, format?: unknown): Record<string, unknown> {
  jwkFormat(format, "create_rsa_key");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: toNumber(bits, "create_rsa_key") });
  return privateKey.export({ format: "jwk" }) as Record<string, unknown>;
}

/** `security.create_curve_key`: a new elliptic-curve key pair (P-256, P-384, P-521), as a private JWK. */
export function createCurveKey(curve: unknown, format?: unknown): Record<string, unknown> {
  jwkFormat(format, "create_curve_key");
  const name = toText(curve).toUpperCase();
  if (!["P-256", "P-384", "P-521"].includes(name))
    throw new RangeError(`create_curve_key: unsupported curve "${toText(curve)}"`);
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: name });
  return privateKey.export({ format: "jwk" }) as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------
// Claims

/** `check_claims` of security.jws_decode / jwe_decode: each given claim must equal the token's. */
export function checkClaims<T>(payload: T, expected: unknown): T {
  if (!isPlainObject(expected)) return payload;
  const claims: Record<string, unknown> = isPlainObject(payload) ? payload : {};
  for (const [name, value] of Object.entries(expected)) {
    if (toJson(claims[name]) !== toJson(value)) throw new Error(`the token's "${name}" claim does not match`);
  }
  return payload;
}
