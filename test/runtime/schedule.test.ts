// The schedule rules of templates/runtime: schedule.ts, and which instants the scheduler
// runs a task on (fixtures/firings-property.ts, against a reference written from the
// definition alone).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import cron from "node-cron";
import {
  cronFor,
  describeSchedule,
  firesAt,
  formatIso,
  lastFiring,
  nextFirings,
  parseTimestamp,
  tickCronFor,
  xanoTimestampToIso,
} from "../../templates/runtime/schedule.ts";
import type { ScheduleEntry } from "../../templates/runtime/task.ts";

const S = 1000;
const DAY = 86_400;
const WEEK = 604_800;
const iso = (ms: number) => new Date(ms).toISOString();

// The property runs in a process of its own (see the fixture for why), started now so that
// it uses the second core while the tests below run here.
const property = (() => {
  const fixture = fileURLToPath(new URL("./fixtures/firings-property.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", fixture, "10000"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, output })),
  );
})();

describe("firing instants", () => {
  it("firesAt and lastFiring follow the bounds", () => {
    const e = { startsOn: "2025-01-01T00:00:00Z", everySeconds: 3600, endsOn: "2025-01-01T03:00:00Z" };
    assert.equal(firesAt(e, Date.parse("2025-01-01T00:00:00Z")), true);
    assert.equal(firesAt(e, Date.parse("2025-01-01T03:00:00Z")), true, "ends_on itself fires");
    assert.equal(firesAt(e, Date.parse("2025-01-01T04:00:00Z")), false);
    assert.equal(firesAt(e, Date.parse("2024-12-31T23:00:00Z")), false, "nothing before starts_on");
    assert.equal(firesAt(e, Date.parse("2025-01-01T01:30:00Z")), false);
    assert.equal(lastFiring(e), Date.parse("2025-01-01T03:00:00Z"));
    assert.equal(lastFiring({ ...e, endsOn: "2025-01-01T03:59:59Z" }), Date.parse("2025-01-01T03:00:00Z"));
    assert.equal(lastFiring({ startsOn: e.startsOn, everySeconds: 60 }), Infinity);
    assert.equal(lastFiring({ startsOn: e.startsOn, endsOn: "2024-01-01T00:00:00Z" }), undefined);
    assert.deepEqual(nextFirings({ startsOn: e.startsOn }, Date.parse(e.startsOn), 3), [], "strictly after");
  });

  it("rejects what cannot be scheduled exactly", () => {
    assert.throws(() => nextFirings({ startsOn: "2025-01-01T00:00:00.500Z", everySeconds: 60 }, 0, 1), /whole second/);
    assert.throws(() => nextFirings({ startsOn: "2025-01-01T00:00:00Z", everySeconds: 0 }, 0, 1), /positive/);
    assert.throws(() => nextFirings({ startsOn: "2025-01-01T00:00:00Z", everySeconds: 1.5 }, 0, 1), /whole/);
  });
});

// ---------------------------------------------------------------------------------------

describe("cronFor", () => {
  const divisorsOf = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
  /** Is the set of times of day of a series (period divides a day) hours × minutes × seconds? */
  const isGrid = (offset: number, period: number) => {
    const times: number[] = [];
    for (let t = offset % period; t < DAY; t += period) times.push(t);
    const parts = [new Set<number>(), new Set<number>(), new Set<number>()];
    for (const t of times) {
      parts[0].add(t % 60);
      parts[1].add(Math.floor(t / 60) % 60);
      parts[2].add(Math.floor(t / 3600));
    }
    return parts[0].size * parts[1].size * parts[2].size === times.length;
  };

  /** node-cron's own next runs of `expression`, from now. */
  function cronRuns(expression: string, count: number): { runs: number[]; from: number; to: number } {
    const job = cron.createTask(expression, () => {}, { timezone: "UTC" });
    try {
      const from = Date.now();
      const runs = job.getNextRuns(count).map((d) => d.getTime());
      return { runs, from, to: Date.now() };
    } finally {
      void job.destroy();
    }
  }

  const freqs = [
    ...divisorsOf(60), // sub-minute (and 60)
    ...divisorsOf(24 * 60).map((m) => m * 60), // whole minutes dividing a day
    WEEK,
  ].filter((f, i, all) => all.indexOf(f) === i);

  for (const freq of freqs) {
    // A single cron is a grid of seconds × minutes × hours (× weekdays); a series is one only
    // when freq divides a minute, is minutes dividing an hour, hours dividing a day, or a week.
    // Every 8 or 90 minutes (both dividing a day) is not: 00:00, 01:30, 03:00, …
    const exact =
      freq === WEEK || 60 % freq === 0 || (freq % 60 === 0 && 3600 % freq === 0) || freq % 3600 === 0;
    it(`every ${freq} s: ${exact ? "an exact cron, as node-cron expands it" : "no cron"}`, () => {
      const rand = fc.sample(fc.integer({ min: 0, max: WEEK - 1 }), { numRuns: 8, seed: freq });
      for (const offset of rand) {
        const start = Date.UTC(2025, 0, 1) + offset * S; // starts_on at a random time of the week
        const entry = { startsOn: iso(start), everySeconds: freq };
        const expression = cronFor(entry);
        if (!exact) {
          assert.equal(expression, undefined);
          assert.equal(isGrid(offset, freq), false, "a cron would exist after all");
          continue;
        }
        assert.ok(expression && cron.validate(expression), `${freq} s from ${iso(start)}: ${expression}`);
        // node-cron's next runs (two days' or two weeks' worth, at most 120) are the next firings.
        const count = Math.min(120, Math.max(3, Math.ceil((2 * (freq === WEEK ? WEEK : DAY)) / freq) + 1));
        const { runs, from, to } = cronRuns(expression, count);
        const first = runs[0];
        assert.ok(
          first === nextFirings(entry, from, 1)[0] || first === nextFirings(entry, to, 1)[0],
          `${expression}: first run ${iso(first)}, not the next firing of every ${freq} s from ${iso(start)}`,
        );
        assert.deepEqual(runs.map(iso), nextFirings(entry, first - 1, count).map(iso), expression);
      }
    });
  }

  it("the seed's weekly schedule: 0 6 * * 3, fires on 2025-10-01, -08, -15 and -22 at 06:00 UTC", () => {
    const entry = {
      startsOn: xanoTimestampToIso("2025-10-01 06:00:00+0000"),
      everySeconds: 604_800,
      endsOn: xanoTimestampToIso("2025-10-26 19:51:05+0000"),
    };
    assert.equal(cronFor(entry), "0 6 * * 3");
    assert.deepEqual(nextFirings(entry, Date.UTC(2025, 0, 1), 10).map(formatIso), [
      "2025-10-01T06:00:00Z",
      "2025-10-08T06:00:00Z",
      "2025-10-15T06:00:00Z",
      "2025-10-22T06:00:00Z",
    ]);
  });

  it("writes fields as a person would", () => {
    const at = (startsOn: string, everySeconds?: number) => cronFor({ startsOn, everySeconds });
    assert.equal(at("2025-01-01T00:03:00Z", 300), "3-58/5 * * * *");
    assert.equal(at("2025-01-01T00:00:00Z", 300), "*/5 * * * *");
    assert.equal(at("2025-01-01T00:17:00Z", 3600), "17 * * * *");
    assert.equal(at("2025-01-01T06:00:00Z", 86_400), "0 6 * * *");
    assert.equal(at("2025-01-01T03:00:00Z", 21_600), "0 3,9,15,21 * * *");
    assert.equal(at("2025-01-01T00:00:07Z", 15), "7,22,37,52 * * * * *");
    assert.equal(at("2025-01-01T00:00:00Z", 1), "* * * * * *");
    assert.equal(at("2025-01-01T00:00:00Z", 60), "* * * * *");
    assert.equal(at("2025-01-01T00:00:00Z", 5400), undefined);
    assert.equal(at("2025-01-01T00:00:00Z", 2 * DAY), undefined);
    assert.equal(at("2025-01-01T00:00:00Z"), undefined, "a one-off entry");
  });

  it("ticks a schedule without an exact cron as coarsely as its instants allow", () => {
    assert.equal(tickCronFor({ startsOn: "2025-01-01T00:17:00Z", everySeconds: 5400 }), "17,47 * * * *");
    assert.equal(tickCronFor({ startsOn: "2025-01-01T06:00:00Z", everySeconds: 2 * DAY }), "0 6 * * *");
    assert.equal(tickCronFor({ startsOn: "2025-01-01T06:00:00Z", everySeconds: 2 * WEEK }), "0 6 * * 3");
    assert.equal(tickCronFor({ startsOn: "2025-01-01T06:00:00Z", everySeconds: 400 * DAY + 1 }), "* * * * * *");
    assert.equal(
      tickCronFor([
        { startsOn: "2025-01-01T09:00:00Z", everySeconds: DAY },
        { startsOn: "2025-01-01T21:00:00Z", everySeconds: DAY },
      ]),
      "0 9,21 * * *",
    );
  });
});

// ---------------------------------------------------------------------------------------

describe("timestamps", () => {
  it("parses XanoScript literals and ISO 8601, with any offset", () => {
    const t = Date.UTC(2025, 9, 1, 6, 0, 0);
    assert.equal(parseTimestamp("2025-10-01 06:00:00+0000"), t);
    assert.equal(parseTimestamp("2025-10-01 06:00:00+00:00"), t);
    assert.equal(parseTimestamp("2025-10-01T06:00:00Z"), t);
    assert.equal(parseTimestamp("2025-10-01 06:00:00z"), t);
    assert.equal(parseTimestamp("2025-10-01 08:00:00+0200"), t);
    assert.equal(parseTimestamp("2025-10-01 11:30:00+05:30"), t);
    assert.equal(parseTimestamp("2025-09-30 21:00:00-0900"), t);
    assert.equal(parseTimestamp("2025-10-01 01:00:00-05"), t);
    assert.equal(parseTimestamp("2025-10-01T06:00Z"), t);
    assert.equal(parseTimestamp("2025-10-01T06:00:00.250Z"), t + 250);
    assert.equal(parseTimestamp("2024-02-29 00:00:00+0000"), Date.UTC(2024, 1, 29));
    assert.equal(parseTimestamp("0099-01-01 00:00:00+0000"), Date.parse("0099-01-01T00:00:00Z"));
  });

  it("rejects what is not a valid instant", () => {
    for (const bad of [
      "2025-10-01 06:00:00", // no offset: would be a guess
      "2025-10-01",
      "2025-13-01 00:00:00+0000",
      "2025-02-29 00:00:00+0000",
      "2025-04-31 00:00:00+0000",
      "2025-10-01 24:00:00+0000",
      "2025-10-01 06:60:00+0000",
      "2025-10-01 06:00:60+0000",
      "2025-10-01 06:00:00+2400",
      "2025-10-01 06:00:00+000",
      "yesterday",
    ]) {
      assert.throws(() => parseTimestamp(bad), RangeError, bad);
    }
  });

  it("formats ISO UTC, without milliseconds unless they matter", () => {
    assert.equal(xanoTimestampToIso("2025-10-01 06:00:00+0000"), "2025-10-01T06:00:00Z");
    assert.equal(xanoTimestampToIso("2025-10-26 21:51:05+0200"), "2025-10-26T19:51:05Z");
    assert.equal(formatIso(Date.UTC(2025, 0, 1) + 5), "2025-01-01T00:00:00.005Z");
  });
});

describe("describeSchedule", () => {
  const cases: [ScheduleEntry, string][] = [
    [
      { startsOn: "2025-10-01T06:00:00Z", everySeconds: 604_800, endsOn: "2025-10-26T19:51:05Z" },
      "Every 7 days at 06:00 UTC, from Wed 2025-10-01 until 2025-10-26 19:51:05 UTC",
    ],
    [{ startsOn: "2025-11-28T05:56:27Z" }, "Once, at 2025-11-28 05:56:27 UTC"],
    [{ startsOn: "2025-11-28T05:56:27Z", everySeconds: 86_400 }, "Every day at 05:56:27 UTC, from Fri 2025-11-28"],
    [{ startsOn: "2025-10-01T06:00:00Z", everySeconds: 5400 }, "Every 90 minutes from Wed 2025-10-01 06:00 UTC"],
    [{ startsOn: "2025-01-01T00:00:00Z", everySeconds: 3600 }, "Every hour from Wed 2025-01-01 00:00 UTC"],
    [
      { startsOn: "2025-01-01T08:00:00Z", everySeconds: 3600, endsOn: "2025-12-31T23:59:59Z" },
      "Every hour from Wed 2025-01-01 08:00 UTC until 2025-12-31 23:59:59 UTC",
    ],
    [
      { startsOn: "2025-01-01T03:15:00Z", everySeconds: 21_600 },
      "Every 6 hours at 03:15, 09:15, 15:15 and 21:15 UTC, from Wed 2025-01-01",
    ],
    [{ startsOn: "2025-01-01T09:00:00Z", everySeconds: 43_200 }, "Every 12 hours at 09:00 and 21:00 UTC, from Wed 2025-01-01"],
    [{ startsOn: "2025-01-01T00:00:30Z", everySeconds: 300 }, "Every 5 minutes from Wed 2025-01-01 00:00:30 UTC"],
    [{ startsOn: "2025-01-01T00:00:00Z", everySeconds: 1 }, "Every second from Wed 2025-01-01 00:00 UTC"],
    [{ startsOn: "2025-01-01T00:00:00Z", everySeconds: 45 }, "Every 45 seconds from Wed 2025-01-01 00:00 UTC"],
    [{ startsOn: "2025-01-01T00:00:00Z", everySeconds: 129_600 }, "Every 36 hours from Wed 2025-01-01 00:00 UTC"],
    [
      { startsOn: "2025-01-01T00:00:00Z", everySeconds: 60, endsOn: "2024-01-01T00:00:00Z" },
      "Never: ends (2024-01-01 00:00 UTC) before it starts (2025-01-01 00:00 UTC)",
    ],
  ];
  for (const [entry, words] of cases) {
    it(words, () => assert.equal(describeSchedule(entry), words));
  }
});

// Last, so that the tests above run here while the property runs in its process.
describe("the scheduler on random schedules", () => {
  it("the scheduler fires exactly on the definition's first 50 instants (10,000 random schedules)", async () => {
    const { code, output } = await property;
    assert.equal(code, 0, output);
    const seen = JSON.parse(output.trim().split("\n").pop() as string) as Record<string, number>;
    assert.equal(seen.schedules, 10_000);
    // the generator covers what the rules are about
    for (const what of ["withEnd", "onceOnly", "pastStart", "sharedInstants"]) {
      assert.ok(seen[what] > 500, `only ${seen[what]} schedules: ${what}`);
    }
  });
});
