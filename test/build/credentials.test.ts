// Credentials never leak: the credentials fixture writes keys in every position issue 11
// lists (a var then used, concatenations, a header list in a variable, params fields, a URL
// query parameter, lower-case authorization, a custom X-…-Secret header, token shapes in code,
// comments and descriptions); none of them reaches the generated project, each has one
// environment variable, and the generated projects of fixtures/ and the corpus pass
// secretlint's recommended preset.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import { build } from "../../src/build.ts";
import { filesUnder, repoRoot, sharedPath } from "../support/shared.ts";

const VALUES = [
  "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
  "ghp_R8c2VnQm4TzL9xWp3JkH7sYd1FgA6bNe0Uq5",
  "pk-9f8e7d6c5b4a39281706",
  "cs-1122334455667788",
  "qk-5566778899aabbcc",
  "tk-aabbccddeeff0011",
  "hunter2hunter2",
  "zz-0099887766554433",
  "re_123abc45_Xy7Zq9Wm2Ln4Rt6Vb8Kc0Hd",
  "xoxb-1234567890-1234567890-abcdefghijABCDEFGHIJabcd",
];

async function secretlintFindings(files: { path: string; text: string }[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    const result = await lintSource({
      source: { content: f.text, filePath: f.path, ext: f.path.slice(f.path.lastIndexOf(".")), contentType: "text" },
      options: {
        config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] },
        noPhysicFilePath: true,
        maskSecrets: true,
      },
    });
    out.push(...result.messages.map((m) => `${f.path}:${m.loc.start.line}: ${m.message}`));
  }
  return out;
}

describe("credentials never leak", () => {
  it("the credentials fixture's output holds none of its keys, one environment variable per value", async () => {
    const result = await build({ workspace: join(repoRoot, "fixtures/credentials") });
    for (const file of result.files)
      for (const value of VALUES) assert.ok(!file.text.includes(value), `${file.path} holds ${value.slice(0, 4)}…`);
    const example = result.files.find((f) => f.path === ".env.example")!.text;
    const names = [...example.matchAll(/^([A-Z0-9_]+)=$/gm)].map((m) => m[1]);
    // Ten values: two only in comments and descriptions (redacted, no variable), eight read from the environment.
    assert.deepEqual(names.sort(), [
      "API_KEY",
      "AUTHORIZATION_SECRET",
      "AUTHORIZATION_SECRET_2",
      "PASSWORD",
      "RESEND_SECRET",
      "SLACK_SECRET",
      "TOKEN",
      "X_CUSTOM_SECRET",
    ]);
    const migration = result.files.find((f) => f.path === "MIGRATION.md")!.text;
    // One line per variable, with every place its value was written.
    assert.match(migration, /^- `AUTHORIZATION_SECRET`: .*`function\/call_partner\.xs:8`, `task\/nightly\.xs:6`$/m);
    const code = result.files.find((f) => f.path === "src/functions/call_partner.ts")!.text;
    assert.match(code, /\[credential removed: read from the environment variable STRIPE_SECRET\]/);
    assert.match(code, /"X-Custom-Secret: " \+ env\.X_CUSTOM_SECRET/);
    assert.match(code, /api_key=" \+ env\.API_KEY \+ "&q="/);
    assert.deepEqual(await secretlintFindings(result.files), []);
  });

  it("the generated projects of fixtures/ pass secretlint's recommended preset", async () => {
    const files = filesUnder(join(repoRoot, "out"), "").map((path) => ({
      path: relative(repoRoot, path),
      text: readFileSync(path, "utf8"),
    }));
    assert.ok(files.length > 100);
    assert.deepEqual(await secretlintFindings(files), []);
  });

  const corpus = sharedPath("corpus/bwats");
  it("the corpus's generated project passes secretlint's recommended preset", { skip: corpus.skip }, async () => {
    const result = await build({ workspace: corpus.path });
    assert.deepEqual(await secretlintFindings(result.files), []);
  });
});
