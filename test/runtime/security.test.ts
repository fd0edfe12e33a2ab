// templates/runtime/security.ts and password.ts: generated passwords, bcrypt checks,
// authentication tokens and the claim check of jws_decode / jwe_decode.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import bcrypt from "bcryptjs";

import { jweDecode, jweEncode, jwsDecode, jwsEncode } from "../../templates/runtime/filters/security.js";
import { checkPassword } from "../../templates/runtime/password.js";
import {
  checkClaims,
  createAuthToken,
  createCurveKey,
  createPassword,
  createRsaKey,
  createSecretKey,
  readAuthToken,
} from "../../templates/runtime/security.js";

const SECRET = "0123456789abcdef-secret";

describe("createPassword", () => {
  test("letters and digits when no kind is asked for; 12 characters by default", () => {
    assert.match(createPassword({}), /^[A-Za-z0-9]{12}$/);
  });

  test("each kind asked for appears, and only those", () => {
    for (let i = 0; i < 50; i++) {
      const p = createPassword({
        characterCount: 4,
        requireUppercase: true,
        requireDigit: true,
        requireSymbol: true,
        symbolWhitelist: "$",
      });
      assert.match(p, /^[A-Z0-9$]{4}$/);
      assert.match(p, /[A-Z]/);
      assert.match(p, /[0-9]/);
      assert.match(p, /\$/);
    }
  });

  test("fewer characters than required kinds is an error", () => {
    assert.throws(
      () => createPassword({ characterCount: 1, requireLowercase: true, requireDigit: true }),
      /at least 2/,
    );
  });
});

describe("checkPassword", () => {
  test("bcrypt hashes from Xano ($2y$), PHP/Node ($2b$) and older ($2a$) are checked", async () => {
    const hash = bcrypt.hashSync("s3cret", 4);
    for (const prefix of ["$2y$", "$2b$", "$2a$"]) {
      assert.equal(await checkPassword("s3cret", hash.replace(/^\$2b\$/, prefix)), true, prefix);
      assert.equal(await checkPassword("S3cret", hash.replace(/^\$2b\$/, prefix)), false, prefix);
    }
  });

  test("no hash, or a password stored as plain text, is false (never a match by equality)", async () => {
    assert.equal(await checkPassword("plain", "plain"), false);
    assert.equal(await checkPassword("plain", null), false);
    assert.equal(await checkPassword(null, bcrypt.hashSync("", 4)), false);
  });
});

describe("auth tokens", () => {
  test("a token reads back with the same secret, and not with another", () => {
    const token = createAuthToken(SECRET, { table: "user", id: 42, extras: { role: "admin" }, expiration: 60 });
    const claims = readAuthToken(SECRET, token);
    assert.deepEqual([claims.table, claims.id, claims.extras], ["user", 42, { role: "admin" }]);
    assert.equal(claims.exp! - claims.iat!, 60);
    assert.throws(() => readAuthToken(`${SECRET}!`, token));
  });

  test("an expired token is refused; expiration 0 never expires", () => {
    // The key the runtime derives from a secret: SHA-256 of its text.
    const key = { kty: "oct", k: createHash("sha256").update(SECRET).digest("base64url") };
    const expired = jweEncode({ table: "user", id: 1, extras: {}, iat: 1, exp: 2 }, {}, key, "A256KW", "A256CBC-HS512");
    assert.throws(() => readAuthToken(SECRET, expired), /expired/);
    const forever = readAuthToken(SECRET, createAuthToken(SECRET, { table: "user", id: 1, expiration: 0 }));
    assert.equal(forever.exp, undefined);
    assert.deepEqual(forever.extras, {});
  });

  test("a short secret is refused", () => {
    assert.throws(() => createAuthToken("short", { table: "user", id: 1 }), /at least 16/);
  });
});

describe("new keys (JWK objects) work with the token filters", () => {
  test("a secret key of 256 bits encrypts an A256KW token", () => {
    const key = createSecretKey(256, "object");
    assert.equal(Buffer.from(key.k as string, "base64url").length, 32);
    assert.notDeepEqual(createSecretKey(256), key);
    const token = jweEncode({ a: 1 }, {}, key, "A256KW", "A256GCM");
    assert.deepEqual(jweDecode(token, {}, key, "A256KW", "A256GCM"), { a: 1 });
  });

  test("an RSA key signs RS256, a P-384 key signs ES384, and each verifies with itself", () => {
    const rsa = createRsaKey(1024);
    assert.equal(rsa.kty, "RSA");
    assert.deepEqual(jwsDecode(jwsEncode({ a: 1 }, {}, rsa, "RS256"), {}, rsa, "RS256"), { a: 1 });
    const ec = createCurveKey("P-384");
    assert.equal(ec.crv, "P-384");
    assert.deepEqual(jwsDecode(jwsEncode({ b: 2 }, {}, ec, "ES384"), {}, ec, "ES384"), { b: 2 });
  });

  test("bad sizes, unknown curves and formats other than object are errors", () => {
    assert.throws(() => createSecretKey(100), /multiple of 8/);
    assert.throws(() => createCurveKey("secp256k1"), /unsupported curve/);
    assert.throws(() => createSecretKey(256, "pem"), /only "object"/);
  });
});

describe("checkClaims", () => {
  test("passes the payload through when every expected claim matches, else throws", () => {
    const payload = { sub: "1", roles: ["a"], exp: 9 };
    assert.equal(checkClaims(payload, { sub: "1", roles: ["a"] }), payload);
    assert.equal(checkClaims(payload, null), payload);
    assert.throws(() => checkClaims(payload, { sub: 1 }), /"sub" claim/);
    assert.throws(() => checkClaims("text payload", { sub: "1" }), /"sub" claim/);
  });
});
