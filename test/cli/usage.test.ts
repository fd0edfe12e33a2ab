// Mistakes at the command line and in the input are said in xs2ts's own words, with a
// "did you mean" where there is a near name; run as a user runs it, as a child process.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { repoRoot } from "../support/shared.ts";

const scratch = mkdtempSync(join(tmpdir(), "xs2ts-usage-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

function xs2ts(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "src/cli/main.ts"), ...args], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("an unknown option is a usage error in xs2ts's words (exit 2), with the nearest option", () => {
  const bogus = xs2ts("build", "fixtures/seed-reengage", "--out", join(scratch, "o"), "--bogus");
  assert.equal(bogus.code, 2);
  assert.match(bogus.err, /^xs2ts: build: unknown option --bogus\n/);
  assert.doesNotMatch(bogus.err, /To specify a positional argument/, "not Node's parseArgs text");
  assert.match(bogus.err, /Usage: xs2ts build/);
  const typo = xs2ts("build", "fixtures/seed-reengage", "--out", join(scratch, "o"), "--chek");
  assert.equal(typo.code, 2);
  assert.match(typo.err, /unknown option --chek \(did you mean --check\?\)/);
  const missing = xs2ts("build", "fixtures/seed-reengage", "--out");
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--out needs a value/);
  const parse = xs2ts("parse", "--jsn", "fixtures");
  assert.equal(parse.code, 2);
  assert.match(parse.err, /parse: unknown option --jsn \(did you mean --json\?\)/);
  const command = xs2ts("biuld");
  assert.equal(command.code, 2);
  assert.match(command.err, /unknown command "biuld" \(did you mean build\?\)/);
});

test("--version prints the version of package.json", () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string };
  for (const flag of ["--version", "-v"]) {
    const r = xs2ts(flag);
    assert.equal(r.code, 0);
    assert.equal(r.out, `${version}\n`);
  }
});

test("schedule <folder> lists every task of the workspace", () => {
  const ws = join(scratch, "ws");
  mkdirSync(join(ws, "task"), { recursive: true });
  const task = (name: string, freq: number) =>
    `task ${name} {\n  stack {\n    debug.log { value = 1 }\n  }\n  schedule = [{starts_on: 2026-01-01 00:00:00+0000, freq: ${freq}}]\n}\n`;
  writeFileSync(join(ws, "task/hourly.xs"), task("hourly", 3600));
  writeFileSync(join(ws, "task/daily.xs"), task("daily", 86400));
  const r = xs2ts("schedule", ws, "--from", "2026-01-01T00:30:00Z", "--next", "1");
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /task "daily"[\s\S]*2026-01-02T00:00:00Z/);
  assert.match(r.out, /task "hourly"[\s\S]*2026-01-01T01:00:00Z/);
  const none = xs2ts("schedule", join(scratch, "no-such-folder"));
  assert.equal(none.code, 2);
  assert.match(none.err, /no such file or folder/);
});

test("an unknown statement is a build error at its position, with the nearest known name; a known one not translated is not", () => {
  const ws = join(scratch, "typo");
  mkdirSync(join(ws, "function"), { recursive: true });
  writeFileSync(
    join(ws, "function/f.xs"),
    `function f {\n  input {\n  }\n  stack {\n    db.qeury user {\n      return = {type: "list"}\n    } as $users\n    util.ip_lookup {\n      value = "1.2.3.4"\n    } as $where\n  }\n  response = $users\n}\n`,
  );
  const out = join(scratch, "typo-out");
  const r = xs2ts("build", ws, "--out", out);
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /function\/f\.xs:5:5: error: unknown statement db\.qeury \(did you mean db\.query\?\) \[XS2002\]/,
  );
  assert.match(r.err, /> 5 \|\s+db\.qeury user/, "a code frame");
  assert.doesNotMatch(r.err, /ip_lookup/, "a known statement that is not translated is not an error");
  assert.match(r.err, /nothing written/);
});
