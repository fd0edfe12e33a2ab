// Tests for templates/runtime/time.ts, the generated project's timestamp module.
//
// Expected values come from PHP 8.2 (Xano's engine is PHP), from the XanoScript reference and
// from docs.xano.com; the tables marked "PHP 8.2" were produced by running PHP itself on the
// same inputs (DateTime::modify, new DateTime, date()), not by this module.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, test } from "node:test";

import * as time from "../../templates/runtime/time.js";
import {
  addMsToTimestamp,
  addSecsToTimestamp,
  formatTimestamp,
  now,
  parseTimestamp,
  parseXanoTimestampLiteral,
  setClock,
  timestampAddDays,
  timestampAddHours,
  timestampAddMinutes,
  timestampAddMonths,
  timestampAddSeconds,
  timestampAddWeeks,
  timestampAddYears,
  timestampDayOfMonth,
  timestampDayOfWeek,
  timestampDayOfYear,
  timestampEpochDay,
  timestampEpochHour,
  timestampEpochMinute,
  timestampEpochMs,
  timestampEpochSec,
  timestampEpochSeconds,
  timestampHour,
  timestampMinute,
  timestampMonth,
  timestampSubtractDays,
  timestampSubtractHours,
  timestampSubtractMinutes,
  timestampSubtractMonths,
  timestampSubtractSeconds,
  timestampSubtractWeeks,
  timestampSubtractYears,
  timestampWeek,
  timestampYear,
  toDate,
  toDays,
  toHours,
  toMinutes,
  toMs,
  toSeconds,
  toTimestamp,
  transformTimestamp,
} from "../../templates/runtime/time.js";
import { filesUnder, sharedPath } from "../support/shared.js";

/** 2025-09-17T15:30:45.123Z, a Wednesday: the fixed "now" of these tests. */
const NOW = Date.UTC(2025, 8, 17, 15, 30, 45, 123);
const at = (iso: string) => Date.parse(iso);

beforeEach(() => setClock(NOW));
afterEach(() => setClock(null));

describe("the clock", () => {
  test("now is the injected clock, and null restores the system clock", () => {
    assert.equal(now(), NOW);
    setClock(() => 42);
    assert.equal(now(), 42);
    setClock(null);
    assert.ok(Math.abs(now() - Date.now()) < 1000);
  });
});

describe("examples in the XanoScript reference", () => {
  test('syntax.md: to_timestamp, to_ms, to_seconds of "now"', () => {
    assert.equal(toTimestamp("now"), NOW);
    assert.equal(toMs("now"), NOW);
    assert.equal(toSeconds("now"), Math.floor(NOW / 1000));
  });

  test("syntax.md, essentials.md, integrations/utilities.md: format_timestamp", () => {
    assert.equal(formatTimestamp(now(), "Y-m-d", "UTC"), "2025-09-17");
    assert.equal(formatTimestamp(now(), "Y-m-d H:i:s", "UTC"), "2025-09-17 15:30:45");
    assert.equal(formatTimestamp(now(), "Y-m-d"), "2025-09-17");
  });

  test("transform_timestamp offsets from syntax.md, essentials.md, security.md, tasks.md", () => {
    assert.equal(transformTimestamp(now(), "-7 days"), NOW - 7 * 86_400_000);
    assert.equal(transformTimestamp(now(), "-1 day"), NOW - 86_400_000);
    assert.equal(transformTimestamp(now(), "+7 days"), NOW + 7 * 86_400_000);
    assert.equal(transformTimestamp(now(), "-1 hour"), NOW - 3_600_000);
    assert.equal(transformTimestamp(now(), "-24 hours"), NOW - 86_400_000);
    assert.equal(transformTimestamp(now(), "-1 hour", "UTC"), NOW - 3_600_000);
  });

  test("syntax.md: add_secs_to_timestamp:60 and add_ms_to_timestamp:1000", () => {
    assert.equal(addSecsToTimestamp(NOW, 60), NOW + 60_000);
    assert.equal(addMsToTimestamp(NOW, 1000), NOW + 1000);
  });

  test("syntax.md: timestamp parts", () => {
    assert.equal(timestampYear(NOW), 2025);
    assert.equal(timestampMonth(NOW), 9);
    assert.equal(timestampDayOfMonth(NOW), 17);
    assert.equal(timestampHour(NOW), 15);
    assert.equal(timestampMinute(NOW), 30);
    assert.equal(timestampDayOfWeek(NOW), 3); // 0 = Sunday
  });

  test("database.md / syntax.md: timestamp arithmetic and parts (DB)", () => {
    assert.equal(timestampAddDays(NOW, 7), NOW + 7 * 86_400_000);
    assert.equal(timestampSubtractHours(NOW, 24), NOW - 86_400_000);
    assert.equal(timestampWeek(NOW), 38);
    assert.equal(timestampDayOfYear(NOW), 260);
    assert.equal(timestampEpochSeconds(NOW), 1758123045);
    assert.equal(timestampEpochMs(NOW), NOW);
  });

  test('tasks.md: "now"|timestamp_subtract_months:1 is one calendar month earlier', () => {
    assert.equal(timestampSubtractMonths("now", 1), at("2025-08-17T15:30:45.123Z"));
  });

  test("performance.md: now|to_ms", () => {
    assert.equal(toMs(now()), NOW);
  });
});

describe("examples on docs.xano.com", () => {
  test("add_ms_to_timestamp and add_secs_to_timestamp tables", () => {
    assert.equal(addMsToTimestamp(1698710400000, 500), 1698710400500);
    assert.equal(addMsToTimestamp(1698710400000, -250), 1698710399750);
    assert.equal(addMsToTimestamp(1698710400000, 1500), 1698710401500);
    assert.equal(addMsToTimestamp(1698710400000, 5000), 1698710405000);
    assert.equal(addMsToTimestamp(1698710400000, -2000), 1698710398000);
    assert.equal(addSecsToTimestamp(1698710400000, 30), 1698710430000);
    assert.equal(addSecsToTimestamp(1698710400000, -60), 1698710340000);
    assert.equal(addSecsToTimestamp(1698710400000, 3600), 1698714000000);
    assert.equal(addSecsToTimestamp(1691527530000, 60), 1691527590000);
  });

  test("XanoScript filter reference: format, parse and transform", () => {
    assert.equal(formatTimestamp("1692132330000", "Y-m-d H:i:s", "America/New_York"), "2023-08-15 16:45:30");
    assert.equal(parseTimestamp("2023-08-15 13:45:30", "Y-m-d H:i:s", "America/Los_Angeles"), 1692132330000);
    assert.equal(transformTimestamp("2023-08-15T20:45:30.000Z", "-7 days", "America/Los_Angeles"), 1691527530000);
  });

  test('XanoScript filter reference: "next friday" in Los Angeles', () => {
    assert.equal(toTimestamp("next friday", "America/Los_Angeles"), 1758265200000);
    assert.equal(toMs("next friday", "America/Los_Angeles"), 1758265200000);
    assert.equal(toSeconds("next friday", "America/Los_Angeles"), 1758265200);
    assert.equal(toMinutes("next friday", "America/Los_Angeles"), 29304420);
    assert.equal(toHours("next friday", "America/Los_Angeles"), 488407);
    assert.equal(toDays("next friday", "America/Los_Angeles"), 20350);
  });

  test("XanoScript filter reference: monday|add_ms_to_timestamp:500", () => {
    assert.equal(addMsToTimestamp("monday", 500), 1758499200500);
  });

  test("database filters: optional time zone, amount defaults to 1", () => {
    const newYear = at("2025-01-01T03:00:00Z"); // 2024-12-31 22:00 in New York
    assert.equal(timestampYear(newYear, "EST"), 2024);
    assert.equal(timestampYear(newYear), 2025);
    assert.equal(timestampMonth(newYear, "America/New_York"), 12);
    assert.equal(timestampDayOfMonth(newYear, "America/New_York"), 31);
    assert.equal(timestampHour(newYear, "America/New_York"), 22);
    assert.equal(timestampDayOfWeek(newYear, "America/New_York"), 2);
    assert.equal(timestampDayOfYear(newYear, "America/New_York"), 366);
    assert.equal(timestampWeek(newYear, "America/New_York"), 1);
    assert.equal(timestampAddSeconds(NOW), NOW + 1000);
    assert.equal(timestampSubtractSeconds(NOW), NOW - 1000);
    assert.equal(timestampAddMinutes(NOW), NOW + 60_000);
    assert.equal(timestampSubtractMinutes(NOW), NOW - 60_000);
    assert.equal(timestampAddHours(NOW), NOW + 3_600_000);
    assert.equal(timestampSubtractHours(NOW), NOW - 3_600_000);
    assert.equal(timestampAddDays(NOW), NOW + 86_400_000);
    assert.equal(timestampSubtractDays(NOW), NOW - 86_400_000);
    assert.equal(timestampAddWeeks(NOW), NOW + 7 * 86_400_000);
    assert.equal(timestampSubtractWeeks(NOW, 2), NOW - 14 * 86_400_000);
    assert.equal(timestampAddMonths(NOW), at("2025-10-17T15:30:45.123Z"));
    assert.equal(timestampAddYears(NOW), at("2026-09-17T15:30:45.123Z"));
    assert.equal(timestampSubtractYears(NOW), at("2024-09-17T15:30:45.123Z"));
  });

  test("epoch counts floor to whole units", () => {
    assert.equal(timestampEpochSec(1500), 1);
    assert.equal(timestampEpochSec(-1), -1);
    assert.equal(timestampEpochMinute(NOW), 29302050);
    assert.equal(timestampEpochHour(NOW), 488367);
    assert.equal(timestampEpochDay(NOW), 20348);
  });
});

describe("format_timestamp: PHP date() format characters", () => {
  // php.net's date() examples: "today is March 10th, 2001, 5:16:18 pm" in Mountain Standard Time.
  const march10 = 984269778000;
  const phpNetExamples: [string, string][] = [
    ["F j, Y, g:i a", "March 10, 2001, 5:16 pm"],
    ["m.d.y", "03.10.01"],
    ["j, n, Y", "10, 3, 2001"],
    ["Ymd", "20010310"],
    ["h-i-s, j-m-y, it is w Day", "05-16-18, 10-03-01, 1631 1618 6 Satpm01"],
    ["\\i\\t \\i\\s \\t\\h\\e jS \\d\\a\\y.", "it is the 10th day."],
    ["D M j G:i:s T Y", "Sat Mar 10 17:16:18 MST 2001"],
    ["H:m:s \\m \\i\\s\\ \\m\\o\\n\\t\\h", "17:03:18 m is month"],
    ["H:i:s", "17:16:18"],
    ["Y-m-d H:i:s", "2001-03-10 17:16:18"],
  ];
  for (const [format, expected] of phpNetExamples) {
    test(`php.net: ${format}`, () => {
      assert.equal(formatTimestamp(march10, format, "America/Denver"), expected);
      assert.equal(formatTimestamp(march10, format, "MST"), expected);
    });
  }

  test("php.net: c and r", () => {
    assert.equal(formatTimestamp(1076599161000, "c"), "2004-02-12T15:19:21+00:00");
    assert.equal(formatTimestamp(977407267000, "r", "+02:00"), "Thu, 21 Dec 2000 16:01:07 +0200");
  });

  // PHP 8.2: date("d D j l N S w z W F m M n t L o X x Y y a A B g G h H i s u v e I O P p T Z c r U")
  const everyCharacter: [number, string, string][] = [
    [
      1758123045123,
      "UTC",
      "17 Wed 17 Wednesday 3 th 3 259 38 September 09 Sep 9 30 0 2025 +2025 2025 2025 25 pm PM 688 3 15 03 15 30 45 123000 123 UTC 0 +0000 +00:00 Z UTC 0 2025-09-17T15:30:45+00:00 Wed, 17 Sep 2025 15:30:45 +0000 1758123045",
    ],
    [
      1758123045123,
      "America/New_York",
      "17 Wed 17 Wednesday 3 th 3 259 38 September 09 Sep 9 30 0 2025 +2025 2025 2025 25 am AM 688 11 11 11 11 30 45 123000 123 America/New_York 1 -0400 -04:00 -04:00 EDT -14400 2025-09-17T11:30:45-04:00 Wed, 17 Sep 2025 11:30:45 -0400 1758123045",
    ],
    [
      1758123045123,
      "Asia/Kolkata",
      "17 Wed 17 Wednesday 3 th 3 259 38 September 09 Sep 9 30 0 2025 +2025 2025 2025 25 pm PM 688 9 21 09 21 00 45 123000 123 Asia/Kolkata 0 +0530 +05:30 +05:30 IST 19800 2025-09-17T21:00:45+05:30 Wed, 17 Sep 2025 21:00:45 +0530 1758123045",
    ],
    [
      1735689599999,
      "Australia/Sydney",
      "01 Wed 1 Wednesday 3 st 3 0 01 January 01 Jan 1 31 0 2025 +2025 2025 2025 25 am AM 041 10 10 10 10 59 59 999000 999 Australia/Sydney 1 +1100 +11:00 +11:00 AEDT 39600 2025-01-01T10:59:59+11:00 Wed, 01 Jan 2025 10:59:59 +1100 1735689599",
    ],
    [
      1704067200000,
      "Europe/Berlin",
      "01 Mon 1 Monday 1 st 1 0 01 January 01 Jan 1 31 1 2024 +2024 2024 2024 24 am AM 041 1 1 01 01 00 00 000000 000 Europe/Berlin 0 +0100 +01:00 +01:00 CET 3600 2024-01-01T01:00:00+01:00 Mon, 01 Jan 2024 01:00:00 +0100 1704067200",
    ],
    [
      1709210096789,
      "+05:30",
      "29 Thu 29 Thursday 4 th 4 59 09 February 02 Feb 2 29 1 2024 +2024 2024 2024 24 pm PM 565 6 18 06 18 04 56 789000 789 +05:30 0 +0530 +05:30 +05:30 GMT+0530 19800 2024-02-29T18:04:56+05:30 Thu, 29 Feb 2024 18:04:56 +0530 1709210096",
    ],
    [
      1709210096789,
      "PST",
      "29 Thu 29 Thursday 4 th 4 59 09 February 02 Feb 2 29 1 2024 +2024 2024 2024 24 am AM 565 4 4 04 04 34 56 789000 789 PST 0 -0800 -08:00 -08:00 PST -28800 2024-02-29T04:34:56-08:00 Thu, 29 Feb 2024 04:34:56 -0800 1709210096",
    ],
    [
      0,
      "UTC",
      "01 Thu 1 Thursday 4 st 4 0 01 January 01 Jan 1 31 0 1970 +1970 1970 1970 70 am AM 041 12 0 12 00 00 00 000000 000 UTC 0 +0000 +00:00 Z UTC 0 1970-01-01T00:00:00+00:00 Thu, 01 Jan 1970 00:00:00 +0000 0",
    ],
    [
      -1,
      "UTC",
      "31 Wed 31 Wednesday 3 st 3 364 01 December 12 Dec 12 31 0 1970 +1969 1969 1969 69 pm PM 041 11 23 11 23 59 59 999000 999 UTC 0 +0000 +00:00 Z UTC 0 1969-12-31T23:59:59+00:00 Wed, 31 Dec 1969 23:59:59 +0000 -1",
    ],
    [
      951782400000,
      "Asia/Kathmandu",
      "29 Tue 29 Tuesday 2 th 2 59 09 February 02 Feb 2 29 1 2000 +2000 2000 2000 00 am AM 041 5 5 05 05 45 00 000000 000 Asia/Kathmandu 0 +0545 +05:45 +05:45 +0545 20700 2000-02-29T05:45:00+05:45 Tue, 29 Feb 2000 05:45:00 +0545 951782400",
    ],
  ];
  for (const [ms, zone, expected] of everyCharacter) {
    test(`every character at ${ms} in ${zone}`, () => {
      const format = "d D j l N S w z W F m M n t L o X x Y y a A B g G h H i s u v e I O P p T Z c r U";
      assert.equal(formatTimestamp(ms, format, zone), expected);
    });
  }

  test("ordinal suffixes", () => {
    const days = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31];
    const got = days.map((d) => formatTimestamp(Date.UTC(2025, 0, d), "jS")).join(" ");
    assert.equal(got, "1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st");
  });

  // PHP 8.2: date("o-W N")
  const isoWeeks: [string, string][] = [
    ["2020-12-31", "2020-53 4"],
    ["2021-01-01", "2020-53 5"],
    ["2021-01-03", "2020-53 7"],
    ["2021-01-04", "2021-01 1"],
    ["2024-12-30", "2025-01 1"],
    ["2026-01-01", "2026-01 4"],
    ["2027-01-01", "2026-53 5"],
    ["2015-12-31", "2015-53 4"],
    ["2016-01-03", "2015-53 7"],
    ["2008-12-29", "2009-01 1"],
    ["2009-12-31", "2009-53 4"],
    ["2010-01-03", "2009-53 7"],
  ];
  test("ISO-8601 week-numbering year, week and weekday", () => {
    for (const [date, expected] of isoWeeks)
      assert.equal(formatTimestamp(`${date}T12:00:00Z`, "o-W N"), expected, date);
  });

  test("time zone names, abbreviations and offsets as PHP prints them", () => {
    const cases: [string, string][] = [
      ["EST", "EST|EST|-05:00|-05:00|0|10:30"],
      ["CET", "CET|CET|+01:00|+01:00|0|16:30"], // PHP reads CET as the fixed abbreviation
      ["+05:30", "+05:30|GMT+0530|+05:30|+05:30|0|21:00"],
      ["GMT", "GMT|GMT|+00:00|+00:00|0|15:30"],
      ["Z", "Z|Z|+00:00|Z|0|15:30"],
      ["America/Denver", "America/Denver|MDT|-06:00|-06:00|1|09:30"],
    ];
    for (const [zone, expected] of cases) assert.equal(formatTimestamp(NOW, "e|T|P|p|I|H:i", zone), expected, zone);
  });

  test("milliseconds: u and v", () => {
    assert.equal(formatTimestamp(NOW, "s.v u"), "45.123 123000");
    assert.equal(formatTimestamp(-1, "Y-m-d H:i:s.v"), "1969-12-31 23:59:59.999");
  });

  test("characters without a meaning are copied; a backslash escapes the next one", () => {
    assert.equal(formatTimestamp(NOW, "Q \\Y\\m\\d ["), "Q Ymd [");
    assert.equal(formatTimestamp(NOW, "\\\\Y"), "\\2025");
  });

  test("text input is read in the format's zone", () => {
    assert.equal(formatTimestamp("2025-01-31 10:00", "c", "America/New_York"), "2025-01-31T10:00:00-05:00");
    assert.equal(formatTimestamp("2025-01-31T10:00:00Z", "c", "America/New_York"), "2025-01-31T05:00:00-05:00");
  });
});

describe("daylight saving time in America/New_York and Europe/Berlin (PHP 8.2)", () => {
  // [instant, zone, date("Y-m-d H:i:s T I O P Z")]
  const formats: [number, string, string][] = [
    [1710052200000, "America/New_York", "2024-03-10 01:30:00 EST 0 -0500 -05:00 -18000"],
    [1710054000000, "America/New_York", "2024-03-10 03:00:00 EDT 1 -0400 -04:00 -14400"],
    [1730611800000, "America/New_York", "2024-11-03 01:30:00 EDT 1 -0400 -04:00 -14400"],
    [1730615400000, "America/New_York", "2024-11-03 01:30:00 EST 0 -0500 -05:00 -18000"],
    [1711846800000, "Europe/Berlin", "2024-03-31 03:00:00 CEST 1 +0200 +02:00 7200"],
    [1711850400000, "Europe/Berlin", "2024-03-31 04:00:00 CEST 1 +0200 +02:00 7200"],
    [1729989000000, "Europe/Berlin", "2024-10-27 02:30:00 CEST 1 +0200 +02:00 7200"],
    [1729992600000, "Europe/Berlin", "2024-10-27 02:30:00 CET 0 +0100 +01:00 3600"],
  ];
  for (const [ms, zone, expected] of formats) {
    test(`format ${ms} in ${zone}`, () => {
      assert.equal(formatTimestamp(ms, "Y-m-d H:i:s T I O P Z", zone), expected);
    });
  }

  // [zone, start, expression, DateTime::modify() result]
  const transforms: [string, string, string, string][] = [
    ["America/New_York", "2024-03-10T01:30:00.000-05:00", "+1 hour", "2024-03-10T03:30:00.000-04:00"],
    ["America/New_York", "2024-03-09T02:30:00.000-05:00", "+1 day", "2024-03-10T03:30:00.000-04:00"],
    ["America/New_York", "2024-03-09T12:00:00.000-05:00", "+24 hours", "2024-03-10T12:00:00.000-04:00"],
    ["America/New_York", "2024-03-10T12:00:00.000-04:00", "02:30", "2024-03-10T03:30:00.000-04:00"],
    ["America/New_York", "2024-03-10T12:00:00.000-04:00", "midnight", "2024-03-10T00:00:00.000-05:00"],
    ["America/New_York", "2024-03-10T00:00:00.000-05:00", "+3 hours", "2024-03-10T03:00:00.000-04:00"],
    ["America/New_York", "2024-11-03T00:30:00.000-04:00", "+1 hour", "2024-11-03T01:30:00.000-04:00"],
    ["America/New_York", "2024-11-03T00:30:00.000-04:00", "+2 hours", "2024-11-03T02:30:00.000-05:00"],
    ["America/New_York", "2024-11-02T01:30:00.000-04:00", "+1 day", "2024-11-03T01:30:00.000-04:00"],
    ["America/New_York", "2024-11-04T01:30:00.000-05:00", "-1 day", "2024-11-03T01:30:00.000-05:00"],
    ["America/New_York", "2024-11-03T12:00:00.000-05:00", "-11 hours", "2024-11-03T01:00:00.000-05:00"],
    ["America/New_York", "2024-11-03T12:00:00.000-05:00", "01:30", "2024-11-03T01:30:00.000-05:00"],
    ["America/New_York", "2024-11-03T12:00:00.000-05:00", "midnight", "2024-11-03T00:00:00.000-04:00"],
    ["Europe/Berlin", "2024-03-31T01:30:00.000+01:00", "+1 hour", "2024-03-31T03:30:00.000+02:00"],
    ["Europe/Berlin", "2024-03-30T02:30:00.000+01:00", "+1 day", "2024-03-31T03:30:00.000+02:00"],
    ["Europe/Berlin", "2024-03-31T12:00:00.000+02:00", "02:30", "2024-03-31T03:30:00.000+02:00"],
    ["Europe/Berlin", "2024-10-27T01:30:00.000+02:00", "+1 hour", "2024-10-27T02:30:00.000+02:00"],
    ["Europe/Berlin", "2024-10-26T02:30:00.000+02:00", "+1 day", "2024-10-27T02:30:00.000+02:00"],
    ["Europe/Berlin", "2024-10-28T02:30:00.000+01:00", "-1 day", "2024-10-27T02:30:00.000+01:00"],
    ["Europe/Berlin", "2024-10-27T12:00:00.000+01:00", "02:30", "2024-10-27T02:30:00.000+01:00"],
    ["Europe/Berlin", "2024-10-27T12:00:00.000+01:00", "-10 hours", "2024-10-27T02:00:00.000+01:00"],
    ["Europe/Berlin", "2024-10-01T12:00:00.000+02:00", "first day of next month", "2024-11-01T12:00:00.000+01:00"],
  ];
  for (const [zone, start, expr, expected] of transforms) {
    test(`${start} ${zone} ${expr}`, () => {
      assert.equal(transformTimestamp(at(start), expr, zone), at(expected));
    });
  }

  // [zone, text, new DateTime(text, zone)]: a skipped hour moves forward, a repeated one reads its first
  const parses: [string, string, string][] = [
    ["America/New_York", "2024-03-10 02:30:00", "2024-03-10T03:30:00.000-04:00"],
    ["America/New_York", "2024-11-03 01:30:00", "2024-11-03T01:30:00.000-04:00"],
    ["America/New_York", "2024-07-04 12:00", "2024-07-04T12:00:00.000-04:00"],
    ["Europe/Berlin", "2024-03-31 02:30:00", "2024-03-31T03:30:00.000+02:00"],
    ["Europe/Berlin", "2024-10-27 02:30:00", "2024-10-27T02:30:00.000+01:00"],
    ["Europe/Berlin", "2024-12-24 18:00", "2024-12-24T18:00:00.000+01:00"],
  ];
  for (const [zone, text, expected] of parses) {
    test(`to_timestamp "${text}" in ${zone}`, () => {
      assert.equal(toTimestamp(text, zone), at(expected));
    });
  }

  test("+1 day keeps the wall-clock time; +24 hours too, as PHP does", () => {
    const before = at("2024-03-09T12:00:00-05:00");
    assert.equal(transformTimestamp(before, "+1 day", "America/New_York"), at("2024-03-10T12:00:00-04:00"));
    assert.equal(timestampAddDays(before), before + 86_400_000); // the database filter counts in UTC
  });
});

describe("month ends (PHP 8.2)", () => {
  // [start, expression, result]
  const cases: [string, string, string][] = [
    ["2025-01-31T10:00:00Z", "+1 month", "2025-03-03T10:00:00.000+00:00"],
    ["2024-01-31T10:00:00Z", "+1 month", "2024-03-02T10:00:00.000+00:00"],
    ["2025-03-31T10:00:00Z", "-1 month", "2025-03-03T10:00:00.000+00:00"],
    ["2024-02-29T10:00:00Z", "+1 year", "2025-03-01T10:00:00.000+00:00"],
    ["2024-02-29T10:00:00Z", "-1 year", "2023-03-01T10:00:00.000+00:00"],
    ["2025-08-31T10:00:00Z", "+1 month", "2025-10-01T10:00:00.000+00:00"],
    ["2025-01-31T10:00:00Z", "last day of next month", "2025-02-28T10:00:00.000+00:00"],
    ["2025-01-31T10:00:00Z", "first day of next month", "2025-02-01T10:00:00.000+00:00"],
    ["2025-12-31T10:00:00Z", "+2 months", "2026-03-03T10:00:00.000+00:00"],
    ["2025-05-31T10:00:00Z", "-3 months", "2025-03-03T10:00:00.000+00:00"],
    ["2025-10-31T10:00:00Z", "last day of -1 month", "2025-09-30T10:00:00.000+00:00"],
  ];
  for (const [start, expr, expected] of cases) {
    test(`${start} ${expr}`, () => {
      assert.equal(transformTimestamp(start, expr), at(expected));
    });
  }

  test("timestamp_add_months / _years overflow like PHP", () => {
    assert.equal(timestampAddMonths("2025-01-31T10:00:00Z", 1), at("2025-03-03T10:00:00Z"));
    assert.equal(timestampAddMonths("2024-01-31T10:00:00Z", 1), at("2024-03-02T10:00:00Z"));
    assert.equal(timestampSubtractMonths("2025-03-31T10:00:00Z", 1), at("2025-03-03T10:00:00Z"));
    assert.equal(timestampAddMonths("2025-12-31T10:00:00Z", 2), at("2026-03-03T10:00:00Z"));
    assert.equal(timestampAddYears("2024-02-29T10:00:00Z", 1), at("2025-03-01T10:00:00Z"));
    assert.equal(timestampSubtractYears("2024-02-29T10:00:00Z"), at("2023-03-01T10:00:00Z"));
    assert.equal(timestampAddMonths("2025-01-15T10:00:00.250Z", 13), at("2026-02-15T10:00:00.250Z"));
  });
});

describe("relative expressions with a fixed now (PHP 8.2)", () => {
  // [expression, result in UTC, result in America/New_York], from 2025-09-17T15:30:45.123Z
  const cases: [string, string, string][] = [
    ["now", "2025-09-17T15:30:45.123+00:00", "2025-09-17T11:30:45.123-04:00"],
    ["+7 days", "2025-09-24T15:30:45.123+00:00", "2025-09-24T11:30:45.123-04:00"],
    ["-7 days", "2025-09-10T15:30:45.123+00:00", "2025-09-10T11:30:45.123-04:00"],
    ["-1 day", "2025-09-16T15:30:45.123+00:00", "2025-09-16T11:30:45.123-04:00"],
    ["+1 week 2 days 4 hours 2 seconds", "2025-09-26T19:30:47.123+00:00", "2025-09-26T15:30:47.123-04:00"],
    ["-1 hour", "2025-09-17T14:30:45.123+00:00", "2025-09-17T10:30:45.123-04:00"],
    ["-24 hours", "2025-09-16T15:30:45.123+00:00", "2025-09-16T11:30:45.123-04:00"],
    ["+90 minutes", "2025-09-17T17:00:45.123+00:00", "2025-09-17T13:00:45.123-04:00"],
    ["+500 ms", "2025-09-17T15:30:45.623+00:00", "2025-09-17T11:30:45.623-04:00"],
    ["2 days ago", "2025-09-15T15:30:45.123+00:00", "2025-09-15T11:30:45.123-04:00"],
    ["3 hours ago", "2025-09-17T12:30:45.123+00:00", "2025-09-17T08:30:45.123-04:00"],
    ["2 months 5 days ago", "2025-07-12T15:30:45.123+00:00", "2025-07-12T11:30:45.123-04:00"],
    ["8 days ago 14:00", "2025-09-09T14:00:00.000+00:00", "2025-09-09T14:00:00.000-04:00"],
    ["midnight", "2025-09-17T00:00:00.000+00:00", "2025-09-17T00:00:00.000-04:00"],
    ["today", "2025-09-17T00:00:00.000+00:00", "2025-09-17T00:00:00.000-04:00"],
    ["noon", "2025-09-17T12:00:00.000+00:00", "2025-09-17T12:00:00.000-04:00"],
    ["tomorrow", "2025-09-18T00:00:00.000+00:00", "2025-09-18T00:00:00.000-04:00"],
    ["yesterday", "2025-09-16T00:00:00.000+00:00", "2025-09-16T00:00:00.000-04:00"],
    ["yesterday noon", "2025-09-16T12:00:00.000+00:00", "2025-09-16T12:00:00.000-04:00"],
    ["yesterday 14:00", "2025-09-16T14:00:00.000+00:00", "2025-09-16T14:00:00.000-04:00"],
    ["tomorrow 11:00", "2025-09-18T11:00:00.000+00:00", "2025-09-18T11:00:00.000-04:00"],
    ["11:00 tomorrow", "2025-09-18T00:00:00.000+00:00", "2025-09-18T00:00:00.000-04:00"],
    ["monday", "2025-09-22T00:00:00.000+00:00", "2025-09-22T00:00:00.000-04:00"],
    ["last monday", "2025-09-15T00:00:00.000+00:00", "2025-09-15T00:00:00.000-04:00"],
    ["next monday", "2025-09-22T00:00:00.000+00:00", "2025-09-22T00:00:00.000-04:00"],
    ["this monday", "2025-09-22T00:00:00.000+00:00", "2025-09-22T00:00:00.000-04:00"],
    ["next friday", "2025-09-19T00:00:00.000+00:00", "2025-09-19T00:00:00.000-04:00"],
    ["last friday", "2025-09-12T00:00:00.000+00:00", "2025-09-12T00:00:00.000-04:00"],
    ["previous friday", "2025-09-12T00:00:00.000+00:00", "2025-09-12T00:00:00.000-04:00"],
    ["this wednesday", "2025-09-17T00:00:00.000+00:00", "2025-09-17T00:00:00.000-04:00"],
    ["next wednesday", "2025-09-24T00:00:00.000+00:00", "2025-09-24T00:00:00.000-04:00"],
    ["sunday", "2025-09-21T00:00:00.000+00:00", "2025-09-21T00:00:00.000-04:00"],
    ["saturday this week", "2025-09-20T00:00:00.000+00:00", "2025-09-20T00:00:00.000-04:00"],
    ["monday next week", "2025-09-22T00:00:00.000+00:00", "2025-09-22T00:00:00.000-04:00"],
    ["sunday last week", "2025-09-14T00:00:00.000+00:00", "2025-09-14T00:00:00.000-04:00"],
    ["this week", "2025-09-15T15:30:45.123+00:00", "2025-09-15T11:30:45.123-04:00"],
    ["next week", "2025-09-22T15:30:45.123+00:00", "2025-09-22T11:30:45.123-04:00"],
    ["last week", "2025-09-08T15:30:45.123+00:00", "2025-09-08T11:30:45.123-04:00"],
    ["first day of this month", "2025-09-01T15:30:45.123+00:00", "2025-09-01T11:30:45.123-04:00"],
    ["last day of this month", "2025-09-30T15:30:45.123+00:00", "2025-09-30T11:30:45.123-04:00"],
    ["first day of next month", "2025-10-01T15:30:45.123+00:00", "2025-10-01T11:30:45.123-04:00"],
    ["last day of next month", "2025-10-31T15:30:45.123+00:00", "2025-10-31T11:30:45.123-04:00"],
    ["first day of last month", "2025-08-01T15:30:45.123+00:00", "2025-08-01T11:30:45.123-04:00"],
    ["first day of january 2026", "2026-01-01T15:30:45.123+00:00", "2026-01-01T11:30:45.123-05:00"],
    ["last day of february 2024", "2024-02-29T15:30:45.123+00:00", "2024-02-29T11:30:45.123-05:00"],
    ["first day of next month midnight", "2025-10-01T00:00:00.000+00:00", "2025-10-01T00:00:00.000-04:00"],
    ["first monday of next month", "2025-10-06T00:00:00.000+00:00", "2025-10-06T00:00:00.000-04:00"],
    ["last friday of this month", "2025-09-26T00:00:00.000+00:00", "2025-09-26T00:00:00.000-04:00"],
    ["second tuesday of next month", "2025-10-14T00:00:00.000+00:00", "2025-10-14T00:00:00.000-04:00"],
    ["first sat of July 2008", "2008-07-05T00:00:00.000+00:00", "2008-07-05T00:00:00.000-04:00"],
    ["last sat of July 2008", "2008-07-26T00:00:00.000+00:00", "2008-07-26T00:00:00.000-04:00"],
    ["+1 month", "2025-10-17T15:30:45.123+00:00", "2025-10-17T11:30:45.123-04:00"],
    ["-1 month", "2025-08-17T15:30:45.123+00:00", "2025-08-17T11:30:45.123-04:00"],
    ["+1 year", "2026-09-17T15:30:45.123+00:00", "2026-09-17T11:30:45.123-04:00"],
    ["next month", "2025-10-17T15:30:45.123+00:00", "2025-10-17T11:30:45.123-04:00"],
    ["last year", "2024-09-17T15:30:45.123+00:00", "2024-09-17T11:30:45.123-04:00"],
    ["fifth day", "2025-09-22T15:30:45.123+00:00", "2025-09-22T11:30:45.123-04:00"],
    ["second month", "2025-11-17T15:30:45.123+00:00", "2025-11-17T11:30:45.123-05:00"],
    ["+3 weekdays", "2025-09-22T15:30:45.123+00:00", "2025-09-22T11:30:45.123-04:00"],
    ["-7 weekdays", "2025-09-08T15:30:45.123+00:00", "2025-09-08T11:30:45.123-04:00"],
    ["next weekday", "2025-09-18T00:00:00.000+00:00", "2025-09-18T00:00:00.000-04:00"],
    ["back of 7pm", "2025-09-17T19:15:00.000+00:00", "2025-09-17T19:15:00.000-04:00"],
    ["front of 5am", "2025-09-17T04:45:00.000+00:00", "2025-09-17T04:45:00.000-04:00"],
    ["10:00", "2025-09-17T10:00:00.000+00:00", "2025-09-17T10:00:00.000-04:00"],
    ["4pm", "2025-09-17T16:00:00.000+00:00", "2025-09-17T16:00:00.000-04:00"],
    ["23:59:59", "2025-09-17T23:59:59.000+00:00", "2025-09-17T23:59:59.000-04:00"],
    ["2008-08-30", "2008-08-30T15:30:45.123+00:00", "2008-08-30T11:30:45.123-04:00"],
    ["2025-12-25 18:00", "2025-12-25T18:00:00.000+00:00", "2025-12-25T18:00:00.000-05:00"],
    ["June 30, 2008", "2008-06-30T15:30:45.123+00:00", "2008-06-30T11:30:45.123-04:00"],
    ["@86400", "1970-01-02T00:00:00.000+00:00", "1970-01-02T00:00:00.000+00:00"],
    ["+1 week July 2008", "2008-07-08T15:30:45.123+00:00", "2008-07-08T11:30:45.123-04:00"],
  ];
  for (const [expr, utc, newYork] of cases) {
    test(expr, () => {
      assert.equal(transformTimestamp(NOW, expr), at(utc), "UTC");
      assert.equal(transformTimestamp(NOW, expr, "America/New_York"), at(newYork), "America/New_York");
    });
  }

  test("to_timestamp reads the same expressions against the clock", () => {
    assert.equal(toTimestamp("tomorrow"), at("2025-09-18T00:00:00Z"));
    // "first day of" sets only the day: the time comes from now, as in PHP
    assert.equal(toTimestamp("first day of next month", "America/New_York"), at("2025-10-01T11:30:45.123-04:00"));
    assert.equal(toTimestamp("midnight first day of next month", "America/New_York"), at("2025-10-01T00:00:00-04:00"));
    assert.equal(toTimestamp("last day of this month 23:59:59"), at("2025-09-30T23:59:59Z"));
    assert.equal(toTimestamp("+1 week"), NOW + 7 * 86_400_000);
  });
});

describe("to_timestamp and friends", () => {
  test("absolute text with and without a zone (PHP 8.2 strtotime)", () => {
    assert.equal(toTimestamp("2025-10-01 06:00:00+0000"), 1759298400000);
    assert.equal(toTimestamp("2025-01-31T10:00:00.250+02:00"), 1738310400250);
    assert.equal(toTimestamp("Sat, 30 Jun 2008 10:00:00 +0200"), 1215244800000);
    assert.equal(toTimestamp("2025-07-01 10:00 PDT"), 1751389200000);
    assert.equal(toTimestamp("2025-07-01 10:00 Europe/Berlin"), 1751356800000);
    assert.equal(toTimestamp("July 4 2025 12:00"), 1751630400000);
    assert.equal(toTimestamp("@1700000000"), 1700000000000);
    assert.equal(toTimestamp("2025-01-31"), at("2025-01-31T00:00:00Z"));
    assert.equal(toTimestamp("2025-01-31", "Asia/Kolkata"), at("2025-01-31T00:00:00+05:30"));
  });

  test("numbers, digit text and Dates are epoch milliseconds", () => {
    assert.equal(toTimestamp(1692132330000), 1692132330000);
    assert.equal(toTimestamp("1692132330000"), 1692132330000);
    assert.equal(toTimestamp(" -5000 "), -5000);
    assert.equal(toTimestamp(new Date(1692132330000)), 1692132330000);
    assert.equal(toMs(1692132330000.9), 1692132330000);
    assert.equal(toSeconds(-1), -1);
    assert.deepEqual(toDate("2025-01-31T10:00:00Z"), new Date("2025-01-31T10:00:00Z"));
  });

  test("parse_timestamp: PHP createFromFormat", () => {
    assert.equal(parseTimestamp("2024-02-10", "!Y-m-d", "America/New_York"), at("2024-02-10T00:00:00-05:00"));
    assert.equal(parseTimestamp("15/08/2023", "d/m/Y|"), at("2023-08-15T00:00:00Z"));
    assert.equal(
      parseTimestamp("Tue, 15 Aug 2023 13:45:30 +0200", "D, d M Y H:i:s O"),
      at("2023-08-15T13:45:30+02:00"),
    );
    assert.equal(parseTimestamp("Tuesday 15th August 2023 1:45 pm", "!l jS F Y g:i a"), at("2023-08-15T13:45:00Z"));
    assert.equal(parseTimestamp("2023-08-15 13:45:30.123", "Y-m-d H:i:s.v"), at("2023-08-15T13:45:30.123Z"));
    assert.equal(parseTimestamp("1692107130", "U"), 1692107130000);
    // without "!" or "|", fields the format does not mention come from now
    assert.equal(parseTimestamp("2024-02-10", "Y-m-d"), at("2024-02-10T15:30:45Z"));
  });

  test("parseXanoTimestampLiteral reads schedule literals", () => {
    assert.equal(parseXanoTimestampLiteral("2025-10-01 06:00:00+0000"), Date.UTC(2025, 9, 1, 6));
    assert.equal(parseXanoTimestampLiteral("2025-10-01 06:00:00+05:30"), Date.UTC(2025, 9, 1, 0, 30));
    assert.equal(parseXanoTimestampLiteral("2025-10-01T06:00:00.250-0100"), Date.UTC(2025, 9, 1, 7, 0, 0, 250));
    assert.equal(parseXanoTimestampLiteral("2025-10-01 06:00Z"), Date.UTC(2025, 9, 1, 6));
  });
});

describe("errors name what could not be read", () => {
  const nonsense = [
    "garbage",
    "next",
    "25:00",
    "10:00 foo",
    "+1 day foo",
    "",
    "   ",
    "2025-13-45 99:99",
    "foo bar baz",
  ];
  for (const expr of nonsense) {
    test(`transform_timestamp "${expr}"`, () => {
      assert.throws(
        () => transformTimestamp(NOW, expr),
        (e: Error) => e.message.includes(`"${expr}"`),
      );
    });
  }

  test("words PHP would silently drop are refused", () => {
    // PHP reads "+1" as a UTC offset, warns about "blah" and returns the time unchanged.
    assert.throws(() => transformTimestamp(NOW, "+1 blah"), /"\+1 blah"/);
    assert.throws(() => toTimestamp("March +10 third 4pm"), /March \+10 third 4pm/);
  });

  test("a zone inside a transform expression is refused (modify() would ignore it)", () => {
    for (const expr of ["10:00 Europe/Berlin", "+1 day UTC", "2024-01-01T10:00:00Z", "10:00 +0200"]) {
      assert.throws(() => transformTimestamp(NOW, expr), /names a time zone/, expr);
    }
    assert.equal(transformTimestamp(NOW, "@86400"), 86_400_000); // "@" sets the instant itself
  });

  test("text that is not a date", () => {
    assert.throws(() => toTimestamp("not a date"), /to_timestamp: cannot read "not a date"/);
    assert.throws(() => formatTimestamp("soon", "Y"), /format_timestamp: cannot read "soon"/);
    assert.throws(() => toTimestamp(""), /to_timestamp/);
  });

  test("values that are not timestamps", () => {
    const bad: unknown[] = [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, true, {}, [], 1e20];
    for (const value of bad) {
      assert.throws(
        () => formatTimestamp(value as number, "Y"),
        /format_timestamp: expected a timestamp/,
        String(value),
      );
      assert.throws(() => timestampYear(value as number), /timestamp_year: expected a timestamp/, String(value));
    }
    assert.throws(() => addSecsToTimestamp(NOW, "5" as unknown as number), /seconds must be a finite number/);
    assert.throws(() => timestampAddMonths(NOW, 1.5), /whole number/);
  });

  test("unknown time zones", () => {
    for (const zone of ["Mars/Olympus", "nonsense", "UTC+2", ""]) {
      assert.throws(
        () => formatTimestamp(NOW, "Y", zone),
        new RegExp(`Unknown or bad timezone \\(${zone.replace("+", "\\+")}\\)`),
      );
    }
  });

  test("parse_timestamp mismatches", () => {
    assert.throws(() => parseTimestamp("nope", "Y-m-d"), /parse_timestamp: "nope" does not match format "Y-m-d"/);
    assert.throws(() => parseTimestamp("2023-08-15 extra", "Y-m-d"), /trailing data/);
    assert.throws(() => parseTimestamp("2023-08-15", "Y-m-d H:i"), /data missing/);
    assert.throws(() => parseTimestamp("15 Foo 2023", "d M Y"), /textual month/);
  });

  test("schedule literals without an offset, or out of range", () => {
    for (const text of ["2025-10-01 06:00:00", "2025-13-01 06:00:00+0000", "next monday", "2025-02-30 06:00:00+0000"]) {
      assert.throws(() => parseXanoTimestampLiteral(text), /timestamp literal/i, text);
    }
  });

  test("results outside JavaScript's date range", () => {
    assert.throws(() => transformTimestamp(NOW, "+300000 years"), /outside the supported range/);
  });
});

describe("every date/time filter in the reference is exported", () => {
  let docs: ReturnType<typeof sharedPath>;
  try {
    docs = sharedPath("reference/xanoscript-docs");
  } catch (error) {
    test("the XanoScript reference is beside the project", () => assert.fail((error as Error).message));
    return;
  }
  const { path, skip } = docs;

  test("names after a pipe or in the Date/Time tables", { skip }, () => {
    const names = new Set<string>();
    for (const file of filesUnder(path, ".md")) {
      let heading = "";
      for (const line of readFileSync(file, "utf8").split("\n")) {
        heading = /^#+\s+(.*)/.exec(line)?.[1] ?? heading;
        // `$ts|timestamp_year`, `"now"\|to_ms` in table cells
        for (const m of line.matchAll(/\|([a-z][a-z0-9_]*)/g)) names.add(m[1]);
        // first cells of the tables under "Date/Time Filters" and "Timestamp" headings
        const cell = /^\|\s*`([a-z][a-z0-9_]*)`/.exec(line);
        if (cell && /date|time/i.test(heading)) names.add(cell[1]);
      }
    }
    const dateTime = [...names].filter(
      (n) => /timestamp_|_timestamp|epoch/.test(n) || /^to_(ms|seconds|minutes|hours|days)$/.test(n),
    );
    for (const expected of [
      "to_timestamp",
      "format_timestamp",
      "transform_timestamp",
      "timestamp_epoch_ms",
      "timestamp_add_days",
    ]) {
      assert.ok(dateTime.includes(expected), `the extraction found no ${expected}: it is broken`);
    }
    const camel = (n: string) => n.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    const missing = dateTime.filter((n) => typeof (time as Record<string, unknown>)[camel(n)] !== "function");
    assert.deepEqual(missing, []);
    assert.equal(typeof time.now, "function");
  });
});
