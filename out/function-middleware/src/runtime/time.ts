// Timestamps with Xano's semantics.
//
// A XanoScript timestamp is a number of epoch milliseconds. Xano runs on PHP, so its text
// parsing (`to_timestamp`, `transform_timestamp`) follows PHP's strtotime()/DateTime rules
// and `format_timestamp` uses PHP date() format characters. This module ports the parts of
// PHP's date library (timelib) that those filters rely on, so results match PHP 8.2, and
// uses Intl (full ICU in Node 20) for IANA time zones and daylight saving time.
//
// Every export is named after the XanoScript filter it implements, in camelCase, subject
// first, then the filter's arguments in order: `$ts|format_timestamp:"Y-m-d":"UTC"` becomes
// `formatTimestamp(ts, "Y-m-d", "UTC")`.
//
// Decisions where neither Xano's nor PHP's documentation says what Xano does:
// - Input may be epoch ms (number or all-digit text), a Date, or any text PHP's DateTime
//   accepts ("now", "2025-01-31T10:00:00Z", "next friday", ...). Text without its own zone
//   is read in the filter's time zone argument (UTC by default).
// - null, undefined, NaN, booleans and objects throw instead of guessing a value.
// - Empty or blank text throws (PHP's DateTime reads "" as now; modify("") changes nothing).
// - transform_timestamp behaves like PHP's DateTime::modify() on the timestamp shown in the
//   given zone (a date without a time keeps the time of day). An expression that names a
//   time zone throws (modify() would silently ignore it, strtotime() would honour it), and
//   so does anything PHP reports as an error or that PHP would silently skip ("+1 blah").
// - Milliseconds survive transformations that do not set the time of day, as microseconds
//   do in PHP's DateTime.
// - Wall times that DST skips or repeats resolve as PHP 8.2 resolves them (02:30 on a
//   spring-forward day becomes 03:30; "+1 hour" is wall-clock arithmetic, like "+1 day").
// - timestamp_add_months / _years overflow like PHP ("Jan 31 + 1 month" is Mar 2 or 3); a
//   PostgreSQL interval would clamp to Feb 28/29 instead. They work in UTC.
// - Part extractors and epoch counts floor (timestamp_epoch_sec of 1500 ms is 1).

/** What the timestamp filters accept: epoch ms, a Date, or text (ms digits, ISO 8601, relative). */
export type TimestampInput = number | string | Date;

// ---------------------------------------------------------------------------------------
// Clock

let clock: () => number = () => Date.now();

/** Replaces the clock behind `now` (epoch ms); pass null to restore the system clock. Tests use it. */
export function setClock(source: (() => number) | number | null): void {
  if (source === null) clock = () => Date.now();
  else if (typeof source === "number") clock = () => source;
  else clock = source;
}

/** XanoScript `now`: the current time in epoch milliseconds. */
export function now(): number {
  return clock();
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, days since 1970-01-01)

const SECS_PER_DAY = 86400;
const UNSET = -9999999; // timelib's marker for "not given"

function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** Days since the epoch of a date whose month is 1..12 (the day may be out of range). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = floorDiv(yy, 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** 0 = Sunday … 6 = Saturday. */
function dayOfWeek(y: number, m: number, d: number): number {
  return (((daysFromCivil(y, m, d) + 4) % 7) + 7) % 7;
}

function dayOfYear(y: number, m: number, d: number): number {
  return daysFromCivil(y, m, d) - daysFromCivil(y, 1, 1);
}

/** ISO 8601 week-numbering year and week of a date. */
function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const days = daysFromCivil(y, m, d);
  const isoDow = dayOfWeek(y, m, d) || 7;
  const thursday = days + 4 - isoDow; // the Thursday of this ISO week decides its year
  const year = civilFromDays(thursday).y;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

// ---------------------------------------------------------------------------------------
// Time zones

type Zone =
  | { kind: "id"; name: string; iana: string }
  | { kind: "offset"; name: string; offset: number }
  | { kind: "abbr"; name: string; offset: number; dst: number };

interface ZoneState {
  offset: number; // seconds east of UTC, DST included
  dst: boolean;
}

// PHP's timezone abbreviation table (timelib's timezonemap.h, first entry of each name):
// name, UTC offset in seconds including DST, DST flag. PHP reads these before zone IDs,
// which is why "CET" is a fixed +01:00 and not the IANA zone of that name.
const ABBREVIATIONS: ReadonlyMap<string, readonly [number, number]> = new Map(
  (
    "acdt:37800:1 acst:34200:0 addt:-7200:1 adt:-10800:1 aedt:39600:1 aest:36000:0 ahdt:-32400:1 " +
    "ahst:-36000:0 akdt:-28800:1 akst:-32400:0 amt:-13840:0 apt:-10800:1 ast:-14400:0 awdt:32400:1 " +
    "awst:28800:0 awt:-10800:1 bdst:7200:1 bdt:-36000:1 bmt:-14309:0 bst:3600:1 cast:34200:0 cat:7200:0 " +
    "cddt:-14400:1 cdt:-18000:1 cemt:10800:1 cest:7200:1 cet:3600:0 cmt:-15408:0 cpt:-18000:1 " +
    "cst:-21600:0 cwt:-18000:1 chst:36000:0 dmt:-1521:0 eat:10800:0 eddt:-10800:1 edt:-14400:1 " +
    "eest:10800:1 eet:7200:0 emt:-26248:0 ept:-14400:1 est:-18000:0 ewt:-14400:1 ffmt:-14660:0 " +
    "fmt:-4056:0 gdt:39600:1 gmt:0:0 gst:36000:0 hdt:-34200:1 hkst:32400:1 hkt:28800:0 hmt:-19776:0 " +
    "hpt:-34200:1 hst:-36000:0 hwt:-34200:1 iddt:14400:1 idt:10800:1 imt:25025:0 ist:7200:0 " +
    "jdt:36000:1 jmt:8440:0 jst:32400:0 kdt:36000:1 kmt:5736:0 kst:30600:0 lst:9394:1 mddt:-18000:1 " +
    "mdst:16279:1 mdt:-21600:1 mest:7200:1 met:3600:0 mmt:9017:0 mpt:-21600:1 msd:14400:1 " +
    "msk:10800:0 mst:-25200:0 mwt:-21600:1 nddt:-5400:1 ndt:-9052:1 npt:-9000:1 nst:-12600:0 " +
    "nwt:-9000:1 nzdt:46800:1 nzmt:41400:0 nzst:43200:0 pddt:-21600:1 pdt:-25200:1 pkst:21600:1 " +
    "pkt:18000:0 plmt:25590:0 pmt:-13236:0 ppmt:-17340:0 ppt:-25200:1 pst:-28800:0 pwt:-25200:1 " +
    "qmt:-18840:0 rmt:5794:0 sast:7200:0 sdmt:-16800:0 sjmt:-20173:0 smt:-13884:0 sst:-39600:0 " +
    "tbmt:10751:0 tmt:12344:0 uct:0:0 utc:0:0 wast:7200:1 wat:3600:0 wemt:7200:1 west:3600:1 " +
    "wet:0:0 wib:25200:0 wita:28800:0 wit:32400:0 wmt:5040:0 yddt:-25200:1 ydt:-28800:1 " +
    "ypt:-28800:1 yst:-32400:0 ywt:-28800:1 a:3600:0 b:7200:0 c:10800:0 d:14400:0 e:18000:0 " +
    "f:21600:0 g:25200:0 h:28800:0 i:32400:0 k:36000:0 l:39600:0 m:43200:0 n:-3600:0 o:-7200:0 " +
    "p:-10800:0 q:-14400:0 r:-18000:0 s:-21600:0 t:-25200:0 u:-28800:0 v:-32400:0 w:-36000:0 " +
    "x:-39600:0 y:-43200:0 z:0:0"
  )
    .split(" ")
    .map((entry) => {
      const [name, offset, dst] = entry.split(":");
      return [name, [Number(offset), Number(dst)] as const];
    }),
);

// The tz database abbreviations PHP prints for `T` where ICU's English names differ
// ("CET" where ICU says "GMT+1"); "standard/daylight" and the zones that use them.
const ZONE_ABBREVIATIONS: ReadonlyMap<string, readonly [string, string]> = (() => {
  const groups: Record<string, string> = {
    "GMT/GMT":
      "Africa/Abidjan Africa/Accra Africa/Bamako Africa/Banjul Africa/Bissau Africa/Conakry Africa/Dakar Africa/Freetown Africa/Lome Africa/Monrovia Africa/Nouakchott Africa/Ouagadougou Africa/Sao_Tome America/Danmarkshavn Atlantic/Reykjavik Atlantic/St_Helena",
    "EAT/EAT":
      "Africa/Addis_Ababa Africa/Asmara Africa/Dar_es_Salaam Africa/Djibouti Africa/Kampala Africa/Mogadishu Africa/Nairobi Indian/Antananarivo Indian/Comoro Indian/Mayotte",
    "WAT/WAT":
      "Africa/Bangui Africa/Brazzaville Africa/Douala Africa/Kinshasa Africa/Lagos Africa/Libreville Africa/Luanda Africa/Malabo Africa/Ndjamena Africa/Niamey Africa/Porto-Novo",
    "CAT/CAT":
      "Africa/Blantyre Africa/Bujumbura Africa/Gaborone Africa/Harare Africa/Juba Africa/Khartoum Africa/Kigali Africa/Lubumbashi Africa/Lusaka Africa/Maputo Africa/Windhoek",
    "CET/CEST":
      "Africa/Algiers Africa/Tunis Africa/Ceuta Arctic/Longyearbyen Europe/Amsterdam Europe/Andorra Europe/Belgrade Europe/Berlin Europe/Bratislava Europe/Brussels Europe/Budapest Europe/Busingen Europe/Copenhagen Europe/Gibraltar Europe/Ljubljana Europe/Luxembourg Europe/Madrid Europe/Malta Europe/Monaco Europe/Oslo Europe/Paris Europe/Podgorica Europe/Prague Europe/Rome Europe/San_Marino Europe/Sarajevo Europe/Skopje Europe/Stockholm Europe/Tirane Europe/Vaduz Europe/Vatican Europe/Vienna Europe/Warsaw Europe/Zagreb Europe/Zurich",
    "EET/EEST":
      "Africa/Cairo Africa/Tripoli Asia/Beirut Asia/Famagusta Asia/Gaza Asia/Hebron Asia/Nicosia Europe/Athens Europe/Bucharest Europe/Chisinau Europe/Helsinki Europe/Kaliningrad Europe/Kiev Europe/Kyiv Europe/Mariehamn Europe/Riga Europe/Sofia Europe/Tallinn Europe/Vilnius",
    "WET/WEST": "Atlantic/Canary Atlantic/Faroe Atlantic/Madeira Europe/Lisbon",
    "GMT/BST": "Europe/Guernsey Europe/Isle_of_Man Europe/Jersey Europe/London GB",
    "GMT/IST": "Europe/Dublin Eire",
    "MSK/MSK": "Europe/Kirov Europe/Moscow Europe/Simferopol Europe/Volgograd W-SU",
    "SAST/SAST": "Africa/Johannesburg Africa/Maseru Africa/Mbabane",
    "HST/HDT": "America/Adak America/Atka US/Aleutian",
    "MST/MST": "America/Dawson America/Hermosillo America/Mazatlan America/Whitehorse",
    "CST/CDT": "America/Havana Cuba",
    "NST/NDT": "America/St_Johns Canada/Newfoundland",
    "AEST/AEDT":
      "Antarctica/Macquarie Australia/Hobart Australia/Melbourne Australia/Sydney Australia/ACT Australia/Canberra Australia/NSW Australia/Tasmania Australia/Victoria",
    "AEST/AEST": "Australia/Brisbane Australia/Lindeman Australia/Queensland",
    "ACST/ACDT": "Australia/Adelaide Australia/Broken_Hill Australia/South",
    "ACST/ACST": "Australia/Darwin Australia/North",
    "AWST/AWST": "Australia/Perth Australia/West",
    "NZST/NZDT": "Antarctica/McMurdo Pacific/Auckland NZ",
    "HKT/HKT": "Asia/Hong_Kong Hongkong",
    "WIB/WIB": "Asia/Jakarta Asia/Pontianak",
    "WITA/WITA": "Asia/Makassar",
    "WIT/WIT": "Asia/Jayapura",
    "IST/IDT": "Asia/Jerusalem Asia/Tel_Aviv Israel",
    "PKT/PKT": "Asia/Karachi",
    "IST/IST": "Asia/Kolkata Asia/Calcutta",
    "CST/CST": "Asia/Macau Asia/Shanghai Asia/Taipei PRC ROC",
    "PST/PST": "Asia/Manila",
    "KST/KST": "Asia/Pyongyang Asia/Seoul ROK",
    "JST/JST": "Asia/Tokyo Japan",
    "ChST/ChST": "Pacific/Guam Pacific/Saipan",
    "SST/SST": "Pacific/Midway Pacific/Pago_Pago US/Samoa",
  };
  const map = new Map<string, readonly [string, string]>();
  for (const [pair, zones] of Object.entries(groups)) {
    const [std, dst] = pair.split("/");
    for (const zone of zones.split(" ")) map.set(zone, [std, dst]);
  }
  return map;
})();

const UTC_ZONE: Zone = { kind: "id", name: "UTC", iana: "UTC" };
const zoneCache = new Map<string, Zone>();
const formatterCache = new Map<string, Intl.DateTimeFormat>();

function intlFormatter(iana: string): Intl.DateTimeFormat {
  let f = formatterCache.get(iana);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: iana,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatterCache.set(iana, f);
  }
  return f;
}

function ianaExists(name: string): string | null {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Reads a time zone the way PHP's `new DateTimeZone()` does: offsets, abbreviations, IDs. */
function resolveZone(tz: string): Zone {
  const cached = zoneCache.get(tz);
  if (cached) return cached;
  const cursor = { s: tz + "\0", p: 0 };
  const parsed = parseZoneAt(cursor);
  if (!parsed || cursor.s[cursor.p] !== "\0") {
    throw new Error(`Unknown or bad timezone (${tz})`);
  }
  if (zoneCache.size > 1000) zoneCache.clear();
  zoneCache.set(tz, parsed);
  return parsed;
}

/** Port of timelib_parse_zone(): reads "+05:00", "GMT-3", "EST", "Europe/Berlin" at the cursor. */
function parseZoneAt(c: Cursor): Zone | null {
  while (c.s[c.p] === " " || c.s[c.p] === "\t" || c.s[c.p] === "(") c.p++;
  if (c.s.startsWith("GMT", c.p) && (c.s[c.p + 3] === "+" || c.s[c.p + 3] === "-")) c.p += 3;
  let zone: Zone | null;
  if (c.s[c.p] === "+" || c.s[c.p] === "-") {
    const sign = c.s[c.p] === "-" ? -1 : 1;
    c.p++;
    const offset = sign * parseTzCorrection(c);
    zone = { kind: "offset", name: offsetName(offset, true), offset };
  } else {
    const begin = c.p;
    while (c.s[c.p] !== "\0" && c.s[c.p] !== ")" && c.s[c.p] !== " ") c.p++;
    const word = c.s.slice(begin, c.p);
    const lower = word.toLowerCase();
    if (lower === "utc") {
      zone = UTC_ZONE;
    } else if (lower === "gmt") {
      zone = { kind: "abbr", name: "GMT", offset: 0, dst: 0 };
    } else {
      const abbr = ABBREVIATIONS.get(lower);
      if (abbr) {
        zone = { kind: "abbr", name: word.toUpperCase(), offset: abbr[0], dst: abbr[1] };
      } else {
        const iana = word === "" ? null : ianaExists(word);
        zone = iana ? { kind: "id", name: word, iana } : null;
      }
    }
  }
  while (c.s[c.p] === ")") c.p++;
  return zone;
}

/** Port of timelib_parse_tz_cor(): "5", "05", "530", "0530", "5:30", "05:30" → seconds. */
function parseTzCorrection(c: Cursor): number {
  const begin = c.p;
  while (/[0-9:]/.test(c.s[c.p])) c.p++;
  const text = c.s.slice(begin, c.p);
  const num = (from: number) => parseInt(text.slice(from), 10) || 0;
  switch (text.length) {
    case 1:
    case 2:
      return num(0) * 3600;
    case 3:
    case 4:
      if (text[1] === ":") return num(0) * 3600 + num(2) * 60;
      if (text[2] === ":") return num(0) * 3600 + num(3) * 60;
      return Math.trunc(num(0) / 100) * 3600 + (num(0) % 100) * 60;
    case 5:
      return num(0) * 3600 + num(3) * 60;
    default:
      return 0;
  }
}

function offsetName(offset: number, colon: boolean): string {
  const a = Math.abs(offset);
  const hh = String(Math.trunc(a / 3600)).padStart(2, "0");
  const mm = String(Math.trunc((a % 3600) / 60)).padStart(2, "0");
  return (offset < 0 ? "-" : "+") + hh + (colon ? ":" : "") + mm;
}

/** UTC offset (seconds) of an IANA zone at an instant (seconds), from ICU. */
function intlOffset(iana: string, t: number): number {
  if (iana === "UTC") return 0;
  let y = 0,
    mo = 0,
    d = 0,
    h = 0,
    mi = 0,
    s = 0,
    bc = false;
  for (const part of intlFormatter(iana).formatToParts(new Date(t * 1000))) {
    const v = Number(part.value);
    switch (part.type) {
      case "year":
        y = v;
        break;
      case "month":
        mo = v;
        break;
      case "day":
        d = v;
        break;
      case "hour":
        h = v;
        break;
      case "minute":
        mi = v;
        break;
      case "second":
        s = v;
        break;
      case "era":
        bc = part.value === "BC";
        break;
    }
  }
  if (bc) y = 1 - y;
  return daysFromCivil(y, mo, d) * SECS_PER_DAY + h * 3600 + mi * 60 + s - t;
}

const standardOffsetCache = new Map<string, number>();

/**
 * A zone's standard offset in a year: the smaller of its January and July offsets. Intl has
 * no DST flag, so "in DST" means "above this" (Irish summer time counts as DST here; tz
 * databases built with negative DST say the opposite).
 */
function standardOffset(iana: string, year: number): number {
  const key = iana + "@" + year;
  let std = standardOffsetCache.get(key);
  if (std === undefined) {
    std = Math.min(
      intlOffset(iana, daysFromCivil(year, 1, 1) * SECS_PER_DAY),
      intlOffset(iana, daysFromCivil(year, 7, 1) * SECS_PER_DAY),
    );
    if (standardOffsetCache.size > 5000) standardOffsetCache.clear();
    standardOffsetCache.set(key, std);
  }
  return std;
}

function zoneState(zone: Zone, t: number): ZoneState {
  switch (zone.kind) {
    case "offset":
      return { offset: zone.offset, dst: false };
    case "abbr":
      return { offset: zone.offset, dst: zone.dst === 1 };
    case "id": {
      const offset = intlOffset(zone.iana, t);
      return { offset, dst: offset > standardOffset(zone.iana, civilFromDays(floorDiv(t, SECS_PER_DAY)).y) };
    }
  }
}

const nameFormatterCache = new Map<string, Intl.DateTimeFormat>();

/** The abbreviation PHP prints for `T`: "EST", "CEST", "GMT+0500" for offsets, "+04" where tzdata has none. */
function zoneAbbreviation(zone: Zone, t: number, state: ZoneState): string {
  if (zone.kind === "offset") return "GMT" + offsetName(zone.offset, false);
  if (zone.kind === "abbr") return zone.name;
  if (zone.iana === "UTC" || zone.iana === "Etc/UTC") return "UTC";
  const known = ZONE_ABBREVIATIONS.get(zone.name) ?? ZONE_ABBREVIATIONS.get(zone.iana);
  if (known) return state.dst ? known[1] : known[0];
  let f = nameFormatterCache.get(zone.iana);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone.iana, timeZoneName: "short" });
    nameFormatterCache.set(zone.iana, f);
  }
  const nameAt = (at: number) =>
    f!.formatToParts(new Date(at * 1000)).find((p) => p.type === "timeZoneName")?.value ?? "";
  const lettered = (name: string) => name !== "" && !/^(GMT|UTC)/.test(name);
  const name = nameAt(t);
  if (lettered(name)) return name;
  // ICU only names offsets near the present; far dates with today's offset get today's name.
  for (const probe of [1735732800, 1751371200]) {
    if (intlOffset(zone.iana, probe) === state.offset && lettered(nameAt(probe))) return nameAt(probe);
  }
  const full = offsetName(state.offset, false);
  return full.endsWith("00") ? full.slice(0, 3) : full;
}

// ---------------------------------------------------------------------------------------
// timelib's broken-down time, relative parts and the parser (port of parse_date.re)

interface Relative {
  y: number;
  m: number;
  d: number;
  h: number;
  i: number;
  s: number;
  us: number;
  weekday: number;
  weekdayBehavior: number;
  haveWeekdayRelative: boolean;
  haveSpecialRelative: boolean;
  specialType: number;
  specialAmount: number;
  firstLastDayOf: number;
}

interface Parsed {
  y: number;
  m: number;
  d: number;
  h: number;
  i: number;
  s: number;
  us: number;
  z: number; // zone offset for "offset"/"abbr" zones (standard part for abbreviations)
  dst: number;
  zone: Zone | null;
  haveTime: number;
  haveDate: boolean;
  haveZone: number;
  haveRelative: boolean;
  rel: Relative;
  errors: string[];
  warnings: string[];
}

const SPECIAL_WEEKDAY = 1;
const SPECIAL_DAY_OF_WEEK_IN_MONTH = 2;
const SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH = 3;
const FIRST_DAY_OF_MONTH = 1;
const LAST_DAY_OF_MONTH = 2;

function emptyRelative(): Relative {
  return {
    y: 0,
    m: 0,
    d: 0,
    h: 0,
    i: 0,
    s: 0,
    us: 0,
    weekday: 0,
    weekdayBehavior: 0,
    haveWeekdayRelative: false,
    haveSpecialRelative: false,
    specialType: 0,
    specialAmount: 0,
    firstLastDayOf: 0,
  };
}

function emptyParsed(): Parsed {
  return {
    y: UNSET,
    m: UNSET,
    d: UNSET,
    h: UNSET,
    i: UNSET,
    s: UNSET,
    us: UNSET,
    z: UNSET,
    dst: UNSET,
    zone: null,
    haveTime: 0,
    haveDate: false,
    haveZone: 0,
    haveRelative: false,
    rel: emptyRelative(),
    errors: [],
    warnings: [],
  };
}

interface Cursor {
  s: string;
  p: number;
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= "0" && ch <= "9";
const isLetter = (ch: string | undefined) => ch !== undefined && /[A-Za-z]/.test(ch);

/** timelib_get_nr: skips to the next digit and reads at most maxLength digits. */
function getNr(c: Cursor, maxLength: number): { value: number; length: number } {
  while (!isDigit(c.s[c.p])) {
    if (c.p >= c.s.length || c.s[c.p] === "\0") return { value: UNSET, length: 0 };
    c.p++;
  }
  const begin = c.p;
  while (isDigit(c.s[c.p]) && c.p - begin < maxLength) c.p++;
  return { value: parseInt(c.s.slice(begin, c.p), 10), length: c.p - begin };
}

const nr = (c: Cursor, maxLength: number) => getNr(c, maxLength).value;

/** timelib_get_frac_nr: ".5" → 500000 microseconds. */
function getFracNr(c: Cursor): number {
  while (c.s[c.p] !== "." && c.s[c.p] !== ":" && !isDigit(c.s[c.p])) {
    if (c.p >= c.s.length || c.s[c.p] === "\0") return UNSET;
    c.p++;
  }
  const begin = c.p;
  while (c.s[c.p] === "." || c.s[c.p] === ":" || isDigit(c.s[c.p])) c.p++;
  const digits = c.s.slice(begin + 1, c.p);
  return Math.trunc((parseFloat(digits) || 0) * Math.pow(10, 7 - (c.p - begin)));
}

/** timelib_get_unsigned_nr: a number with any run of leading signs ("--5" is 5). */
function getSignedNr(c: Cursor, maxLength: number): number {
  let sign = 1;
  while (!isDigit(c.s[c.p]) && c.s[c.p] !== "+" && c.s[c.p] !== "-") {
    if (c.p >= c.s.length || c.s[c.p] === "\0") return UNSET;
    c.p++;
  }
  while (c.s[c.p] === "+" || c.s[c.p] === "-") {
    if (c.s[c.p] === "-") sign = -sign;
    c.p++;
  }
  return sign * nr(c, maxLength);
}

function processYear(year: number, length: number): number {
  if (year === UNSET || length >= 4) return year;
  if (year < 100) return year < 70 ? year + 2000 : year + 1900;
  return year;
}

function skipDaySuffix(c: Cursor): void {
  if (c.s[c.p] === " " || c.s[c.p] === "\t") return;
  if (/^(nd|rd|st|th)$/i.test(c.s.slice(c.p, c.p + 2))) c.p += 2;
}

function readLetters(c: Cursor): string {
  const begin = c.p;
  while (isLetter(c.s[c.p])) c.p++;
  return c.s.slice(begin, c.p).toLowerCase();
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  i: 1,
  ii: 2,
  iii: 3,
  iv: 4,
  v: 5,
  vi: 6,
  vii: 7,
  viii: 8,
  ix: 9,
  x: 10,
  xi: 11,
  xii: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

function getMonth(c: Cursor): number {
  while (" \t-./".includes(c.s[c.p])) c.p++;
  return MONTHS[readLetters(c)] ?? 0;
}

// value and weekday behaviour of "first".."twelfth", "next", "last", "previous", "this"
const RELTEXT: Record<string, [number, number]> = {
  first: [1, 0],
  next: [1, 0],
  second: [2, 0],
  third: [3, 0],
  fourth: [4, 0],
  fifth: [5, 0],
  sixth: [6, 0],
  seventh: [7, 0],
  eight: [8, 0],
  eighth: [8, 0],
  ninth: [9, 0],
  tenth: [10, 0],
  eleventh: [11, 0],
  twelfth: [12, 0],
  last: [-1, 0],
  previous: [-1, 0],
  this: [0, 1],
};

function getRelativeText(c: Cursor): [number, number] {
  while (" \t-/".includes(c.s[c.p])) c.p++;
  return RELTEXT[readLetters(c)] ?? [0, 0];
}

type Unit = "us" | "s" | "i" | "h" | "d" | "m" | "y" | "weekday" | "special";
const RELUNITS: Record<string, [Unit, number]> = {
  ms: ["us", 1000],
  msec: ["us", 1000],
  msecs: ["us", 1000],
  millisecond: ["us", 1000],
  milliseconds: ["us", 1000],
  µs: ["us", 1],
  usec: ["us", 1],
  usecs: ["us", 1],
  µsec: ["us", 1],
  µsecs: ["us", 1],
  microsecond: ["us", 1],
  microseconds: ["us", 1],
  sec: ["s", 1],
  secs: ["s", 1],
  second: ["s", 1],
  seconds: ["s", 1],
  min: ["i", 1],
  mins: ["i", 1],
  minute: ["i", 1],
  minutes: ["i", 1],
  hour: ["h", 1],
  hours: ["h", 1],
  day: ["d", 1],
  days: ["d", 1],
  week: ["d", 7],
  weeks: ["d", 7],
  fortnight: ["d", 14],
  fortnights: ["d", 14],
  forthnight: ["d", 14],
  forthnights: ["d", 14],
  month: ["m", 1],
  months: ["m", 1],
  year: ["y", 1],
  years: ["y", 1],
  monday: ["weekday", 1],
  mon: ["weekday", 1],
  tuesday: ["weekday", 2],
  tue: ["weekday", 2],
  wednesday: ["weekday", 3],
  wed: ["weekday", 3],
  thursday: ["weekday", 4],
  thu: ["weekday", 4],
  friday: ["weekday", 5],
  fri: ["weekday", 5],
  saturday: ["weekday", 6],
  sat: ["weekday", 6],
  sunday: ["weekday", 0],
  sun: ["weekday", 0],
  weekday: ["special", SPECIAL_WEEKDAY],
  weekdays: ["special", SPECIAL_WEEKDAY],
};

function lookupRelunit(c: Cursor): [Unit, number] | undefined {
  const begin = c.p;
  while (c.p < c.s.length && !"\0 ,\t;:/.-()".includes(c.s[c.p])) c.p++;
  return RELUNITS[c.s.slice(begin, c.p).toLowerCase()];
}

function unhaveTime(t: Parsed): void {
  t.haveTime = 0;
  t.h = t.i = t.s = t.us = 0;
}

/** TIMELIB_HAVE_TIME; false when a time was already given ("Double time specification"). */
function haveTime(t: Parsed): boolean {
  if (t.haveTime) {
    t.errors.push("Double time specification");
    return false;
  }
  t.haveTime = 1;
  t.h = t.i = t.s = t.us = 0;
  return true;
}

function haveDate(t: Parsed): boolean {
  if (t.haveDate) {
    t.errors.push("Double date specification");
    return false;
  }
  t.haveDate = true;
  return true;
}

function haveZone(t: Parsed): boolean {
  if (t.haveZone) {
    (t.haveZone > 1 ? t.errors : t.warnings).push("Double timezone specification");
    t.haveZone++;
    return false;
  }
  t.haveZone++;
  return true;
}

/** timelib_set_relative; `keepTime` is false for word forms ("next monday" is at midnight, "+1 monday" is not). */
function setRelative(c: Cursor, amount: number, behavior: number, t: Parsed, keepTime = false): void {
  const unit = lookupRelunit(c);
  if (!unit) return;
  const [kind, mult] = unit;
  const rel = t.rel;
  switch (kind) {
    case "us":
      rel.us += amount * mult;
      break;
    case "s":
      rel.s += amount * mult;
      break;
    case "i":
      rel.i += amount * mult;
      break;
    case "h":
      rel.h += amount * mult;
      break;
    case "d":
      rel.d += amount * mult;
      break;
    case "m":
      rel.m += amount * mult;
      break;
    case "y":
      rel.y += amount * mult;
      break;
    case "weekday":
      t.haveRelative = true;
      rel.haveWeekdayRelative = true;
      if (!keepTime) unhaveTime(t);
      rel.d += (amount > 0 ? amount - 1 : amount) * 7;
      rel.weekday = mult;
      rel.weekdayBehavior = behavior;
      break;
    case "special":
      t.haveRelative = true;
      rel.haveSpecialRelative = true;
      if (!keepTime) unhaveTime(t);
      rel.specialType = mult;
      rel.specialAmount = amount;
      break;
  }
}

/** Reads a zone inside a date string; records an error when it is unknown. */
function parseZoneInto(c: Cursor, t: Parsed): void {
  const zone = parseZoneAt(c);
  if (!zone) {
    t.errors.push("The timezone could not be found in the database");
    return;
  }
  t.zone = zone;
  if (zone.kind === "offset") {
    t.z = zone.offset;
    t.dst = 0;
  } else if (zone.kind === "abbr") {
    t.z = zone.offset - zone.dst * 3600;
    t.dst = zone.dst;
  }
}

function meridian(c: Cursor, h: number): number {
  let delta = 0;
  while (c.p < c.s.length && !"AaPp".includes(c.s[c.p])) c.p++;
  if (c.s[c.p] === "a" || c.s[c.p] === "A") {
    if (h === 12) delta = -12;
  } else if (h !== 12) {
    delta = 12;
  }
  c.p++;
  if (c.s[c.p] === ".") c.p++;
  if (c.s[c.p] === "M" || c.s[c.p] === "m") c.p++;
  if (c.s[c.p] === ".") c.p++;
  return delta;
}

// --- The scanner's regular expressions, named as in timelib's parse_date.re.

/** Case-insensitive literal for regexes that must stay case-sensitive elsewhere. */
function ci(word: string): string {
  return [...word]
    .map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : ch === " " ? " " : "\\" + ch))
    .join("");
}
const alt = (...xs: string[]) => `(?:${xs.join("|")})`;

const R = (() => {
  const space = "[ \\t]+";
  const frac = "\\.[0-9]+";
  const hour24 = "(?:2[0-4]|[01]?[0-9])";
  const hour24lz = "(?:[01][0-9]|2[0-4])";
  const hour12 = "(?:1[0-2]|0?[1-9])";
  const minute = "[0-5]?[0-9]";
  const minutelz = "[0-5][0-9]";
  const second = `(?:60|${minute})`;
  const secondlz = `(?:60|${minutelz})`;
  const meridian = "(?:[AaPp]\\.?[Mm]\\.?)[\\0\\t ]";
  const tz = "(?:\\(?[A-Za-z]{1,6}\\)?|[A-Z][a-z]+(?:[_/-][A-Za-z]+)+)";
  const tzcorrection = `(?:GMT)?[+-]${hour24}:?(?:${minute})?`;
  const daysuf = "(?:st|nd|rd|th)";
  const month = "(?:1[0-2]|0?[0-9])";
  const day = `(?:(?:3[01]|[0-2]?[0-9])${daysuf}?)`;
  const year = "[0-9]{1,4}";
  const year2 = "[0-9]{2}";
  const year4 = "[0-9]{4}";
  const year4withsign = "[+-]?[0-9]{4}";
  const yearx = "[+-][0-9]{5,19}";
  const dayofyear = "(?:00[1-9]|0[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-6])";
  const weekofyear = "(?:0[1-9]|[1-4][0-9]|5[0-3])";
  const monthlz = "(?:0[0-9]|1[0-2])";
  const daylz = "(?:0[0-9]|[1-2][0-9]|3[01])";
  const dayfull = alt(...["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"].map(ci));
  const dayabbr = alt(...["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map(ci));
  const dayspecial = alt(ci("weekdays"), ci("weekday"));
  const daytext = alt(dayfull, dayabbr, dayspecial);
  const monthfull = alt(
    ...[
      "january",
      "february",
      "march",
      "april",
      "may",
      "june",
      "july",
      "august",
      "september",
      "october",
      "november",
      "december",
    ].map(ci),
  );
  const monthabbr = alt(
    ...["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sept", "sep", "oct", "nov", "dec"].map(ci),
  );
  const monthroman = "(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)";
  const monthtext = alt(monthfull, monthabbr, monthroman);
  const t = "[tT]?";

  const timetiny12 = `${hour12}(?:${space})?${meridian}`;
  const timeshort12 = `${hour12}[:.]${minutelz}(?:${space})?${meridian}`;
  const timelong12 = `${hour12}[:.]${minute}[:.]${secondlz}(?:${space})?${meridian}`;
  const timeshort24 = `${t}${hour24}[:.]${minute}`;
  const timelong24 = `${t}${hour24}[:.]${minute}[:.]${second}`;
  const iso8601long = `${t}${hour24}[:.]${minute}[:.]${second}${frac}`;
  const iso8601normtz = `${t}${hour24}[:.]${minute}[:.]${secondlz}(?:${space})?${alt(tzcorrection, tz)}`;
  const datenoyear = `${monthtext}[ .\\t-]*${day}(?:[,.stndrh\\t ]+|\\0)`;
  const reltextnumber = alt(
    ...[
      "first",
      "second",
      "third",
      "fourth",
      "fifth",
      "sixth",
      "seventh",
      "eighth",
      "eight",
      "ninth",
      "tenth",
      "eleventh",
      "twelfth",
    ].map(ci),
  );
  const reltexttext = alt(...["next", "last", "previous", "this"].map(ci));
  const reltextunit = alt(
    ci("ms"),
    "µs",
    `${alt(...["msec", "millisecond", "µsec", "microsecond", "usec", "sec", "second", "min", "minute", "hour", "day", "fortnight", "forthnight", "month", "year"].map(ci))}[sS]?`,
    ci("weeks"),
    daytext,
  );
  const relnumber = "[+-]*[ \\t]*[0-9]+";

  return {
    yesterday: ci("yesterday"),
    now: ci("now"),
    noon: ci("noon"),
    midnightToday: alt(ci("midnight"), ci("today")),
    tomorrow: ci("tomorrow"),
    timestamp: "@-?[0-9]+",
    timestampms: "@-?[0-9]+\\.[0-9]{6}",
    firstlastdayof: alt(ci("first day of"), ci("last day of")),
    backfrontof: `${alt(ci("back of "), ci("front of "))}${hour24}(?:(?:${space})?${meridian})?`,
    weekdayof: `${alt(reltextnumber, reltexttext)}${space}${alt(dayfull, dayabbr)}${space}${ci("of")}`,
    time12: alt(timetiny12, timeshort12, timelong12),
    mssqltime: `${hour12}:${minutelz}:${secondlz}[:.][0-9]+${meridian}`,
    time24: alt(timeshort24, timelong24, iso8601long),
    gnunocolon: `${t}${hour24lz}${minutelz}`,
    iso8601nocolon: `${t}${hour24lz}${minutelz}${secondlz}`,
    american: alt(`${month}/${day}`, `${month}/${day}/${year}`),
    iso8601date4: alt(
      `${year4withsign}-${monthlz}-${daylz}`,
      `${year4}/${monthlz}/${daylz}/?`,
      `${year4}/${month}/${day}`,
    ),
    iso8601date2: `${year2}-${monthlz}-${daylz}`,
    iso8601datex: `${yearx}-${monthlz}-${daylz}`,
    gnudateshorter: `${year4}-${month}`,
    gnudateshort: `${year}-${month}-${day}`,
    datefull: `${day}[ \\t.-]*${monthtext}[ \\t.-]*${year}`,
    pointeddate4: `${day}[.\\t-]${month}[.-]${year4}`,
    pointeddate2: `${day}[.\\t]${month}\\.${year2}`,
    datenoday: `${monthtext}[ .\\t-]*${year4}`,
    datenodayrev: `${year4}[ .\\t-]*${monthtext}`,
    datetextual: alt(`${monthtext}[ .\\t-]*${day}[,.stndrh\\t ]+${year}`, datenoyear),
    datenoyearrev: `${day}[ .\\t-]*${monthtext}`,
    datenocolon: `${year4}${monthlz}${daylz}`,
    xmlrpc: alt(
      `${year4}${monthlz}${daylz}T${hour24}:${minutelz}:${secondlz}`,
      `${year4}${monthlz}${daylz}[tT]${hour24}${minutelz}${secondlz}`,
      `${year4}-${monthlz}-${daylz}T${hour24lz}:${minutelz}:${secondlz}${frac}(?:${tzcorrection})?`,
      `${year4}-${month}-${day}T${hour24}:${minute}:${second}`,
      `${year4}:${monthlz}:${daylz} ${hour24lz}:${minutelz}:${secondlz}`,
    ),
    pgydotd: `${year4}\\.?${dayofyear}`,
    isoweekday: `${year4}-?W${weekofyear}-?[0-7]`,
    isoweek: `${year4}-?W${weekofyear}`,
    pgtextshort: `${monthabbr}-${daylz}-${year}`,
    pgtextreverse: `${year}-${monthabbr}-${daylz}`,
    clf: `${day}/${monthabbr}/${year4}:${hour24lz}:${minutelz}:${secondlz}${space}${tzcorrection}`,
    year4,
    ago: ci("ago"),
    daytext,
    relativetextweek: `${reltexttext}${space}${ci("week")}`,
    relativetext: `${alt(reltextnumber, reltexttext)}${space}${reltextunit}`,
    monthtext: alt(monthfull, monthabbr),
    tz: alt(tzcorrection, tz),
    dateshortwithtime12: `${datenoyear}${alt(timeshort12, timelong12)}`,
    dateshortwithtime24: `${datenoyear}${alt(timeshort24, timelong24, iso8601normtz)}`,
    relative: `${relnumber}(?:${space})?${alt(reltextunit, ci("week"))}`,
    separator: "[ .,\\t]",
    nul: "[\\0\\n]",
  };
})();

type Action = (c: Cursor, t: Parsed) => void;

// Rules in parse_date.re's order: the longest match wins, the earlier rule on a tie.
const RULES: ReadonlyArray<[string, Action]> = [
  [
    R.yesterday,
    (_c, t) => {
      t.haveRelative = true;
      unhaveTime(t);
      t.rel.d = -1;
    },
  ],
  [R.now, () => {}],
  [
    R.noon,
    (_c, t) => {
      unhaveTime(t);
      if (haveTime(t)) t.h = 12;
    },
  ],
  [R.midnightToday, (_c, t) => unhaveTime(t)],
  [
    R.tomorrow,
    (_c, t) => {
      t.haveRelative = true;
      unhaveTime(t);
      t.rel.d = 1;
    },
  ],
  [R.timestamp, (c, t) => atTimestamp(c, t, false)],
  [R.timestampms, (c, t) => atTimestamp(c, t, true)],
  [
    R.firstlastdayof,
    (c, t) => {
      t.haveRelative = true;
      t.rel.firstLastDayOf = /^l/i.test(c.s) ? LAST_DAY_OF_MONTH : FIRST_DAY_OF_MONTH;
    },
  ],
  [
    R.backfrontof,
    (c, t) => {
      unhaveTime(t);
      if (!haveTime(t)) return;
      const back = /^b/i.test(c.s);
      t.h = nr(c, 2) - (back ? 0 : 1);
      t.i = back ? 15 : 45;
      if (c.s[c.p] !== "\0" && c.p < c.s.length) {
        while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
        t.h += meridian(c, t.h);
      }
    },
  ],
  [
    R.weekdayof,
    (c, t) => {
      t.haveRelative = true;
      t.rel.haveSpecialRelative = true;
      const [amount, behavior] = getRelativeText(c);
      while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
      if (amount > 0) {
        t.rel.specialType = SPECIAL_DAY_OF_WEEK_IN_MONTH;
        setRelative(c, amount, 1, t);
      } else {
        t.rel.specialType = SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH;
        setRelative(c, amount, behavior, t);
      }
    },
  ],
  [
    R.time12,
    (c, t) => {
      if (!haveTime(t)) return;
      t.h = nr(c, 2);
      if (c.s[c.p] === ":" || c.s[c.p] === ".") {
        t.i = nr(c, 2);
        if (c.s[c.p] === ":" || c.s[c.p] === ".") t.s = nr(c, 2);
      }
      t.h += meridian(c, t.h);
    },
  ],
  [
    R.mssqltime,
    (c, t) => {
      if (!haveTime(t)) return;
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      if (c.s[c.p] === ":" || c.s[c.p] === ".") {
        t.s = nr(c, 2);
        if (c.s[c.p] === ":" || c.s[c.p] === ".") t.us = getFracNr(c);
      }
      while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
      t.h += meridian(c, t.h);
    },
  ],
  [
    R.time24,
    (c, t) => {
      if (!haveTime(t)) return;
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      if (c.s[c.p] === ":" || c.s[c.p] === ".") {
        t.s = nr(c, 2);
        if (c.s[c.p] === ".") t.us = getFracNr(c);
      }
      if (c.p < c.s.length && c.s[c.p] !== "\0") parseZoneInto(c, t);
    },
  ],
  [
    R.gnunocolon,
    (c, t) => {
      if (t.haveTime === 0) {
        t.h = nr(c, 2);
        t.i = nr(c, 2);
        t.s = 0;
      } else if (t.haveTime === 1) {
        t.y = nr(c, 4);
      } else {
        t.errors.push("Double time specification");
        return;
      }
      t.haveTime++;
    },
  ],
  [
    R.iso8601nocolon,
    (c, t) => {
      if (!haveTime(t)) return;
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      t.s = nr(c, 2);
      if (c.p < c.s.length && c.s[c.p] !== "\0") parseZoneInto(c, t);
    },
  ],
  [
    R.american,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = nr(c, 2);
      t.d = nr(c, 2);
      if (c.s[c.p] === "/") {
        const y = getNr(c, 4);
        t.y = processYear(y.value, y.length);
      }
    },
  ],
  [
    R.iso8601date4,
    (c, t) => {
      if (!haveDate(t)) return;
      t.y = getSignedNr(c, 4);
      t.m = nr(c, 2);
      t.d = nr(c, 2);
    },
  ],
  [
    R.iso8601date2,
    (c, t) => {
      if (!haveDate(t)) return;
      const y = getNr(c, 4);
      t.m = nr(c, 2);
      t.d = nr(c, 2);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.iso8601datex,
    (c, t) => {
      if (!haveDate(t)) return;
      t.y = getSignedNr(c, 19);
      t.m = nr(c, 2);
      t.d = nr(c, 2);
    },
  ],
  [
    R.gnudateshorter,
    (c, t) => {
      if (!haveDate(t)) return;
      const y = getNr(c, 4);
      t.m = nr(c, 2);
      t.d = 1;
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.gnudateshort,
    (c, t) => {
      if (!haveDate(t)) return;
      const y = getNr(c, 4);
      t.m = nr(c, 2);
      t.d = nr(c, 2);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.datefull,
    (c, t) => {
      if (!haveDate(t)) return;
      t.d = nr(c, 2);
      skipDaySuffix(c);
      t.m = getMonth(c);
      const y = getNr(c, 4);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.pointeddate4,
    (c, t) => {
      if (!haveDate(t)) return;
      t.d = nr(c, 2);
      t.m = nr(c, 2);
      t.y = nr(c, 4);
    },
  ],
  [
    R.pointeddate2,
    (c, t) => {
      if (!haveDate(t)) return;
      t.d = nr(c, 2);
      t.m = nr(c, 2);
      const y = getNr(c, 2);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.datenoday,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = getMonth(c);
      const y = getNr(c, 4);
      t.d = 1;
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.datenodayrev,
    (c, t) => {
      if (!haveDate(t)) return;
      const y = getNr(c, 4);
      t.m = getMonth(c);
      t.d = 1;
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.datetextual,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = getMonth(c);
      t.d = nr(c, 2);
      const y = getNr(c, 4);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.datenoyearrev,
    (c, t) => {
      if (!haveDate(t)) return;
      t.d = nr(c, 2);
      skipDaySuffix(c);
      t.m = getMonth(c);
    },
  ],
  [
    R.datenocolon,
    (c, t) => {
      if (!haveDate(t)) return;
      t.y = nr(c, 4);
      t.m = nr(c, 2);
      t.d = nr(c, 2);
    },
  ],
  [
    R.xmlrpc,
    (c, t) => {
      if (!haveTime(t) || !haveDate(t)) return;
      t.y = nr(c, 4);
      t.m = nr(c, 2);
      t.d = nr(c, 2);
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      t.s = nr(c, 2);
      if (c.s[c.p] === ".") {
        t.us = getFracNr(c);
        if (c.p < c.s.length && c.s[c.p] !== "\0") parseZoneInto(c, t);
      }
    },
  ],
  [
    R.pgydotd,
    (c, t) => {
      if (!haveDate(t)) return;
      const y = getNr(c, 4);
      t.d = nr(c, 3);
      t.m = 1;
      t.y = processYear(y.value, y.length);
    },
  ],
  [R.isoweekday, (c, t) => isoWeekDate(c, t, true)],
  [R.isoweek, (c, t) => isoWeekDate(c, t, false)],
  [
    R.pgtextshort,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = getMonth(c);
      t.d = nr(c, 2);
      const y = getNr(c, 4);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.pgtextreverse,
    (c, t) => {
      if (!haveDate(t)) return;
      const y = getNr(c, 4);
      t.m = getMonth(c);
      t.d = nr(c, 2);
      t.y = processYear(y.value, y.length);
    },
  ],
  [
    R.clf,
    (c, t) => {
      if (!haveTime(t) || !haveDate(t)) return;
      t.d = nr(c, 2);
      t.m = getMonth(c);
      t.y = nr(c, 4);
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      t.s = nr(c, 2);
      parseZoneInto(c, t);
    },
  ],
  [
    R.year4,
    (c, t) => {
      t.y = nr(c, 4);
    },
  ],
  [
    R.ago,
    (_c, t) => {
      const rel = t.rel;
      rel.y = -rel.y;
      rel.m = -rel.m;
      rel.d = -rel.d;
      rel.h = -rel.h;
      rel.i = -rel.i;
      rel.s = -rel.s;
      rel.weekday = -rel.weekday;
      if (rel.weekday === 0) rel.weekday = -7;
      if (rel.haveSpecialRelative && rel.specialType === SPECIAL_WEEKDAY) rel.specialAmount = -rel.specialAmount;
    },
  ],
  [
    R.daytext,
    (c, t) => {
      t.haveRelative = true;
      t.rel.haveWeekdayRelative = true;
      unhaveTime(t);
      const unit = lookupRelunit(c);
      t.rel.weekday = unit ? unit[1] : 0;
      if (t.rel.weekdayBehavior !== 2) t.rel.weekdayBehavior = 1;
    },
  ],
  [
    R.relativetextweek,
    (c, t) => {
      t.haveRelative = true;
      while (c.p < c.s.length && c.s[c.p] !== "\0") {
        const [amount, behavior] = getRelativeText(c);
        while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
        setRelative(c, amount, behavior, t);
        t.rel.weekdayBehavior = 2;
        // "this week" alone means Monday of this week, like "monday this week"
        if (!t.rel.haveWeekdayRelative) {
          t.rel.haveWeekdayRelative = true;
          t.rel.weekday = 1;
        }
      }
    },
  ],
  [
    R.relativetext,
    (c, t) => {
      t.haveRelative = true;
      while (c.p < c.s.length && c.s[c.p] !== "\0") {
        const [amount, behavior] = getRelativeText(c);
        while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
        setRelative(c, amount, behavior, t);
      }
    },
  ],
  [
    R.monthtext,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = MONTHS[readLetters(c)] ?? 0;
    },
  ],
  [
    R.tz,
    (c, t) => {
      if (!haveZone(t)) return;
      parseZoneInto(c, t);
    },
  ],
  [
    R.dateshortwithtime12,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = getMonth(c);
      t.d = nr(c, 2);
      if (!haveTime(t)) return;
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      if (c.s[c.p] === ":" || c.s[c.p] === ".") {
        t.s = nr(c, 2);
        if (c.s[c.p] === ".") t.us = getFracNr(c);
      }
      t.h += meridian(c, t.h);
    },
  ],
  [
    R.dateshortwithtime24,
    (c, t) => {
      if (!haveDate(t)) return;
      t.m = getMonth(c);
      t.d = nr(c, 2);
      if (!haveTime(t)) return;
      t.h = nr(c, 2);
      t.i = nr(c, 2);
      if (c.s[c.p] === ":") {
        t.s = nr(c, 2);
        if (c.s[c.p] === ".") t.us = getFracNr(c);
      }
      if (c.p < c.s.length && c.s[c.p] !== "\0") parseZoneInto(c, t);
    },
  ],
  [
    R.relative,
    (c, t) => {
      t.haveRelative = true;
      while (c.p < c.s.length && c.s[c.p] !== "\0") {
        const amount = getSignedNr(c, 24);
        while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
        setRelative(c, amount, 1, t, true);
      }
    },
  ],
  [R.separator, () => {}],
  [R.nul, () => {}],
];

function atTimestamp(c: Cursor, t: Parsed, withMicros: boolean): void {
  t.haveRelative = true;
  t.haveDate = false;
  t.y = t.m = t.d = 0;
  unhaveTime(t);
  if (!haveZone(t)) return;
  const seconds = getSignedNr(c, 24);
  const micros = withMicros ? getSignedNr(c, 24) : 0;
  t.y = 1970;
  t.m = 1;
  t.d = 1;
  t.h = t.i = t.s = t.us = 0;
  t.rel.s += seconds;
  if (withMicros) t.rel.us = micros;
  t.zone = { kind: "offset", name: "+00:00", offset: 0 };
  t.z = 0;
  t.dst = 0;
}

function isoWeekDate(c: Cursor, t: Parsed, withDay: boolean): void {
  if (!haveDate(t)) return;
  t.haveRelative = true;
  t.y = nr(c, 4);
  const week = nr(c, 2);
  const day = withDay ? nr(c, 1) : 1;
  t.m = 1;
  t.d = 1;
  // timelib_daynr_from_weeknr: days from Jan 1 to the given ISO week day
  const dow = dayOfWeek(t.y, 1, 1);
  t.rel.d = -(dow > 4 ? dow - 7 : dow) + (week - 1) * 7 + day;
}

const compiledRules = RULES.map(([source, action]) => ({
  prefix: new RegExp(source, "y"),
  whole: new RegExp(`^(?:${source})$`),
  action,
}));

const parseCache = new Map<string, Parsed>();

/** timelib_strtotime(): text → broken-down time and relative parts, with errors and warnings. */
function parseDateText(text: string): Parsed {
  const cached = parseCache.get(text);
  if (cached) return cloneParsed(cached);
  const t = emptyParsed();
  const trimmed = text.replace(/^\s+|\s+$/g, "");
  if (trimmed === "") {
    t.errors.push("Empty string");
    return t;
  }
  const input = trimmed + "\0\0\0\0\0\0\0\0";
  let pos = 0;
  while (pos < trimmed.length) {
    // re2c matches the longest token; JS alternation does not, so find the longest per rule.
    let bestLength = 0;
    let bestRule = -1;
    for (let r = 0; r < compiledRules.length; r++) {
      const rule = compiledRules[r];
      rule.prefix.lastIndex = pos;
      const first = rule.prefix.exec(input);
      if (!first) continue;
      let length = first[0].length;
      for (let l = Math.min(input.length - pos, 64); l > length; l--) {
        if (rule.whole.test(input.slice(pos, pos + l))) {
          length = l;
          break;
        }
      }
      if (length > bestLength) {
        bestLength = length;
        bestRule = r;
      }
    }
    if (bestRule < 0) {
      t.errors.push("Unexpected character");
      pos++;
      continue;
    }
    const token = input.slice(pos, pos + bestLength);
    // Actions read a NUL-terminated copy of the token, as timelib does.
    compiledRules[bestRule].action({ s: token + "\0", p: 0 }, t);
    pos += bestLength;
  }
  if (t.haveTime && !(t.h >= 0 && t.h < 24 && t.i >= 0 && t.i < 60 && t.s >= 0 && t.s < 60)) {
    t.warnings.push("The parsed time was invalid");
  }
  if (t.haveDate && !(t.m >= 1 && t.m <= 12 && t.d >= 1 && t.d <= daysInMonth(t.y, t.m))) {
    t.warnings.push("The parsed date was invalid");
  }
  if (parseCache.size > 500) parseCache.clear();
  parseCache.set(text, cloneParsed(t));
  return t;
}

/** A copy callers may change; zones are never changed, so they are shared. */
function cloneParsed(t: Parsed): Parsed {
  return { ...t, rel: { ...t.rel }, errors: [...t.errors], warnings: [...t.warnings] };
}

// ---------------------------------------------------------------------------------------
// Applying parsed text to a time (port of timelib's tm2unixtime.c)

/** A wall-clock time in a zone, as timelib keeps it while resolving relative parts. */
interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  i: number;
  s: number;
  us: number;
  rel: Relative;
  haveRelative: boolean;
}

/** Carries overflowing fields into the next larger unit (timelib_do_normalize). */
function normalize(w: Wall): void {
  w.s += floorDiv(w.us, 1_000_000);
  w.us = ((w.us % 1_000_000) + 1_000_000) % 1_000_000;
  w.i += floorDiv(w.s, 60);
  w.s = ((w.s % 60) + 60) % 60;
  w.h += floorDiv(w.i, 60);
  w.i = ((w.i % 60) + 60) % 60;
  w.d += floorDiv(w.h, 24);
  w.h = ((w.h % 24) + 24) % 24;
  w.y += floorDiv(w.m - 1, 12);
  w.m = ((((w.m - 1) % 12) + 12) % 12) + 1;
  const date = civilFromDays(daysFromCivil(w.y, w.m, 1) + w.d - 1);
  w.y = date.y;
  w.m = date.m;
  w.d = date.d;
}

function adjustForWeekday(w: Wall): void {
  const rel = w.rel;
  const currentDow = dayOfWeek(w.y, w.m, 1) + w.d - 1;
  const dow = ((currentDow % 7) + 7) % 7;
  if (rel.weekdayBehavior === 2) {
    // "this week" where today is a Sunday, and "sunday this week" otherwise
    if (dow === 0 && rel.weekday !== 0) rel.weekday -= 7;
    if (rel.weekday === 0 && dow !== 0) rel.weekday = 7;
    w.d -= dow;
    w.d += rel.weekday;
    return;
  }
  let difference = rel.weekday - dow;
  if ((rel.d < 0 && difference < 0) || (rel.d >= 0 && difference <= -rel.weekdayBehavior)) difference += 7;
  if (rel.weekday >= 0) w.d += difference;
  else w.d -= 7 - (Math.abs(rel.weekday) - dow);
  rel.haveWeekdayRelative = false;
}

function adjustSpecialWeekday(w: Wall): void {
  const count = w.rel.specialAmount;
  const dow = dayOfWeek(w.y, w.m, w.d);
  w.d += Math.trunc(count / 5) * 7;
  const rem = count % 5;
  if (count > 0) {
    if (rem === 0) {
      if (dow === 0) w.d -= 2;
      else if (dow === 6) w.d -= 1;
    } else if (dow === 6) {
      w.d += 1;
    } else if (dow + rem > 5) {
      w.d += 2;
    }
  } else {
    if (rem === 0) {
      if (dow === 6) w.d += 2;
      else if (dow === 0) w.d += 1;
    } else if (dow === 0) {
      w.d -= 1;
    } else if (dow + rem < 1) {
      w.d -= 2;
    }
  }
  w.d += rem;
}

/** do_adjust_special_early + do_adjust_relative + do_adjust_special. */
function applyRelative(w: Wall): void {
  const rel = w.rel;
  if (rel.haveSpecialRelative) {
    if (rel.specialType === SPECIAL_DAY_OF_WEEK_IN_MONTH) {
      w.d = 1;
      w.m += rel.m;
      rel.m = 0;
    } else if (rel.specialType === SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH) {
      w.d = 1;
      w.m += rel.m + 1;
      rel.m = 0;
    }
  }
  applyFirstLastDayOf(w);
  normalize(w);

  if (rel.haveWeekdayRelative) adjustForWeekday(w);
  normalize(w);
  if (w.haveRelative) {
    w.us += rel.us;
    w.s += rel.s;
    w.i += rel.i;
    w.h += rel.h;
    w.d += rel.d;
    w.m += rel.m;
    w.y += rel.y;
  }
  applyFirstLastDayOf(w);
  normalize(w);

  if (rel.haveSpecialRelative && rel.specialType === SPECIAL_WEEKDAY) adjustSpecialWeekday(w);
  normalize(w);
}

function applyFirstLastDayOf(w: Wall): void {
  if (w.rel.firstLastDayOf === FIRST_DAY_OF_MONTH) {
    w.d = 1;
  } else if (w.rel.firstLastDayOf === LAST_DAY_OF_MONTH) {
    w.d = 0;
    w.m++;
  }
}

/** How to read a wall time in a zone: the zone, plus the hint an existing DateTime gives. */
interface Placement {
  zone: Zone;
  z: number; // fixed offset for "offset", standard part for "abbr" zones
  dst: number;
  haveZone: boolean;
}

// JavaScript dates (and so ICU) end 8.64e15 ms either side of the epoch.
const MAX_EPOCH_SECONDS = 8.64e12;

class OutOfRange extends Error {}

/** Wall time → epoch seconds (timelib's do_adjust_timezone, PHP 8.1+). */
function wallToEpochSeconds(w: Wall, at: Placement): number {
  const local = daysFromCivil(w.y, w.m, w.d) * SECS_PER_DAY + w.h * 3600 + w.i * 60 + w.s;
  if (!(Math.abs(local) < MAX_EPOCH_SECONDS - 2 * SECS_PER_DAY)) throw new OutOfRange();
  const zone = at.zone;
  if (zone.kind === "offset") return local - at.z;
  if (zone.kind === "abbr") return local - at.z - at.dst * 3600;
  // Within a DST gap the earlier offset applies (02:30 becomes 03:30). Within an overlap
  // PHP's pick depends on the zone's side of UTC and, when modifying, on whether the time
  // being modified was in DST; this follows timelib step by step. timelib compares instants
  // with the start of the offset period holding `at`; with at most one transition that
  // close, "x is before that start" means "x has another offset".
  const seen = new Map<number, ZoneState>(); // the same instants recur below; ICU lookups are slow
  const stateAt = (t: number) => seen.get(t) ?? seen.set(t, zoneState(zone, t)).get(t)!;
  const offsetAt = (t: number) => stateAt(t).offset;
  const info = (t: number) => ({ at: t, offset: stateAt(t).offset, dst: stateAt(t).dst });
  const beforePeriodOf = (x: number, p: { at: number; offset: number }) => x < p.at && offsetAt(x) !== p.offset;
  const current = info(local);
  const after = info(local - current.offset);
  let actual = after;
  if (current.offset === after.offset && at.haveZone) {
    if (current.offset >= 0 && at.dst && !current.dst) {
      const earlier = info(local - current.offset - 7200);
      if (earlier.offset !== after.offset && beforePeriodOf(local - earlier.offset, after)) actual = earlier;
    } else if (current.offset <= 0 && current.dst && !at.dst) {
      const later = info(local - current.offset + 7200);
      if (later.offset !== after.offset && !beforePeriodOf(local - later.offset, later)) actual = later;
    }
  }
  const inTransition =
    !beforePeriodOf(local - actual.offset - (current.offset - actual.offset), actual) &&
    beforePeriodOf(local - actual.offset, actual);
  const adjustment = current.offset !== actual.offset && !inTransition ? -actual.offset : -current.offset;
  return local + adjustment;
}

/** An instant seen in a zone: the wall fields PHP's DateTime would hold. */
interface Instant {
  seconds: number; // floor(ms / 1000)
  us: number; // 0 … 999000, whole milliseconds
  zone: Zone;
}

function instantFromMs(ms: number, zone: Zone): Instant {
  const seconds = Math.floor(ms / 1000);
  return { seconds, us: (ms - seconds * 1000) * 1000, zone };
}

function msFromEpoch(seconds: number, us: number): number {
  return seconds * 1000 + Math.floor(us / 1000);
}

/** Resolves a wall time to epoch ms; `what` names the input in the out-of-range error. */
function settle(w: Wall, at: Placement, what: string): number {
  try {
    return msFromEpoch(wallToEpochSeconds(w, at), w.us);
  } catch (e) {
    if (e instanceof OutOfRange) throw new Error(`${what} gives a date outside the supported range`);
    throw e;
  }
}

function wallOf(inst: Instant): Wall & { state: ZoneState } {
  const state = zoneState(inst.zone, inst.seconds);
  const local = inst.seconds + state.offset;
  const days = floorDiv(local, SECS_PER_DAY);
  const secs = local - days * SECS_PER_DAY;
  const { y, m, d } = civilFromDays(days);
  return {
    y,
    m,
    d,
    h: Math.floor(secs / 3600),
    i: Math.floor((secs % 3600) / 60),
    s: secs % 60,
    us: inst.us,
    rel: emptyRelative(),
    haveRelative: false,
    state,
  };
}

function placementOf(zone: Zone, dst: boolean, haveZone: boolean): Placement {
  const z = zone.kind === "offset" ? zone.offset : zone.kind === "abbr" ? zone.offset - zone.dst * 3600 : 0;
  return { zone, z, dst: zone.kind === "abbr" ? zone.dst : dst ? 1 : 0, haveZone };
}

/** Where parsed text lands: its own zone if it named one, else the filter's zone. */
function placementFor(t: Parsed, zone: Zone, nowDst: boolean): Placement {
  if (!t.zone) return placementOf(zone, nowDst, false);
  return {
    zone: t.zone,
    z: t.z === UNSET ? 0 : t.z,
    dst: t.dst === UNSET ? (nowDst ? 1 : 0) : t.dst,
    haveZone: true,
  };
}

function describe(errors: string[], warnings: string[]): string {
  return [...errors, ...warnings].join("; ");
}

/** PHP's `new DateTime(text, zone)`: fills what the text leaves out from "now" in that zone. */
function createFromText(text: string, zone: Zone, filter: string): number {
  const t = parseDateText(text);
  const fatalWarnings = t.warnings.filter((w) => !w.startsWith("The parsed"));
  if (t.errors.length || fatalWarnings.length) {
    throw new Error(`${filter}: cannot read "${text}" as a date/time (${describe(t.errors, fatalWarnings)})`);
  }
  const nowMs = now();
  const untouched = [t.y, t.m, t.d, t.h, t.i, t.s, t.us].every((v) => v === UNSET) && !t.haveRelative;
  // "now" is the clock itself; rebuilding it from wall time would misread the repeated DST hour.
  if (untouched && !t.zone) return nowMs;
  const nowWall = wallOf(instantFromMs(nowMs, zone));
  if (t.haveDate && !t.haveTime) {
    t.h = t.i = t.s = t.us = 0;
  }
  const anySet = [t.y, t.m, t.d, t.h, t.i, t.s].some((v) => v !== UNSET);
  if (t.us === UNSET) t.us = anySet ? 0 : nowWall.us;
  const pick = (v: number, fallback: number) => (v === UNSET ? fallback : v);
  const w: Wall = {
    y: pick(t.y, nowWall.y),
    m: pick(t.m, nowWall.m),
    d: pick(t.d, nowWall.d),
    h: pick(t.h, nowWall.h),
    i: pick(t.i, nowWall.i),
    s: pick(t.s, nowWall.s),
    us: t.us,
    rel: t.rel,
    haveRelative: t.haveRelative,
  };
  applyRelative(w);
  return settle(w, placementFor(t, zone, nowWall.state.dst), `${filter}: "${text}"`);
}

/** PHP's DateTime::modify() on an instant shown in a zone. */
function modifyInstant(ms: number, expr: string, zone: Zone, filter: string): number {
  const t = parseDateText(expr);
  const fatalWarnings = t.warnings.filter((w) => !w.startsWith("The parsed"));
  if (t.errors.length || fatalWarnings.length) {
    throw new Error(`${filter}: cannot interpret "${expr}" (${describe(t.errors, fatalWarnings)})`);
  }
  const resetToUtc =
    t.y === 1970 &&
    t.m === 1 &&
    t.d === 1 &&
    t.h === 0 &&
    t.i === 0 &&
    t.s === 0 &&
    t.us === 0 &&
    t.zone?.kind === "offset" &&
    t.z === 0 &&
    t.dst === 0;
  if (t.zone && !resetToUtc) {
    throw new Error(`${filter}: "${expr}" names a time zone; pass the zone as the filter's argument instead`);
  }
  const w = wallOf(instantFromMs(ms, zone));
  const baseDst = w.state.dst;
  w.rel = t.rel;
  w.haveRelative = t.haveRelative;
  if (t.y !== UNSET) w.y = t.y;
  if (t.m !== UNSET) w.m = t.m;
  if (t.d !== UNSET) w.d = t.d;
  if (t.h !== UNSET) {
    w.h = t.h;
    if (t.i !== UNSET) {
      w.i = t.i;
      w.s = t.s !== UNSET ? t.s : 0;
    } else {
      w.i = 0;
      w.s = 0;
    }
  }
  if (t.us !== UNSET) w.us = t.us;
  applyRelative(w);
  const placement = resetToUtc ? placementOf(UTC_ZONE, false, true) : placementOf(zone, baseDst, true);
  return settle(w, placement, `${filter}: "${expr}"`);
}

// ---------------------------------------------------------------------------------------
// Input coercion

function invalid(filter: string, value: unknown): Error {
  const shown = typeof value === "string" ? `"${value}"` : String(value);
  return new Error(`${filter}: expected a timestamp (epoch ms, a Date, or date text), got ${shown}`);
}

/** Any accepted timestamp input → epoch ms; text without a zone is read in `tz`. */
function toEpochMsIn(value: unknown, tz: string, filter: string): number {
  if (typeof value === "number") {
    if (!(Math.abs(value) < MAX_EPOCH_SECONDS * 1000)) throw invalid(filter, value);
    return Math.trunc(value);
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalid(filter, value);
    return ms;
  }
  if (typeof value === "string") {
    const text = value.trim();
    // Xano reads all-digit text as epoch milliseconds ("1692132330000"|format_timestamp).
    if (/^-?\d+$/.test(text)) return toEpochMsIn(Number(text), tz, filter);
    return createFromText(text, resolveZone(tz), filter);
  }
  throw invalid(filter, value);
}

function requireNumber(filter: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`${filter}: ${name} must be a finite number, got ${String(value)}`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// Conversion filters (to_timestamp, to_ms, to_seconds, …)

/** `to_timestamp`: text ("now", "next friday", ISO 8601) or ms → epoch ms. */
export function toTimestamp(value: TimestampInput, tz = "UTC"): number {
  return toEpochMsIn(value, tz, "to_timestamp");
}

/** `to_ms`: → milliseconds since the epoch. */
export function toMs(value: TimestampInput, tz = "UTC"): number {
  return toEpochMsIn(value, tz, "to_ms");
}

/** `to_seconds`: → whole seconds since the epoch. */
export function toSeconds(value: TimestampInput, tz = "UTC"): number {
  return floorDiv(toEpochMsIn(value, tz, "to_seconds"), 1000);
}

/** `to_minutes`: → whole minutes since the epoch. */
export function toMinutes(value: TimestampInput, tz = "UTC"): number {
  return floorDiv(toEpochMsIn(value, tz, "to_minutes"), 60_000);
}

/** `to_hours`: → whole hours since the epoch. */
export function toHours(value: TimestampInput, tz = "UTC"): number {
  return floorDiv(toEpochMsIn(value, tz, "to_hours"), 3_600_000);
}

/** `to_days`: → whole days since the epoch. */
export function toDays(value: TimestampInput, tz = "UTC"): number {
  return floorDiv(toEpochMsIn(value, tz, "to_days"), 86_400_000);
}

/** A JavaScript Date for a timestamp input (for database drivers and other libraries). */
export function toDate(value: TimestampInput, tz = "UTC"): Date {
  return new Date(toEpochMsIn(value, tz, "to_date"));
}

// Xano's engine names for the same filters.
export const toEpochms = toTimestamp;
export const toEpochMs = toMs;
export const toEpochSec = toSeconds;
export const toEpochMinute = toMinutes;
export const toEpochHour = toHours;
export const toEpochDay = toDays;

// ---------------------------------------------------------------------------------------
// format_timestamp (PHP date())

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad = (n: number, width: number) =>
  n < 0 ? "-" + String(-n).padStart(width, "0") : String(n).padStart(width, "0");

function englishSuffix(n: number): string {
  if (n >= 10 && n <= 19) return "th";
  return ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th";
}

interface FormatContext {
  w: Wall;
  state: ZoneState;
  zone: Zone;
  seconds: number;
  abbr: () => string;
}

function hour12(h: number): number {
  return h % 12 === 0 ? 12 : h % 12;
}

// One entry per PHP date() character.
const FORMATTERS: Record<string, (f: FormatContext) => string> = {
  d: ({ w }) => pad(w.d, 2),
  D: ({ w }) => DAY_NAMES[dayOfWeek(w.y, w.m, w.d)].slice(0, 3),
  j: ({ w }) => String(w.d),
  l: ({ w }) => DAY_NAMES[dayOfWeek(w.y, w.m, w.d)],
  N: ({ w }) => String(dayOfWeek(w.y, w.m, w.d) || 7),
  S: ({ w }) => englishSuffix(w.d),
  w: ({ w }) => String(dayOfWeek(w.y, w.m, w.d)),
  z: ({ w }) => String(dayOfYear(w.y, w.m, w.d)),
  W: ({ w }) => pad(isoWeek(w.y, w.m, w.d).week, 2),
  F: ({ w }) => MONTH_NAMES[w.m - 1],
  m: ({ w }) => pad(w.m, 2),
  M: ({ w }) => MONTH_NAMES[w.m - 1].slice(0, 3),
  n: ({ w }) => String(w.m),
  t: ({ w }) => String(daysInMonth(w.y, w.m)),
  L: ({ w }) => (isLeap(w.y) ? "1" : "0"),
  o: ({ w }) => String(isoWeek(w.y, w.m, w.d).year),
  X: ({ w }) => (w.y < 0 ? "-" : "+") + String(Math.abs(w.y)).padStart(4, "0"),
  x: ({ w }) => (w.y < 0 ? "-" : w.y >= 10000 ? "+" : "") + String(Math.abs(w.y)).padStart(4, "0"),
  Y: ({ w }) => (w.y < 0 ? "-" : "") + String(Math.abs(w.y)).padStart(4, "0"),
  y: ({ w }) => pad(w.y % 100, 2),
  a: ({ w }) => (w.h >= 12 ? "pm" : "am"),
  A: ({ w }) => (w.h >= 12 ? "PM" : "AM"),
  B: ({ seconds }) => {
    let beat = ((seconds % 86400) + 3600) * 10;
    if (beat < 0) beat += 864000;
    return pad(Math.floor(beat / 864) % 1000, 3);
  },
  g: ({ w }) => String(hour12(w.h)),
  G: ({ w }) => String(w.h),
  h: ({ w }) => pad(hour12(w.h), 2),
  H: ({ w }) => pad(w.h, 2),
  i: ({ w }) => pad(w.i, 2),
  s: ({ w }) => pad(w.s, 2),
  u: ({ w }) => pad(w.us, 6),
  v: ({ w }) => pad(Math.floor(w.us / 1000), 3),
  e: ({ zone }) => zone.name,
  I: ({ state }) => (state.dst ? "1" : "0"),
  O: ({ state }) => offsetName(state.offset, false),
  P: ({ state }) => offsetName(state.offset, true),
  p: ({ state, abbr }) => (["UTC", "Z", "GMT+0000"].includes(abbr()) ? "Z" : offsetName(state.offset, true)),
  T: ({ abbr }) => abbr(),
  Z: ({ state }) => String(state.offset),
  c: (f) => formatWith("Y-m-d\\TH:i:sP", f),
  r: (f) => formatWith("D, d M Y H:i:s O", f),
  U: ({ seconds }) => String(seconds),
};

function formatWith(format: string, f: FormatContext): string {
  let out = "";
  for (let k = 0; k < format.length; k++) {
    const ch = format[k];
    if (ch === "\\") {
      k++;
      if (k < format.length) out += format[k];
      continue;
    }
    const fn = FORMATTERS[ch];
    out += fn ? fn(f) : ch;
  }
  return out;
}

/** `format_timestamp`: PHP date() format characters, in any zone ("UTC" by default). */
export function formatTimestamp(value: TimestampInput, format: string, tz = "UTC"): string {
  const zone = resolveZone(tz);
  const ms = toEpochMsIn(value, tz, "format_timestamp");
  const inst = instantFromMs(ms, zone);
  const w = wallOf(inst);
  const state = w.state;
  const abbr = () => zoneAbbreviation(zone, inst.seconds, state);
  return formatWith(String(format), { w, state, zone, seconds: inst.seconds, abbr });
}
export const epochmsDate = formatTimestamp;

// ---------------------------------------------------------------------------------------
// transform_timestamp (PHP relative formats)

/** `transform_timestamp`: applies a PHP relative format ("+7 days", "last Monday", "first day of this month") in a zone. */
export function transformTimestamp(value: TimestampInput, expr: string, tz = "UTC"): number {
  const zone = resolveZone(tz);
  const ms = toEpochMsIn(value, tz, "transform_timestamp");
  return modifyInstant(ms, String(expr), zone, "transform_timestamp");
}
export const epochmsTransform = transformTimestamp;

// ---------------------------------------------------------------------------------------
// parse_timestamp (PHP DateTime::createFromFormat)

/** `parse_timestamp`: reads text laid out by a PHP date format ("Y-m-d H:i:s") in a zone → ms. */
export function parseTimestamp(value: string | number, format: string, tz = "UTC"): number {
  const zone = resolveZone(tz);
  const text = String(value);
  const t = emptyParsed();
  const c: Cursor = { s: text + "\0", p: 0 };
  const fail = (why: string): never => {
    throw new Error(`parse_timestamp: "${text}" does not match format "${format}" (${why})`);
  };
  const end = () => c.p >= text.length;
  const digits = (max: number, what: string, exact = false) => {
    if (!isDigit(c.s[c.p])) fail(`${what} not found`);
    const r = getNr(c, max);
    if (exact && r.length !== max) fail(`${what} not found`);
    return r;
  };
  let resetAll = false;
  for (let k = 0; k < format.length; k++) {
    const ch = format[k];
    if (end() && !"!|+".includes(ch)) fail("data missing");
    switch (ch) {
      case "D":
      case "l": {
        const unit = lookupRelunit(c);
        if (!unit || unit[0] !== "weekday") fail("a textual day could not be found");
        t.haveRelative = true;
        t.rel.haveWeekdayRelative = true;
        t.rel.weekday = unit![1];
        t.rel.weekdayBehavior = 1;
        break;
      }
      case "d":
      case "j":
        t.d = digits(2, "a two digit day").value;
        break;
      case "S":
        skipDaySuffix(c);
        break;
      case "z":
        t.m = 1;
        t.d = digits(3, "a three digit day-of-year").value + 1;
        break;
      case "m":
      case "n":
        t.m = digits(2, "a two digit month").value;
        break;
      case "M":
      case "F": {
        const month = MONTHS[readLetters(c)];
        if (!month) fail("a textual month could not be found");
        t.m = month;
        break;
      }
      case "y": {
        const y = digits(2, "a two digit year");
        t.y = processYear(y.value, y.length);
        break;
      }
      case "Y":
        t.y = digits(4, "a four digit year").value;
        break;
      case "g":
      case "h":
        t.h = digits(2, "a two digit hour").value;
        if (t.h > 12) fail("hour can not be higher than 12");
        break;
      case "G":
      case "H":
        t.h = digits(2, "a two digit hour").value;
        break;
      case "a":
      case "A": {
        if (t.h === UNSET) fail("meridian can only come after an hour has been found");
        const m = /^([ap])(\.m\.|m)/i.exec(text.slice(c.p));
        if (!m) fail("a meridian could not be found");
        const pm = m![1].toLowerCase() === "p";
        if (!pm && t.h === 12) t.h = 0;
        else if (pm && t.h !== 12) t.h += 12;
        c.p += m![0].length;
        break;
      }
      case "i":
        t.i = digits(2, "a two digit minute", true).value;
        break;
      case "s":
        t.s = digits(2, "a two digit second", true).value;
        break;
      case "u": {
        const r = digits(6, "a six digit microsecond");
        t.us = r.value * Math.pow(10, 6 - r.length);
        break;
      }
      case "v": {
        const r = digits(3, "a three digit millisecond");
        t.us = r.value * Math.pow(10, 3 - r.length) * 1000;
        break;
      }
      case " ":
        while (c.s[c.p] === " " || c.s[c.p] === "\t") c.p++;
        break;
      case "U": {
        if (!/[-0-9]/.test(c.s[c.p])) fail("epoch seconds not found");
        t.haveRelative = true;
        t.rel.s += getSignedNr(c, 24);
        t.y = 1970;
        t.m = 1;
        t.d = 1;
        t.h = t.i = t.s = 0;
        t.zone = { kind: "offset", name: "+00:00", offset: 0 };
        t.z = 0;
        t.dst = 0;
        break;
      }
      case "#":
        if (!";:/.,-()".includes(c.s[c.p])) fail("the separation symbol ([;:/.,-]) could not be found");
        c.p++;
        break;
      case ";":
      case ":":
      case "/":
      case ".":
      case ",":
      case "-":
      case "(":
      case ")":
        if (c.s[c.p] !== ch) fail("the separation symbol could not be found");
        c.p++;
        break;
      case "!":
        t.y = 1970;
        t.m = 1;
        t.d = 1;
        t.h = t.i = t.s = t.us = 0;
        t.zone = null;
        resetAll = true;
        break;
      case "|":
        if (t.y === UNSET) t.y = 1970;
        if (t.m === UNSET) t.m = 1;
        if (t.d === UNSET) t.d = 1;
        if (t.h === UNSET) t.h = 0;
        if (t.i === UNSET) t.i = 0;
        if (t.s === UNSET) t.s = 0;
        if (t.us === UNSET) t.us = 0;
        resetAll = true;
        break;
      case "?":
        c.p++;
        break;
      case "*":
        c.p++;
        while (!" \t.,:;/-0123456789\0".includes(c.s[c.p])) c.p++;
        break;
      case "+":
        c.p = text.length;
        break;
      case "e":
      case "T":
      case "O":
      case "P": {
        const zone = parseZoneAt(c);
        if (!zone) fail("the timezone could not be found in the database");
        t.zone = zone;
        t.z = zone!.kind === "offset" ? zone!.offset : zone!.kind === "abbr" ? zone!.offset - zone!.dst * 3600 : UNSET;
        t.dst = zone!.kind === "abbr" ? zone!.dst : UNSET;
        t.haveZone = 1;
        break;
      }
      case "\\":
        k++;
        if (k >= format.length) fail("escaped character expected");
        if (c.s[c.p] !== format[k]) fail("the escaped character could not be found");
        c.p++;
        break;
      default:
        if (c.s[c.p] !== ch) fail("the format separator does not match");
        c.p++;
    }
  }
  if (!end()) fail("trailing data");
  if (t.h !== UNSET || t.i !== UNSET || t.s !== UNSET || t.us !== UNSET) {
    if (t.h === UNSET) t.h = 0;
    if (t.i === UNSET) t.i = 0;
    if (t.s === UNSET) t.s = 0;
    if (t.us === UNSET) t.us = 0;
  }
  // Like createFromFormat without "!" or "|": what the format leaves out comes from now.
  const nowWall = wallOf(instantFromMs(now(), zone));
  const anySet = [t.y, t.m, t.d, t.h, t.i, t.s].some((v) => v !== UNSET);
  const pick = (v: number, fallback: number) => (v === UNSET ? fallback : v);
  const w: Wall = {
    y: pick(t.y, nowWall.y),
    m: pick(t.m, nowWall.m),
    d: pick(t.d, nowWall.d),
    h: pick(t.h, nowWall.h),
    i: pick(t.i, nowWall.i),
    s: pick(t.s, nowWall.s),
    us: t.us === UNSET ? (anySet || resetAll ? 0 : nowWall.us) : t.us,
    rel: t.rel,
    haveRelative: t.haveRelative,
  };
  applyRelative(w);
  return settle(w, placementFor(t, zone, nowWall.state.dst), `parse_timestamp: "${text}"`);
}
export const epochmsFromFormat = parseTimestamp;

// ---------------------------------------------------------------------------------------
// Arithmetic

/** `add_secs_to_timestamp`: adds seconds (negative values subtract). */
export function addSecsToTimestamp(value: TimestampInput, seconds: number): number {
  const n = requireNumber("add_secs_to_timestamp", "seconds", seconds);
  return toEpochMsIn(value, "UTC", "add_secs_to_timestamp") + Math.round(n * 1000);
}
export const epochmsAddSecs = addSecsToTimestamp;

/** `add_ms_to_timestamp`: adds milliseconds (negative values subtract). */
export function addMsToTimestamp(value: TimestampInput, milliseconds: number): number {
  const n = requireNumber("add_ms_to_timestamp", "milliseconds", milliseconds);
  return toEpochMsIn(value, "UTC", "add_ms_to_timestamp") + Math.round(n);
}
export const epochmsAddMs = addMsToTimestamp;

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 };

function addFixed(filter: string, value: TimestampInput, amount: number, unitMs: number): number {
  const n = requireNumber(filter, "amount", amount);
  return toEpochMsIn(value, "UTC", filter) + Math.round(n * unitMs);
}

/** Calendar months in UTC with PHP's overflow: 2025-01-31 + 1 month = 2025-03-03. */
function addCalendarMonths(filter: string, value: TimestampInput, months: number): number {
  const n = requireNumber(filter, "amount", months);
  if (!Number.isInteger(n)) throw new Error(`${filter}: amount must be a whole number, got ${n}`);
  const w = wallOf(instantFromMs(toEpochMsIn(value, "UTC", filter), UTC_ZONE));
  w.rel.m = n;
  w.haveRelative = true;
  applyRelative(w);
  return settle(w, placementOf(UTC_ZONE, false, true), `${filter}: ${n} months`);
}

export function timestampAddSeconds(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_add_seconds", value, amount, UNIT_MS.seconds);
}
export function timestampSubtractSeconds(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_subtract_seconds", value, -amount, UNIT_MS.seconds);
}
export function timestampAddMinutes(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_add_minutes", value, amount, UNIT_MS.minutes);
}
export function timestampSubtractMinutes(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_subtract_minutes", value, -amount, UNIT_MS.minutes);
}
export function timestampAddHours(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_add_hours", value, amount, UNIT_MS.hours);
}
export function timestampSubtractHours(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_subtract_hours", value, -amount, UNIT_MS.hours);
}
export function timestampAddDays(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_add_days", value, amount, UNIT_MS.days);
}
export function timestampSubtractDays(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_subtract_days", value, -amount, UNIT_MS.days);
}
export function timestampAddWeeks(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_add_weeks", value, amount, UNIT_MS.weeks);
}
export function timestampSubtractWeeks(value: TimestampInput, amount = 1): number {
  return addFixed("timestamp_subtract_weeks", value, -amount, UNIT_MS.weeks);
}
export function timestampAddMonths(value: TimestampInput, amount = 1): number {
  return addCalendarMonths("timestamp_add_months", value, amount);
}
export function timestampSubtractMonths(value: TimestampInput, amount = 1): number {
  return addCalendarMonths("timestamp_subtract_months", value, -amount);
}
export function timestampAddYears(value: TimestampInput, amount = 1): number {
  return addCalendarMonths("timestamp_add_years", value, amount * 12);
}
export function timestampSubtractYears(value: TimestampInput, amount = 1): number {
  return addCalendarMonths("timestamp_subtract_years", value, -amount * 12);
}

// ---------------------------------------------------------------------------------------
// Part extractors (timestamp_year … timestamp_epoch_ms)

function partsIn(filter: string, value: TimestampInput, tz: string): Wall {
  const zone = resolveZone(tz);
  return wallOf(instantFromMs(toEpochMsIn(value, tz, filter), zone));
}

/** `timestamp_year`. */
export function timestampYear(value: TimestampInput, tz = "UTC"): number {
  return partsIn("timestamp_year", value, tz).y;
}
/** `timestamp_month`: 1–12. */
export function timestampMonth(value: TimestampInput, tz = "UTC"): number {
  return partsIn("timestamp_month", value, tz).m;
}
/** `timestamp_week`: ISO 8601 week number, 1–53. */
export function timestampWeek(value: TimestampInput, tz = "UTC"): number {
  const w = partsIn("timestamp_week", value, tz);
  return isoWeek(w.y, w.m, w.d).week;
}
/** `timestamp_day_of_month`: 1–31. */
export function timestampDayOfMonth(value: TimestampInput, tz = "UTC"): number {
  return partsIn("timestamp_day_of_month", value, tz).d;
}
/** `timestamp_day_of_week`: 0 = Sunday … 6 = Saturday. */
export function timestampDayOfWeek(value: TimestampInput, tz = "UTC"): number {
  const w = partsIn("timestamp_day_of_week", value, tz);
  return dayOfWeek(w.y, w.m, w.d);
}
/** `timestamp_day_of_year`: 1–366. */
export function timestampDayOfYear(value: TimestampInput, tz = "UTC"): number {
  const w = partsIn("timestamp_day_of_year", value, tz);
  return dayOfYear(w.y, w.m, w.d) + 1;
}
/** `timestamp_hour`: 0–23. */
export function timestampHour(value: TimestampInput, tz = "UTC"): number {
  return partsIn("timestamp_hour", value, tz).h;
}
/** `timestamp_minute`: 0–59. */
export function timestampMinute(value: TimestampInput, tz = "UTC"): number {
  return partsIn("timestamp_minute", value, tz).i;
}

/** `timestamp_epoch_ms`. */
export function timestampEpochMs(value: TimestampInput): number {
  return toEpochMsIn(value, "UTC", "timestamp_epoch_ms");
}
/** `timestamp_epoch_seconds` (also spelled `timestamp_epoch_sec`). */
export function timestampEpochSeconds(value: TimestampInput): number {
  return floorDiv(toEpochMsIn(value, "UTC", "timestamp_epoch_seconds"), 1000);
}
export const timestampEpochSec = timestampEpochSeconds;
/** `timestamp_epoch_minute`. */
export function timestampEpochMinute(value: TimestampInput): number {
  return floorDiv(toEpochMsIn(value, "UTC", "timestamp_epoch_minute"), 60_000);
}
/** `timestamp_epoch_hour`. */
export function timestampEpochHour(value: TimestampInput): number {
  return floorDiv(toEpochMsIn(value, "UTC", "timestamp_epoch_hour"), 3_600_000);
}
/** `timestamp_epoch_day`. */
export function timestampEpochDay(value: TimestampInput): number {
  return floorDiv(toEpochMsIn(value, "UTC", "timestamp_epoch_day"), 86_400_000);
}

// ---------------------------------------------------------------------------------------
// Literals in XanoScript source

/** Reads a schedule literal such as "2025-10-01 06:00:00+0000" (offset required) → epoch ms. */
export function parseXanoTimestampLiteral(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})$/.exec(
    String(text).trim(),
  );
  if (!m) {
    throw new Error(`Not a XanoScript timestamp literal (expected "YYYY-MM-DD HH:MM:SS+0000"): "${text}"`);
  }
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    throw new Error(`Timestamp literal out of range: "${text}"`);
  }
  const ms = Number((m[7] ?? "0").padEnd(3, "0"));
  const zone = m[8];
  const offset =
    zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  return (daysFromCivil(y, mo, d) * SECS_PER_DAY + h * 3600 + mi * 60 + s) * 1000 + ms - offset;
}

/** `util.sleep { value = N }`: waits N seconds. */
export function sleep(seconds: unknown): Promise<void> {
  const ms = Math.max(0, Number(seconds) * 1000);
  if (!Number.isFinite(ms)) throw new TypeError(`util.sleep: ${String(seconds)} is not a number of seconds`);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
