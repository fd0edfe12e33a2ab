// Security filters (the reference's "Security Filters"): hashes, HMAC, encryption, JWS/JWE
// tokens, unique ids. Everything uses node:crypto.
//
// Decisions where the reference is silent:
// - Hashes are lowercase hex; pass `true` as the last argument for the raw bytes.
// - encrypt/decrypt behave as PHP's openssl_encrypt/openssl_decrypt with raw output: the key
//   and IV are the bytes of the given text, NUL-padded or cut to the cipher's sizes.
//   Authenticated modes (GCM, CCM) need a tag PHP returns separately and are not supported.
// - JWS/JWE keys: for HMAC and `dir`/`A*KW` the key is the text's bytes, or a JWK
//   ({"kty":"oct","k":…}, as an object or as JSON text); for RSA/EC a PEM text or a JWK.
//   A symmetric key of the wrong size is an error: how Xano would stretch it is not documented.

import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  getCipherInfo,
  randomBytes as cryptoRandomBytes,
  randomInt,
  randomUUID,
  sign as cryptoSign,
  timingSafeEqual,
  verify as cryptoVerify,
  type CipherGCMTypes,
  type JsonWebKey,
  type KeyObject,
} from "node:crypto";
import { isNull, isPlainObject, textArg, toJson, toText } from "../values.js";
import { bytesOf, fromBytes } from "./encoding.js";

function digest(algorithm: string, v: unknown, raw: unknown): string | Uint8Array {
  const hash = createHash(algorithm).update(bytesOf(v));
  return raw === true ? fromBytes(hash.digest()) : hash.digest("hex");
}

function hmac(algorithm: string, v: unknown, key: unknown, raw: unknown): string | Uint8Array {
  const mac = createHmac(algorithm, bytesOf(key)).update(bytesOf(v));
  return raw === true ? fromBytes(mac.digest()) : mac.digest("hex");
}

/** `"some_message"|md5` → "af8a2aae147de3350f6c0f1a075ede5d". */
export function md5(v: unknown, raw?: unknown): string | Uint8Array {
  return digest("md5", v, raw);
}

/** SHA-1 as hex. */
export function sha1(v: unknown, raw?: unknown): string | Uint8Array {
  return digest("sha1", v, raw);
}

/** SHA-256 as hex. */
export function sha256(v: unknown, raw?: unknown): string | Uint8Array {
  return digest("sha256", v, raw);
}

/** SHA-384 as hex. */
export function sha384(v: unknown, raw?: unknown): string | Uint8Array {
  return digest("sha384", v, raw);
}

/** SHA-512 as hex. */
export function sha512(v: unknown, raw?: unknown): string | Uint8Array {
  return digest("sha512", v, raw);
}

/** `"msg"|hmac_md5:"key"` as hex. */
export function hmacMd5(v: unknown, key: unknown, raw?: unknown): string | Uint8Array {
  return hmac("md5", v, key, raw);
}

/** `"msg"|hmac_sha1:"key"` as hex. */
export function hmacSha1(v: unknown, key: unknown, raw?: unknown): string | Uint8Array {
  return hmac("sha1", v, key, raw);
}

/** `"msg"|hmac_sha256:"key"` as hex. */
export function hmacSha256(v: unknown, key: unknown, raw?: unknown): string | Uint8Array {
  return hmac("sha256", v, key, raw);
}

/** `"msg"|hmac_sha384:"key"` as hex. */
export function hmacSha384(v: unknown, key: unknown, raw?: unknown): string | Uint8Array {
  return hmac("sha384", v, key, raw);
}

/** `"msg"|hmac_sha512:"key"` as hex. */
export function hmacSha512(v: unknown, key: unknown, raw?: unknown): string | Uint8Array {
  return hmac("sha512", v, key, raw);
}

// ---------------------------------------------------------------------------------------
// Encryption

function sized(bytes: Buffer, length: number): Buffer {
  return bytes.length >= length
    ? bytes.subarray(0, length)
    : Buffer.concat([bytes, Buffer.alloc(length - bytes.length)]);
}

function cipherParts(
  algorithm: unknown,
  key: unknown,
  iv: unknown,
  filter: string,
): { name: string; key: Buffer; iv: Buffer | null } {
  const name = toText(algorithm).toLowerCase();
  const info = getCipherInfo(name);
  if (!info) throw new RangeError(`${filter}: unknown cipher "${name}"`);
  if (/gcm|ccm|ocb|poly1305/.test(name))
    throw new RangeError(`${filter}: authenticated cipher "${name}" is not supported`);
  return {
    name,
    key: sized(bytesOf(key), info.keyLength),
    iv: info.ivLength ? sized(bytesOf(iv), info.ivLength) : null,
  };
}

/**
 * `"data"|encrypt:"aes-256-cbc":"key":"iv"` → the cipher text as raw bytes (PKCS#7 padding);
 * chain `|base64_encode` to store or send it.
 */
export function encrypt(v: unknown, algorithm: unknown, key: unknown, iv: unknown): string | Uint8Array {
  const c = cipherParts(algorithm, key, iv, "encrypt");
  const cipher = createCipheriv(c.name, c.key, c.iv);
  return fromBytes(Buffer.concat([cipher.update(bytesOf(v)), cipher.final()]));
}

/** The inverse of `encrypt`: `$enc|decrypt:"aes-256-cbc":"key":"iv"`. */
export function decrypt(v: unknown, algorithm: unknown, key: unknown, iv: unknown): string | Uint8Array {
  const c = cipherParts(algorithm, key, iv, "decrypt");
  const decipher = createDecipheriv(c.name, c.key, c.iv);
  return fromBytes(Buffer.concat([decipher.update(bytesOf(v)), decipher.final()]));
}

// ---------------------------------------------------------------------------------------
// JWS

function b64url(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString("base64url");
}

function jsonPart(part: string, filter: string): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    if (isPlainObject(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new SyntaxError(`${filter}: the token's header is not a JSON object`);
}

/** A JWK given as an object or as JSON text, else null. */
function jwkOf(key: unknown): Record<string, unknown> | null {
  if (isPlainObject(key)) return key;
  if (typeof key === "string" && key.trim().startsWith("{")) {
    try {
      const parsed = JSON.parse(key) as unknown;
      return isPlainObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}

function secretBytes(key: unknown): Buffer {
  const jwk = jwkOf(key);
  return jwk && typeof jwk.k === "string" ? Buffer.from(jwk.k, "base64url") : bytesOf(key);
}

function asymmetricKey(key: unknown, usage: "sign" | "verify"): KeyObject {
  const jwk = jwkOf(key);
  const input = jwk ? { key: jwk as JsonWebKey, format: "jwk" as const } : toText(key);
  if (usage === "sign") return createPrivateKey(input);
  try {
    return createPublicKey(input);
  } catch {
    return createPublicKey(createPrivateKey(input));
  }
}

const JWS_ALGORITHMS: Record<string, { hash: string; kind: "hmac" | "rsa" | "pss" | "ec" }> = {
  HS256: { hash: "sha256", kind: "hmac" },
  HS384: { hash: "sha384", kind: "hmac" },
  HS512: { hash: "sha512", kind: "hmac" },
  RS256: { hash: "sha256", kind: "rsa" },
  RS384: { hash: "sha384", kind: "rsa" },
  RS512: { hash: "sha512", kind: "rsa" },
  PS256: { hash: "sha256", kind: "pss" },
  PS384: { hash: "sha384", kind: "pss" },
  PS512: { hash: "sha512", kind: "pss" },
  ES256: { hash: "sha256", kind: "ec" },
  ES384: { hash: "sha384", kind: "ec" },
  ES512: { hash: "sha512", kind: "ec" },
};

function jwsAlgorithm(name: unknown, filter: string): { name: string; hash: string; kind: string } {
  const alg = toText(name).toUpperCase();
  const spec = JWS_ALGORITHMS[alg];
  if (!spec) throw new RangeError(`${filter}: unsupported signature algorithm "${alg}"`);
  return { name: alg, ...spec };
}

function signingOptions(kind: string): { padding?: number; saltLength?: number; dsaEncoding?: "ieee-p1363" } {
  if (kind === "pss") return { padding: 6, saltLength: -1 };
  if (kind === "ec") return { dsaEncoding: "ieee-p1363" };
  return {};
}

function payloadBytes(payload: unknown, ttl: unknown): string {
  if (isPlainObject(payload) && !isNull(ttl) && Number(ttl) > 0) {
    const now = Math.floor(Date.now() / 1000);
    return toJson({ ...payload, iat: now, exp: now + Math.trunc(Number(ttl)) });
  }
  return typeof payload === "string" ? payload : toJson(payload);
}

function payloadValue(bytes: Buffer): any {
  const text = bytes.toString("utf8");
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function checkTimes(payload: unknown, drift: unknown, filter: string): void {
  if (!isPlainObject(payload)) return;
  const now = Date.now() / 1000;
  const leeway = isNull(drift) ? 0 : Number(drift) || 0;
  if (typeof payload.exp === "number" && now > payload.exp + leeway)
    throw new Error(`${filter}: the token has expired`);
  if (typeof payload.nbf === "number" && now < payload.nbf - leeway)
    throw new Error(`${filter}: the token is not valid yet`);
}

function checkHeaders(header: Record<string, unknown>, expected: unknown, filter: string): void {
  if (!isPlainObject(expected)) return;
  for (const [k, value] of Object.entries(expected)) {
    if (toJson(header[k]) !== toJson(value)) throw new Error(`${filter}: the token's "${k}" header does not match`);
  }
}

/**
 * A signed token: `$claims|jws_encode:$headers:$key:"HS256":$ttl`. An object payload is JSON
 * (with iat/exp added when ttl > 0 seconds), text is signed as is.
 */
export function jwsEncode(payload: unknown, headers: unknown, key: unknown, algorithm: unknown, ttl?: unknown): string {
  const alg = jwsAlgorithm(algorithm, "jws_encode");
  const header = { alg: alg.name, typ: "JWT", ...(isPlainObject(headers) ? headers : {}) };
  const input = `${b64url(toJson(header))}.${b64url(payloadBytes(payload, ttl))}`;
  const signature =
    alg.kind === "hmac"
      ? createHmac(alg.hash, secretBytes(key)).update(input).digest()
      : cryptoSign(alg.hash, Buffer.from(input), { key: asymmetricKey(key, "sign"), ...signingOptions(alg.kind) });
  return `${input}.${b64url(signature)}`;
}

/**
 * Verifies a signed token and returns its payload: `$token|jws_decode:{}:$key:"HS256"`.
 * The token's alg must be the given one; headers given in the first argument must match;
 * exp/nbf are checked, with an optional allowed clock drift in seconds.
 */
export function jwsDecode(
  token: unknown,
  headers: unknown,
  key: unknown,
  algorithm: unknown,
  timeDrift?: unknown,
): any {
  const alg = jwsAlgorithm(algorithm, "jws_decode");
  const parts = textArg(token, "jws_decode").split(".");
  if (parts.length !== 3) throw new SyntaxError("jws_decode: a JWS token has three parts");
  const header = jsonPart(parts[0], "jws_decode");
  if (header.alg !== alg.name)
    throw new Error(`jws_decode: the token is signed with ${toText(header.alg)}, not ${alg.name}`);
  checkHeaders(header, headers, "jws_decode");
  const input = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], "base64url");
  const valid =
    alg.kind === "hmac"
      ? (() => {
          const expected = createHmac(alg.hash, secretBytes(key)).update(input).digest();
          return expected.length === signature.length && timingSafeEqual(expected, signature);
        })()
      : cryptoVerify(alg.hash, input, { key: asymmetricKey(key, "verify"), ...signingOptions(alg.kind) }, signature);
  if (!valid) throw new Error("jws_decode: the signature is not valid");
  const payload = payloadValue(Buffer.from(parts[1], "base64url"));
  checkTimes(payload, timeDrift, "jws_decode");
  return payload;
}

// ---------------------------------------------------------------------------------------
// JWE (compact serialization; key management dir or A128KW/A192KW/A256KW; content
// encryption A128CBC-HS256, A192CBC-HS384, A256CBC-HS512, A128GCM, A192GCM, A256GCM)

const KEY_WRAP: Record<string, number> = { A128KW: 16, A192KW: 24, A256KW: 32 };
const CONTENT: Record<string, { keyLength: number; cbc: boolean; hash?: string }> = {
  "A128CBC-HS256": { keyLength: 32, cbc: true, hash: "sha256" },
  "A192CBC-HS384": { keyLength: 48, cbc: true, hash: "sha384" },
  "A256CBC-HS512": { keyLength: 64, cbc: true, hash: "sha512" },
  A128GCM: { keyLength: 16, cbc: false },
  A192GCM: { keyLength: 24, cbc: false },
  A256GCM: { keyLength: 32, cbc: false },
};
const WRAP_IV = Buffer.from("A6A6A6A6A6A6A6A6", "hex");

function jweSpec(keyAlgorithm: unknown, contentAlgorithm: unknown, filter: string) {
  const alg = toText(keyAlgorithm).toUpperCase();
  const enc = toText(contentAlgorithm).toUpperCase();
  const content = CONTENT[enc];
  if (alg !== "DIR" && !KEY_WRAP[alg]) throw new RangeError(`${filter}: unsupported key algorithm "${alg}"`);
  if (!content) throw new RangeError(`${filter}: unsupported content encryption "${enc}"`);
  return { alg: alg === "DIR" ? "dir" : alg, enc, content };
}

function exactKey(key: unknown, length: number, filter: string): Buffer {
  const bytes = secretBytes(key);
  if (bytes.length !== length)
    throw new RangeError(`${filter}: the key must be ${length} bytes, it is ${bytes.length}`);
  return bytes;
}

function cbcTag(hash: string, macKey: Buffer, aad: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const full = createHmac(hash, macKey)
    .update(Buffer.concat([aad, iv, ciphertext, al]))
    .digest();
  return full.subarray(0, macKey.length);
}

/**
 * An encrypted token: `$claims|jwe_encode:$headers:$key:"A256KW":"A256CBC-HS512":$ttl`.
 * Payload as in `jws_encode`.
 */
export function jweEncode(
  payload: unknown,
  headers: unknown,
  key: unknown,
  keyAlgorithm: unknown,
  contentAlgorithm: unknown,
  ttl?: unknown,
): string {
  const { alg, enc, content } = jweSpec(keyAlgorithm, contentAlgorithm, "jwe_encode");
  const header = { alg, enc, ...(isPlainObject(headers) ? headers : {}) };
  let cek: Buffer;
  let wrapped = Buffer.alloc(0);
  if (alg === "dir") {
    cek = exactKey(key, content.keyLength, "jwe_encode");
  } else {
    cek = cryptoRandomBytes(content.keyLength);
    const kek = exactKey(key, KEY_WRAP[alg], "jwe_encode");
    const wrap = createCipheriv(`id-aes${kek.length * 8}-wrap`, kek, WRAP_IV);
    wrapped = Buffer.concat([wrap.update(cek), wrap.final()]);
  }
  const protectedHeader = b64url(toJson(header));
  const aad = Buffer.from(protectedHeader, "ascii");
  const plaintext = Buffer.from(payloadBytes(payload, ttl), "utf8");
  let iv: Buffer;
  let ciphertext: Buffer;
  let tag: Buffer;
  if (content.cbc) {
    const half = content.keyLength / 2;
    iv = cryptoRandomBytes(16);
    const cipher = createCipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
    ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    tag = cbcTag(content.hash as string, cek.subarray(0, half), aad, iv, ciphertext);
  } else {
    iv = cryptoRandomBytes(12);
    const cipher = createCipheriv(`aes-${content.keyLength * 8}-gcm` as CipherGCMTypes, cek, iv);
    cipher.setAAD(aad);
    ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    tag = cipher.getAuthTag();
  }
  return [protectedHeader, b64url(wrapped), b64url(iv), b64url(ciphertext), b64url(tag)].join(".");
}

/** Decrypts a token made by `jwe_encode` (same arguments) and returns its payload. */
export function jweDecode(
  token: unknown,
  headers: unknown,
  key: unknown,
  keyAlgorithm: unknown,
  contentAlgorithm: unknown,
  timeDrift?: unknown,
): any {
  const { alg, enc, content } = jweSpec(keyAlgorithm, contentAlgorithm, "jwe_decode");
  const parts = textArg(token, "jwe_decode").split(".");
  if (parts.length !== 5) throw new SyntaxError("jwe_decode: a JWE token has five parts");
  const header = jsonPart(parts[0], "jwe_decode");
  if (header.alg !== alg || header.enc !== enc)
    throw new Error(`jwe_decode: the token uses ${toText(header.alg)}/${toText(header.enc)}, not ${alg}/${enc}`);
  checkHeaders(header, headers, "jwe_decode");
  const [wrapped, iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, "base64url"));
  let cek: Buffer;
  if (alg === "dir") {
    cek = exactKey(key, content.keyLength, "jwe_decode");
  } else {
    const kek = exactKey(key, KEY_WRAP[alg], "jwe_decode");
    const unwrap = createDecipheriv(`id-aes${kek.length * 8}-wrap`, kek, WRAP_IV);
    cek = Buffer.concat([unwrap.update(wrapped), unwrap.final()]);
  }
  const aad = Buffer.from(parts[0], "ascii");
  let plaintext: Buffer;
  if (content.cbc) {
    const half = content.keyLength / 2;
    const expected = cbcTag(content.hash as string, cek.subarray(0, half), aad, iv, ciphertext);
    if (expected.length !== tag.length || !timingSafeEqual(expected, tag))
      throw new Error("jwe_decode: the token is not authentic");
    const decipher = createDecipheriv(`aes-${half * 8}-cbc`, cek.subarray(half), iv);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } else {
    const decipher = createDecipheriv(`aes-${content.keyLength * 8}-gcm` as CipherGCMTypes, cek, iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const payload = payloadValue(plaintext);
  checkTimes(payload, timeDrift, "jwe_decode");
  return payload;
}

// ---------------------------------------------------------------------------------------
// Identifiers and randomness

/** `|uuid` → a random (version 4) UUID. */
export function uuid(_v?: unknown): string {
  return randomUUID();
}

/**
 * `|create_uid` → a unique positive integer. Xano documents a 64-bit value; JavaScript
 * numbers hold 53 bits exactly, so this is a random safe integer.
 */
export function createUid(_v?: unknown): number {
  return randomInt(1, 2 ** 47) * 64 + randomInt(0, 64);
}

/** A random integer from min to max, both included (for `security.random_number`). */
export function randomNumber(min: unknown, max: unknown): number {
  const lo = Math.ceil(Number(min) || 0);
  const hi = Math.floor(Number(max) || 0);
  if (hi < lo) throw new RangeError("random_number: max is smaller than min");
  return randomInt(lo, hi + 1);
}

/** `length` random bytes (for `security.random_bytes`). */
export function randomBytes(length: unknown): Uint8Array {
  return Uint8Array.from(cryptoRandomBytes(Math.max(0, Math.trunc(Number(length) || 0))));
}
