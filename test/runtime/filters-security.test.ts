// Security filters (templates/runtime/filters/security.ts): the hashes printed in Xano's
// filter documentation, the jwt.io HS256 example, and round trips.
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { describe, test } from "node:test";

import { base64Decode, base64Encode, bin2hex } from "../../templates/runtime/filters/encoding.js";
import {
  createUid,
  decrypt,
  encrypt,
  hmacMd5,
  hmacSha1,
  hmacSha256,
  hmacSha384,
  hmacSha512,
  jweDecode,
  jweEncode,
  jwsDecode,
  jwsEncode,
  md5,
  randomBytes,
  randomNumber,
  sha1,
  sha256,
  sha384,
  sha512,
  uuid,
} from "../../templates/runtime/filters/security.js";

describe("hashes (xano docs)", () => {
  test('"some_message"|md5 / sha* match the documented digests', () => {
    assert.equal(md5("some_message"), "af8a2aae147de3350f6c0f1a075ede5d");
    assert.ok((sha1("some_message") as string).startsWith("33a374032"));
    assert.ok((sha256("some_message") as string).startsWith("6cc869f10009fa1"));
    assert.ok((sha384("some_message") as string).startsWith("17a7717060650457"));
    assert.ok((sha512("some_message") as string).startsWith("40aaa4e84e7d98e472d240f1c84298de"));
  });

  test('"some_message"|hmac_*:MY_SECRET_KEY match the documented signatures', () => {
    assert.equal(hmacMd5("some_message", "MY_SECRET_KEY"), "c4c1007ea935001cc7734b360395fb1d");
    assert.ok((hmacSha1("some_message", "MY_SECRET_KEY") as string).startsWith("83b48df25eda2"));
    assert.ok((hmacSha256("some_message", "MY_SECRET_KEY") as string).startsWith("3e18fc78d5326e5"));
    assert.ok((hmacSha384("some_message", "MY_SECRET_KEY") as string).startsWith("60818f7b6e6"));
    assert.ok((hmacSha512("some_message", "MY_SECRET_KEY") as string).startsWith("880c17f6d5fa9e1ea3b7"));
  });

  test("raw output, other subjects", () => {
    const raw = md5("some_message", true);
    assert.equal(bin2hex(raw), "af8a2aae147de3350f6c0f1a075ede5d");
    assert.equal(md5(""), "d41d8cd98f00b204e9800998ecf8427e");
    assert.equal(md5(null), md5(""));
    assert.equal(md5(12), md5("12"));
    assert.equal(sha256("é"), "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"); // UTF-8 bytes
  });
});

describe("encrypt / decrypt", () => {
  const key = "1494AX6XJUsDe51kF9S9sA==";
  const iv = "27222b6032574bad";

  test("xano docs: aes-192-cbc with a text key and IV gives the documented bytes", () => {
    const secret = encrypt("hello", "aes-192-cbc", key, iv);
    // The docs print the raw result as "���Z �r|5���~�l": the ASCII bytes line up.
    assert.equal(bin2hex(secret), "b999ed5a20ad727c3597cac0e97edb6c");
    assert.equal(decrypt(secret, "aes-192-cbc", key, iv), "hello");
  });

  test("reference pattern: `encrypt|base64_encode`, then `base64_decode|decrypt`", () => {
    const stored = base64Encode(encrypt("ssn 123-45-6789", "aes-256-cbc", "k".repeat(32), "i".repeat(16)));
    assert.equal(decrypt(base64Decode(stored), "aes-256-cbc", "k".repeat(32), "i".repeat(16)), "ssn 123-45-6789");
  });

  test("short keys are NUL-padded (PHP); unknown and authenticated ciphers are refused", () => {
    const short = encrypt("x", "aes-128-cbc", "abc", "iv");
    assert.equal(
      bin2hex(short),
      bin2hex(encrypt("x", "aes-128-cbc", "abc\0\0\0\0\0\0\0\0\0\0\0\0\0", "iv\0\0\0\0\0\0\0\0\0\0\0\0\0\0")),
    );
    assert.throws(() => encrypt("x", "nope-256", "k", "i"), /unknown cipher/);
    assert.throws(() => encrypt("x", "aes-256-gcm", "k", "i"), /not supported/);
    assert.throws(() => decrypt("garbage!", "aes-128-cbc", "k", "i"));
  });
});

describe("JWS", () => {
  test("jwt.io's HS256 example token", () => {
    const token = jwsEncode(
      { sub: "1234567890", name: "John Doe", iat: 1516239022 },
      {},
      "your-256-bit-secret",
      "HS256",
    );
    assert.equal(
      token,
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    );
    assert.deepEqual(jwsDecode(token, {}, "your-256-bit-secret", "HS256"), {
      sub: "1234567890",
      name: "John Doe",
      iat: 1516239022,
    });
  });

  test('text payload (xano docs: "hello"|jws_encode…), ttl, header checks', () => {
    const secret = "a-string-secret-at-least-256-bits-long";
    assert.equal(jwsDecode(jwsEncode("hello", {}, secret, "HS256"), {}, secret, "HS256"), "hello");
    const withTtl = jwsDecode(
      jwsEncode({ user_id: 1 }, { kid: "k1" }, secret, "HS512", 3600),
      { kid: "k1" },
      secret,
      "HS512",
    ) as Record<string, number>;
    assert.equal(withTtl.exp - withTtl.iat, 3600);
    assert.throws(
      () => jwsDecode(jwsEncode({ a: 1 }, { kid: "k1" }, secret, "HS256"), { kid: "k2" }, secret, "HS256"),
      /"kid" header/,
    );
  });

  test("rejects wrong keys, other algorithms, expired tokens", () => {
    const token = jwsEncode({ a: 1 }, {}, "secret", "HS256");
    assert.throws(() => jwsDecode(token, {}, "other", "HS256"), /signature is not valid/);
    assert.throws(() => jwsDecode(token, {}, "secret", "HS384"), /signed with HS256/);
    const expired = jwsEncode({ exp: Math.floor(Date.now() / 1000) - 60 }, {}, "secret", "HS256");
    assert.throws(() => jwsDecode(expired, {}, "secret", "HS256"), /expired/);
    assert.deepEqual(jwsDecode(expired, {}, "secret", "HS256", 120), { exp: Math.floor(Date.now() / 1000) - 60 });
    assert.throws(() => jwsDecode("a.b", {}, "secret", "HS256"), /three parts/);
    assert.throws(() => jwsEncode({}, {}, "secret", "none"), /unsupported/);
  });

  test("RSA, RSA-PSS and EC keys in PEM and JWK form", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = (k: typeof rsa.privateKey) => k.export({ type: "pkcs8", format: "pem" }).toString();
    const pub = (k: typeof rsa.publicKey) => k.export({ type: "spki", format: "pem" }).toString();
    for (const alg of ["RS256", "PS256"]) {
      assert.deepEqual(jwsDecode(jwsEncode({ a: 1 }, {}, pem(rsa.privateKey), alg), {}, pub(rsa.publicKey), alg), {
        a: 1,
      });
    }
    const es = jwsEncode({ a: 2 }, {}, ec.privateKey.export({ format: "jwk" }), "ES256");
    assert.equal(Buffer.from(es.split(".")[2], "base64url").length, 64);
    assert.deepEqual(jwsDecode(es, {}, JSON.stringify(ec.publicKey.export({ format: "jwk" })), "ES256"), { a: 2 });
    assert.deepEqual(jwsDecode(es, {}, pem(ec.privateKey), "ES256"), { a: 2 });
  });
});

describe("JWE", () => {
  const key32 = "0123456789abcdef0123456789abcdef";

  test("round trips for each key wrap and content encryption", () => {
    for (const enc of ["A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512", "A128GCM", "A192GCM", "A256GCM"]) {
      const token = jweEncode({ user_id: 7 }, {}, key32, "A256KW", enc);
      assert.equal(token.split(".").length, 5);
      assert.deepEqual(jweDecode(token, {}, key32, "A256KW", enc), { user_id: 7 });
    }
    const dir = jweEncode("hello", {}, "k".repeat(64), "dir", "A256CBC-HS512");
    assert.equal(jweDecode(dir, {}, "k".repeat(64), "dir", "A256CBC-HS512"), "hello");
    const jwk = { kty: "oct", k: Buffer.alloc(16, 7).toString("base64url") };
    assert.deepEqual(
      jweDecode(jweEncode([1, 2], {}, jwk, "A128KW", "A128GCM"), {}, JSON.stringify(jwk), "A128KW", "A128GCM"),
      [1, 2],
    );
  });

  test("rejects tampering, wrong keys and keys of the wrong size", () => {
    const token = jweEncode({ a: 1 }, {}, key32, "A256KW", "A256CBC-HS512");
    const parts = token.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    assert.throws(() => jweDecode(parts.join("."), {}, key32, "A256KW", "A256CBC-HS512"));
    assert.throws(() => jweDecode(token, {}, "f".repeat(32), "A256KW", "A256CBC-HS512"));
    assert.throws(() => jweDecode(token, {}, key32, "A128KW", "A256CBC-HS512"), /uses A256KW/);
    assert.throws(
      () => jweEncode({}, {}, "a-string-secret-at-least-256-bits-long", "A256KW", "A256CBC-HS512"),
      /must be 32 bytes/,
    );
    assert.throws(() => jweEncode({}, {}, key32, "RSA-OAEP", "A256GCM"), /unsupported key algorithm/);
  });
});

describe("identifiers and randomness", () => {
  test("|uuid → a version 4 UUID, different each time", () => {
    const a = uuid();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, uuid());
  });

  test("|create_uid → a positive safe integer", () => {
    const id = createUid();
    assert.ok(Number.isSafeInteger(id) && id > 0);
  });

  test("random_number and random_bytes", () => {
    for (let i = 0; i < 50; i++) {
      const n = randomNumber(1, 3);
      assert.ok(n >= 1 && n <= 3 && Number.isInteger(n));
    }
    assert.equal(randomNumber(5, 5), 5);
    assert.throws(() => randomNumber(3, 1), RangeError);
    assert.equal(randomBytes(32).length, 32);
  });
});
