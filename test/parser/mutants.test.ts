// Bad input never crashes or hangs: corpus files with tokens deleted, duplicated and swapped
// end in a tree or a positioned ParseError, each within a time bound.
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { test } from "node:test";
import { lex } from "../../src/lexer/lexer.ts";
import { ParseError } from "../../src/parser/errors.ts";
import { parse } from "../../src/parser/parse.ts";
import { filesUnder, sharedPath, sharedRoot } from "../support/shared.ts";

const MUTANTS = Number(process.env.XS2TS_MUTANTS ?? 5000);
const BOUND_MS = 1000;
const corpus = sharedPath("corpus");

/** A small deterministic generator (mulberry32), so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(text: string, rand: () => number): { text: string; how: string } {
  const tokens = lex(text).tokens;
  const i = Math.floor(rand() * tokens.length);
  const tok = tokens[i]!;
  const end = tok.end.offset;
  switch (Math.floor(rand() * 3)) {
    case 0:
      return {
        text: text.slice(0, tok.offset) + text.slice(end),
        how: `delete token ${i} ${JSON.stringify(tok.text.slice(0, 20))}`,
      };
    case 1:
      return { text: text.slice(0, end) + " " + tok.text + text.slice(end), how: `duplicate token ${i}` };
    default: {
      const other = tokens[Math.min(i + 1, tokens.length - 1)]!;
      if (other === tok) return { text: text.slice(0, tok.offset), how: "truncate" };
      const between = text.slice(end, other.offset);
      return {
        text: text.slice(0, tok.offset) + other.text + between + tok.text + text.slice(other.end.offset),
        how: `swap tokens ${i},${i + 1}`,
      };
    }
  }
}

test(`${MUTANTS} mutants of corpus files end in an AST or a positioned error`, { skip: corpus.skip }, () => {
  // Smaller files make more mutants per second; every file is still eligible.
  const files = filesUnder(corpus.path, ".xs").map((path) => ({ path, text: readFileSync(path, "utf8") }));
  const rand = random(20261130);
  const problems: string[] = [];
  let errors = 0;
  for (let n = 0; n < MUTANTS; n++) {
    const file = files[Math.floor(rand() * files.length)]!;
    const mutant = mutate(file.text, rand);
    const started = performance.now();
    try {
      parse(mutant.text, file.path);
    } catch (error) {
      if (error instanceof ParseError) {
        errors++;
        const p = error.position;
        if (!(p.line >= 1 && p.col >= 1 && p.offset >= 0 && p.offset <= mutant.text.length)) {
          problems.push(`${relative(sharedRoot, file.path)} (${mutant.how}): bad position ${JSON.stringify(p)}`);
        }
      } else {
        problems.push(`${relative(sharedRoot, file.path)} (${mutant.how}): ${(error as Error).message.split("\n")[0]}`);
      }
    }
    const ms = performance.now() - started;
    if (ms > BOUND_MS) problems.push(`${relative(sharedRoot, file.path)} (${mutant.how}): took ${ms.toFixed(0)} ms`);
  }
  assert.deepEqual(problems.slice(0, 20), []);
  // Most mutants are invalid; if none were, the mutations would not be testing anything.
  assert.ok(errors > MUTANTS / 4, `only ${errors} of ${MUTANTS} mutants were rejected`);
});
