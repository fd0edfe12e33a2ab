// util.* statements: what a function received, the environment, response headers, and the
// distance between two points on Earth.

import { log } from "./log.js";
import { setResponseHeader } from "./request.js";
import { clone, isPlainObject, toNumber, toText } from "./values.js";

/**
 * `util.get_all_input`: every field the function was given, the declared ones as validated
 * (coerced, defaulted), the others as they came. A task has no input: `{}`.
 */
export function allInput(received: Record<string, unknown>, validated: unknown): Record<string, unknown> {
  return clone({ ...received, ...(isPlainObject(validated) ? validated : {}) });
}

/**
 * `util.get_env`: the process environment as an object of texts. In Xano it is the
 * workspace's environment variables; here it is everything the process was started with.
 */
export function environmentVariables(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) out[name] = value;
  return out;
}

/**
 * `util.set_header`: a header ("Name: value") of the response to the request being answered.
 * Run outside a request (a task), it goes nowhere: it is logged at debug level (LOG_LEVEL=debug).
 */
export function setHeader(line: unknown, duplicates: unknown = "replace"): void {
  if (setResponseHeader(toText(line), toText(duplicates))) return;
  log.debug(`util.set_header (no HTTP response here, ${toText(duplicates)}): ${toText(line)}`);
}

/** Mean Earth radius in metres (IUGG). */
const EARTH_RADIUS_M = 6_371_008.8;

/**
 * `util.geo_distance`: the great-circle distance in metres between two points given in
 * degrees (haversine on a sphere; the ellipsoid differs by up to 0.5%).
 */
export function geoDistance(latitude1: unknown, longitude1: unknown, latitude2: unknown, longitude2: unknown): number {
  const [lat1, lon1, lat2, lon2] = [latitude1, longitude1, latitude2, longitude2].map(
    (v) => (toNumber(v, "geo_distance") * Math.PI) / 180,
  );
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
