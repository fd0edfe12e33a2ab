// The schedule rules of templates/runtime: schedule.ts, and which instants the scheduler
// runs a task on (fixtures/firings-property.ts, against a reference written from the
// definition alone).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, it, type TestContext } from "node:test";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import cron from "node-cron";
import {
  cronFor,
  describeSchedule,
  firesAt,
  formatIso,
  cronsFor,
  lastFiring,
  nextFirings,
  parseTimestamp,
  tickCronFor,
  tickCronsFor,
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
  const MINUTE_FREQS = divisorsOf(24 * 60).map((m) => m * 60); // whole minutes dividing a day
  // The 17 of them that no single cron grid expresses (00:00, 01:30, 03:00, … for 90 minutes).
  const SEVERAL = [8, 9, 16, 18, 24, 32, 36, 40, 45, 48, 72, 80, 90, 96, 144, 160, 288].map((m) => m * 60);

  /**
   * node-cron's own expansion of the union of `expressions` over (from, from + spanMs]: each
   * expression's next runs from `from` (Date mocked there, so that getNextRuns starts from it),
   * merged, each instant once. `firings` is how many the span holds in all.
   */
  function cronRuns(t: TestContext, expressions: readonly string[], from: number, spanMs: number, firings: number) {
    t.mock.timers.enable({ apis: ["Date"], now: from });
    try {
      const all = new Set<number>();
      for (const expression of expressions) {
        assert.ok(cron.validate(expression), expression);
        const job = cron.createTask(expression, () => {}, { timezone: "UTC" });
        try {
          // Its share of the firings (about), and more when that does not reach past the span.
          const share = expressions.length === 1 ? firings + 1 : Math.ceil((1.5 * firings) / expressions.length) + 2;
          for (let count = share; ; count *= 2) {
            const runs = job.getNextRuns(count).map((d) => d.getTime());
            if ((runs.at(-1) as number) <= from + spanMs) continue;
            for (const r of runs) if (r <= from + spanMs) all.add(r);
            break;
          }
        } finally {
          void job.destroy();
        }
      }
      return [...all].sort((x, y) => x - y);
    } finally {
      t.mock.timers.reset();
    }
  }

  /**
   * The fewest plain expressions any list can have for a series of whole minutes dividing a
   * day, found from its times of day alone: an expression is hours × minutes (× one second),
   * and no two hours here share some minutes without sharing all of them (asserted), so one
   * expression cannot serve two hours with different minutes.
   */
  function fewestExpressions(offset: number, freq: number): number {
    const rows = new Map<number, string>();
    for (let t = offset % freq; t < DAY; t += freq) {
      const hour = Math.floor(t / 3600);
      rows.set(hour, `${rows.get(hour) ?? ""},${Math.floor(t / 60) % 60}`);
    }
    const distinct = [...new Set(rows.values())];
    const minutes = distinct.map((r) => new Set(r.split(",").filter(Boolean)));
    for (const [i, a] of minutes.entries()) {
      for (const b of minutes.slice(i + 1)) assert.ok(![...a].some((m) => b.has(m)), "two hours share some minutes");
    }
    return distinct.length;
  }

  const freqs = [...divisorsOf(60), ...MINUTE_FREQS, WEEK].filter((f, i, all) => all.indexOf(f) === i);

  for (const freq of freqs) {
    // two days' worth of firings (sub-minute: five minutes' worth), three weeks for a week
    const span = freq === WEEK ? 3 * WEEK : freq < 60 ? 300 : 2 * DAY;
    const several = SEVERAL.includes(freq);
    it(`every ${freq} s: ${several ? "several exact crons" : "an exact cron"}, as node-cron expands it, over ${span >= DAY ? `${span / DAY} days` : `${span / 60} minutes`}`, (t) => {
      const rand = fc.sample(
        fc.tuple(fc.integer({ min: 0, max: WEEK - 1 }), fc.integer({ min: 0, max: 30 * DAY * S })),
        {
          numRuns: freq === WEEK ? 8 : 3,
          seed: freq,
        },
      );
      for (const [offset, after] of rand) {
        const start = Date.UTC(2025, 0, 1) + offset * S; // starts_on at a random time of the week
        const entry = { startsOn: iso(start), everySeconds: freq };
        const expressions = cronsFor(entry);
        assert.ok(expressions, `every ${freq} s from ${iso(start)}: no cron`);
        assert.equal(expressions.length, freq % 60 === 0 && freq !== WEEK ? fewestExpressions(offset, freq) : 1);
        assert.equal(expressions.length > 1, several, expressions.join(" + "));
        assert.deepEqual(
          cronFor(entry),
          several ? expressions : expressions[0],
          "cronFor: a string when one is enough",
        );
        // From a random instant (any millisecond) within a month of the start.
        const from = start + after;
        const expected = nextFirings(entry, from, Math.ceil(span / freq) + 1).filter((x) => x <= from + span * S);
        const runs = cronRuns(t, expressions, from, span * S, expected.length);
        assert.deepEqual(runs.map(iso), expected.map(iso), `${expressions.join(" + ")} from ${iso(from)}`);
      }
    });
  }

  it("no plain cron for other frequencies, nor for a one-off entry", () => {
    for (const freq of [2 * DAY, 7 * 3600, 90, 45, 7, 61 * 60, 2 * WEEK, 5 * DAY, 100_000]) {
      assert.equal(cronsFor({ startsOn: "2025-01-01T00:00:00Z", everySeconds: freq }), undefined, `${freq} s`);
      assert.equal(cronFor({ startsOn: "2025-01-01T00:00:00Z", everySeconds: freq }), undefined, `${freq} s`);
    }
    assert.equal(cronsFor({ startsOn: "2025-01-01T00:00:00Z" }), undefined);
  });

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
    assert.deepEqual(at("2025-01-01T00:00:00Z", 5400), ["0 */3 * * *", "30 1-22/3 * * *"]);
    assert.deepEqual(at("2025-01-01T01:00:00Z", 5400), ["0 1-22/3 * * *", "30 2-23/3 * * *"]);
    assert.deepEqual(at("2025-01-01T00:00:00Z", 480), ["*/8 */2 * * *", "4-52/8 1-23/2 * * *"]);
    assert.deepEqual(at("2025-01-01T00:00:15Z", 17_280), [
      "15 0 0 * * *",
      "15 48 4 * * *",
      "15 36 9 * * *",
      "15 24 14 * * *",
      "15 12 19 * * *",
    ]);
    assert.equal(at("2025-01-01T00:00:00Z", 2 * DAY), undefined);
    assert.equal(at("2025-01-01T00:00:00Z"), undefined, "a one-off entry");
  });

  it("ticks on the entries' exact crons, or on one cron as coarse as the instants allow", () => {
    const tick = (schedule: ScheduleEntry | ScheduleEntry[]) => tickCronsFor(schedule);
    assert.deepEqual(tick({ startsOn: "2025-01-01T00:17:00Z", everySeconds: 5400 }), [
      "17 */3 * * *",
      "47 1-22/3 * * *",
    ]);
    assert.deepEqual(tick({ startsOn: "2025-10-01T06:00:00Z", everySeconds: WEEK }), ["0 6 * * 3"]);
    assert.deepEqual(tick({ startsOn: "2025-01-01T06:00:00Z", everySeconds: 2 * DAY }), ["0 6 * * *"]);
    assert.deepEqual(
      tick([
        { startsOn: "2025-01-01T09:00:00Z", everySeconds: DAY },
        { startsOn: "2025-01-01T21:00:00Z", everySeconds: DAY },
      ]),
      ["0 9,21 * * *"],
      "one cron is enough and ticks no more often",
    );
    assert.deepEqual(
      tick([
        { startsOn: "2025-01-01T00:00:00Z", everySeconds: 5400 },
        { startsOn: "2025-01-01T00:00:00Z", everySeconds: 3 * 3600 },
      ]),
      ["0 */3 * * *", "30 1-22/3 * * *"],
      "an expression shared by two entries is ticked once",
    );
    assert.deepEqual(
      tick([{ startsOn: "2025-01-01T00:00:00Z", everySeconds: 5400 }, { startsOn: "2025-01-01T00:10:00Z" }]),
      ["*/10 * * * *"],
      "a one-off entry has no cron: one for both",
    );
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
    [
      { startsOn: "2025-01-01T09:00:00Z", everySeconds: 43_200 },
      "Every 12 hours at 09:00 and 21:00 UTC, from Wed 2025-01-01",
    ],
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
