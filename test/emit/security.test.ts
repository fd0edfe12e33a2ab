// security.* statements: what the generated code says, what it does when run, and what
// MIGRATION.md is told (the auth token key, keys written as literals).
import { strict as assert } from "node:assert";
import { createCipheriv } from "node:crypto";
import { after, before, describe, test } from "node:test";
import bcrypt from "bcryptjs";
import { readAuthToken } from "../../templates/runtime/security.ts";
import { buildFunction } from "./helpers.ts";

const saved = { ...process.env };
before(() => {
  process.env.AUTH_TOKEN_KEY = "a-test-secret-of-enough-length";
  process.env.JWS_KEY = "a literal key moved to the environment";
});
after(() => {
  process.env = saved;
});

describe("security.* statements", () => {
  test("check_password verifies a bcrypt hash as Xano stores it ($2y$), false for a wrong password or no hash", async () => {
    const f = await buildFunction(
      "login",
      `function login {
  input {
    text password
    text hash
  }
  stack {
    security.check_password {
      text_password = $input.password
      hash_password = $input.hash
    } as $pass_result
  }
  response = $pass_result
}`,
    );
    assert.match(f.code, /const passResult = await checkPassword\(input\.password, input\.hash\);/);
    const hash = bcrypt.hashSync("correct horse", 4).replace(/^\$2b\$/, "$2y$");
    assert.equal(await f.run({ password: "correct horse", hash }), true);
    assert.equal(await f.run({ password: "wrong", hash }), false);
    assert.equal(await f.run({ password: "correct horse", hash: "correct horse" }), false);
  });

  test("create_password follows its rules: the length, and only (and each of) the kinds asked for", async () => {
    const f = await buildFunction(
      "pw",
      `function pw {
  input { }
  stack {
    security.create_password {
      character_count = 24
      require_lowercase = true
      require_uppercase = false
      require_digit = true
      require_symbol = true
      symbol_whitelist = "#%"
    } as $password
  }
  response = $password
}`,
    );
    assert.match(f.code, /createPassword\(\{\s*characterCount: 24,/);
    for (let i = 0; i < 20; i++) {
      const password = (await f.run()) as string;
      assert.match(password, /^[a-z0-9#%]{24}$/);
      assert.match(password, /[a-z]/);
      assert.match(password, /[0-9]/);
      assert.match(password, /[#%]/);
    }
  });

  test("create_auth_token encrypts table, id and extras with AUTH_TOKEN_KEY, expiring; reported in MIGRATION.md", async () => {
    const f = await buildFunction(
      "signup",
      `function signup {
  input { int id }
  stack {
    security.create_auth_token {
      table = "user"
      extras = {}|set:"is_admin":true
      expiration = 86400
      id = $input.id
    } as $authToken
  }
  response = {authToken: $authToken}
}`,
    );
    assert.match(f.code, /createAuthToken\(env\.AUTH_TOKEN_KEY, \{/);
    const { authToken } = (await f.run({ id: 7 })) as { authToken: string };
    assert.equal(authToken.split(".").length, 5, "a compact JWE");
    const claims = readAuthToken("a-test-secret-of-enough-length", authToken);
    assert.deepEqual(
      { table: claims.table, id: claims.id, extras: claims.extras },
      { table: "user", id: 7, extras: { is_admin: true } },
    );
    assert.equal(claims.exp! - claims.iat!, 86400);
    assert.throws(() => readAuthToken("another-secret-of-enough-length", authToken));
    assert.ok(f.findings.some((x) => x.code === "XS5201" && /tokens issued by Xano will not decode/.test(x.message)));
    assert.ok(f.findings.some((x) => x.kind === "env" && x.message.endsWith("AUTH_TOKEN_KEY")));
  });

  test("jws_encode / jws_decode round-trip; check_claims must match; a literal key is read from the environment", async () => {
    const f = await buildFunction(
      "jws",
      `function jws {
  input { text sub }
  stack {
    security.jws_encode {
      headers = {}
      claims = {sub: $input.sub, role: "admin"}
      key = "signing_key"
      signature_algorithm = "HS256"
      ttl = 3600
    } as $token
    security.jws_decode {
      token = $token
      key = "signing_key"
      check_claims = {role: "admin"}
      signature_algorithm = "HS256"
      timeDrift = 0
    } as $claims
    security.jws_decode {
      token = $token
      key = "signing_key"
      check_claims = {sub: "1"}
      signature_algorithm = "HS256"
    } as $only_for_one
  }
  response = {token: $token, claims: $claims}
}`,
    );
    assert.doesNotMatch(f.code, /signing_key/);
    assert.match(f.code, /jwsEncode\(\{ sub: input\.sub, role: "admin" \}, \{\}, env\.JWS_KEY, "HS256", 3600\)/);
    assert.match(f.code, /checkClaims\(jwsDecode\(token, \{\}, env\.JWS_KEY, "HS256", 0\), \{ role: "admin" \}\)/);
    const out = (await f.run({ sub: "1" })) as { token: string; claims: Record<string, unknown> };
    assert.equal(out.claims.sub, "1");
    assert.equal(out.claims.role, "admin");
    assert.equal((out.claims.exp as number) - (out.claims.iat as number), 3600);
    await assert.rejects(f.run({ sub: "2" }), /"sub" claim does not match/);
    assert.ok(f.findings.some((x) => x.code === "XS4002" && /JWS_KEY/.test(x.message)));
  });

  test("jwe_encode / jwe_decode round-trip with the key given", async () => {
    const f = await buildFunction(
      "jwe",
      `function jwe {
  input {
    text key
    text data
  }
  stack {
    security.jwe_encode {
      headers = {}
      claims = {data: $input.data}
      key = $input.key
      key_algorithm = "A256KW"
      content_algorithm = "A256GCM"
      ttl = 0
    } as $token
    security.jwe_decode {
      token = $token
      key = $input.key
      check_claims = {}
      key_algorithm = "A256KW"
      content_algorithm = "A256GCM"
      timeDrift = 0
    } as $decoded
  }
  response = {token: $token, decoded: $decoded}
}`,
    );
    assert.match(f.code, /const decoded = jweDecode\(token, \{\}, input\.key, "A256KW", "A256GCM", 0\);/);
    const out = (await f.run({ key: "0123456789abcdef0123456789abcdef", data: "secret" })) as {
      token: string;
      decoded: unknown;
    };
    assert.equal(out.token.split(".").length, 5);
    assert.deepEqual(out.decoded, { data: "secret" });
  });

  test("encrypt / decrypt: the cipher text is OpenSSL's, and decrypts back", async () => {
    const f = await buildFunction(
      "enc",
      `function enc {
  input { text data }
  stack {
    security.encrypt {
      data = $input.data
      algorithm = "aes-256-cbc"
      key = $env.ENCRYPTION_KEY
      iv = $env.ENCRYPTION_IV
    } as $encrypted
    security.decrypt {
      data = $encrypted
      algorithm = "aes-256-cbc"
      key = $env.ENCRYPTION_KEY
      iv = $env.ENCRYPTION_IV
    } as $decrypted
  }
  response = {encrypted: $encrypted|base64_encode, decrypted: $decrypted}
}`,
    );
    process.env.ENCRYPTION_KEY = "k".repeat(32);
    process.env.ENCRYPTION_IV = "i".repeat(16);
    assert.match(f.code, /encrypt\(input\.data, "aes-256-cbc", env\.ENCRYPTION_KEY, env\.ENCRYPTION_IV\)/);
    const out = (await f.run({ data: "123-45-6789" })) as { encrypted: string; decrypted: string };
    const cipher = createCipheriv("aes-256-cbc", Buffer.from("k".repeat(32)), Buffer.from("i".repeat(16)));
    assert.equal(out.encrypted, Buffer.concat([cipher.update("123-45-6789"), cipher.final()]).toString("base64"));
    assert.equal(out.decrypted, "123-45-6789");
  });

  test("create_secret_key / create_rsa_key / create_curve_key give JWKs the token statements take", async () => {
    const f = await buildFunction(
      "keys",
      `function keys {
  input {
  }
  stack {
    security.create_secret_key {
      bits = 256
      format = "object"
    } as $secret
    security.create_curve_key {
      curve = "P-256"
      format = "object"
    } as $curve
    security.jws_encode {
      claims = {n: 1}
      key = $curve
      signature_algorithm = "ES256"
    } as $signed
    security.jws_decode {
      token = $signed
      key = $curve
      signature_algorithm = "ES256"
    } as $verified
    security.create_rsa_key {
      bits = 1024
      format = "object"
    } as $rsa
  }
  response = {secret: $secret, verified: $verified, rsa: $rsa.kty}
}`,
    );
    assert.match(f.code, /const secret = createSecretKey\(256, "object"\);/);
    assert.match(f.code, /const curve = createCurveKey\("P-256", "object"\);/);
    const out = (await f.run()) as { secret: { kty: string; k: string }; verified: unknown; rsa: string };
    assert.equal(out.secret.kty, "oct");
    assert.equal(Buffer.from(out.secret.k, "base64url").length, 32);
    assert.deepEqual(out.verified, { n: 1 });
    assert.equal(out.rsa, "RSA");
  });

  test("random_number, create_uuid and random_bytes still translate (moved to security.ts)", async () => {
    const f = await buildFunction(
      "rnd",
      `function rnd {
  input { }
  stack {
    security.random_number {
      min = 1
      max = 6
    } as $die
    security.create_uuid as $id
    security.random_bytes { length = 8 } as $bytes
  }
  response = {die: $die, id: $id, n: $bytes|strlen}
}`,
    );
    const out = (await f.run()) as { die: number; id: string; n: number };
    assert.ok(out.die >= 1 && out.die <= 6);
    assert.match(out.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    assert.equal(out.n, 8);
  });
});
