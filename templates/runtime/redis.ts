// Xano's data caching (the redis.* statements) on a Redis server of your own, through
// node-redis, the client Redis maintains.
//
// - The server is REDIS_URL (default redis://127.0.0.1:6379). One client per process,
//   connected by the first redis.* statement that runs: a process that runs none never loads
//   the client. closeRedis() closes it; it is registered with shutdown.ts at that first
//   connection, so `npm run task`, `npm run job` and the scheduler's stop call it (an open
//   connection keeps a process from exiting) without importing this module.
// - Values are stored as JSON, so each comes back with the type it was stored with: a number
//   is a number, an object an object, text is text. A value written as plain text by another
//   program (or a counter: INCR stores digits) reads as JSON when it parses as JSON, else as text.
// - List items are JSON too: redis.remove finds an item by its JSON text, so an object only
//   matches with its keys in the same order (Xano's docs warn of the same sensitivity).

import { XanoError } from "./errors.js";
import { onShutdown } from "./shutdown.js";
import { toJson, toNumber, toText } from "./values.js";

/** node-redis's client, with the type its createClient() gives (left to inference: it is generic). */
type RedisClient = Awaited<ReturnType<typeof connect>>;

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** Reconnection attempts before a statement fails (about 3 s in all). */
const CONNECT_ATTEMPTS = 5;

let client: Promise<RedisClient> | undefined;

/** The process's client, connected; a new one when the last gave up reconnecting. */
async function redis(): Promise<RedisClient> {
  client ??= connect().catch((error: unknown) => {
    client = undefined; // the next statement tries again
    throw error;
  });
  const connected = await client;
  if (connected.isOpen) return connected;
  client = undefined;
  return redis();
}

async function connect() {
  const url = process.env.REDIS_URL || DEFAULT_REDIS_URL;
  const where = withoutPassword(url);
  // Loaded here, not at the top: projects that run no redis.* statement never load it.
  const { createClient } = await import("redis");
  const created = createClient({
    url,
    socket: {
      connectTimeout: 5_000,
      // Retried with backoff; past the last attempt the statement fails instead of waiting forever.
      reconnectStrategy: (retries, cause) =>
        retries >= CONNECT_ATTEMPTS
          ? new Error(`Redis at ${where} is unreachable: ${cause.message}`)
          : Math.min(100 * 2 ** retries, 2_000),
    },
  });
  // node-redis emits each connection error, and without a listener one would crash the
  // process. Those of the first connection are left out: the statement fails with the last.
  let connected = false;
  created.on("error", (error: Error) => {
    if (connected) console.warn(`Redis at ${where}: ${error.message}`);
  });
  await created.connect();
  connected = true;
  onShutdown(closeRedis);
  return created;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.href;
  } catch {
    return "(REDIS_URL)";
  }
}

/** Closes the connection, after the commands already sent; a later statement opens a new one. */
export async function closeRedis(): Promise<void> {
  const pending = client;
  client = undefined;
  const open = await pending?.catch(() => undefined);
  if (open?.isOpen) await open.close();
}

function encode(value: unknown): string {
  return toJson(value);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function decode(stored: string | null): any {
  if (stored === null) return null;
  try {
    return JSON.parse(stored);
  } catch {
    return stored;
  }
}

function keyOf(key: unknown): string {
  return toText(key);
}

// ---------------------------------------------------------------------------------------
// Key-value

/** `redis.set`: stores `data`; `ttl` seconds > 0 makes it expire, 0 keeps it until deleted. */
export async function redisSet(key: unknown, data: unknown, ttl: unknown = 0): Promise<null> {
  const seconds = toNumber(ttl, "redis.set ttl");
  const options = seconds > 0 ? { expiration: { type: "PX" as const, value: Math.round(seconds * 1000) } } : {};
  await (await redis()).set(keyOf(key), encode(data), options);
  return null;
}

/** `redis.get`: the value stored, or null when there is none (or it expired). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function redisGet(key: unknown): Promise<any> {
  return decode(await (await redis()).get(keyOf(key)));
}

/** `redis.has`: whether the key holds a value. */
export async function redisHas(key: unknown): Promise<boolean> {
  return (await (await redis()).exists(keyOf(key))) > 0;
}

/** `redis.del`: removes the key, whatever it holds. */
export async function redisDel(key: unknown): Promise<null> {
  await (await redis()).del(keyOf(key));
  return null;
}

// ---------------------------------------------------------------------------------------
// Counters

/** `redis.incr`: adds `by` (default 1) to the number stored (0 when none); the new number. */
export async function redisIncr(key: unknown, by: unknown = 1): Promise<number> {
  return increment(keyOf(key), toNumber(by, "redis.incr by"));
}

/** `redis.decr`: subtracts `by` (default 1); the new number. */
export async function redisDecr(key: unknown, by: unknown = 1): Promise<number> {
  return increment(keyOf(key), -toNumber(by, "redis.decr by"));
}

async function increment(key: string, by: number): Promise<number> {
  const client = await redis();
  if (Number.isInteger(by)) {
    try {
      return await client.incrBy(key, by);
    } catch (error) {
      // The value is a decimal (INCRBY takes integers only): added as decimals below.
      if (!/not an integer/.test((error as Error).message)) throw error;
    }
  }
  return Number(await client.incrByFloat(key, by));
}

// ---------------------------------------------------------------------------------------
// Lists

/** `redis.push`: adds `value` at the end of the list; the list's new length. */
export async function redisPush(key: unknown, value: unknown): Promise<number> {
  return (await redis()).rPush(keyOf(key), encode(value));
}

/** `redis.unshift`: adds `value` at the front of the list; the list's new length. */
export async function redisUnshift(key: unknown, value: unknown): Promise<number> {
  return (await redis()).lPush(keyOf(key), encode(value));
}

/** `redis.pop`: takes the last item off the list; null when the list is empty. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function redisPop(key: unknown): Promise<any> {
  return decode(await (await redis()).rPop(keyOf(key)));
}

/** `redis.shift`: takes the first item off the list; null when the list is empty. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function redisShift(key: unknown): Promise<any> {
  return decode(await (await redis()).lPop(keyOf(key)));
}

/**
 * `redis.range`: the items from position `start` to `stop`, both included, as Redis's LRANGE
 * counts them (0 is the first, -1 the last); by default the whole list.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function redisRange(key: unknown, start: unknown = 0, stop: unknown = -1): Promise<any[]> {
  const items = await (
    await redis()
  ).lRange(keyOf(key), toNumber(start, "redis.range start"), toNumber(stop, "redis.range stop"));
  return items.map(decode);
}

/** `redis.count`: the list's length (0 when there is none). */
export async function redisCount(key: unknown): Promise<number> {
  return (await redis()).lLen(keyOf(key));
}

/**
 * `redis.remove`: removes the items equal to `value`: `count` of them from the front, from
 * the end when negative, all when 0 (the default), as LREM does. The number removed.
 */
export async function redisRemove(key: unknown, value: unknown, count: unknown = 0): Promise<number> {
  return (await redis()).lRem(keyOf(key), toNumber(count, "redis.remove count"), encode(value));
}

// ---------------------------------------------------------------------------------------
// Key management

/**
 * `redis.keys`: the keys matching a Redis glob pattern (`user_*`, `user:?`, `[ab]*`), sorted.
 * Read with SCAN, which does not block the server as KEYS does on a large database.
 */
export async function redisKeys(search: unknown): Promise<string[]> {
  const found = new Set<string>();
  for await (const batch of (await redis()).scanIterator({ MATCH: toText(search), COUNT: 1000 })) {
    for (const key of batch) found.add(key);
  }
  return [...found].sort();
}

// ---------------------------------------------------------------------------------------
// Rate limiting

// Counts a hit, and starts the window on the first one (or on a count left without expiry).
const COUNT_HIT = `
local hits = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return hits`;

export interface RateLimit {
  key: unknown;
  /** Hits allowed per window. */
  max: unknown;
  /** The window, in seconds, from its first hit. */
  ttl: unknown;
  /** When set, going over the limit throws it; when not, the result is false. */
  error?: unknown;
}

/**
 * `redis.ratelimit`: counts a hit on `key` in a fixed window of `ttl` seconds. True while
 * the hits stay within `max`; past it, a XanoError of type "toomanyrequests" with `error` as
 * its message (Xano answers 429), or false when `error` is empty, as in Xano.
 */
export async function redisRateLimit(limit: RateLimit): Promise<boolean> {
  const windowMs = Math.max(1, Math.round(toNumber(limit.ttl, "redis.ratelimit ttl") * 1000));
  const hits = await (await redis()).eval(COUNT_HIT, { keys: [keyOf(limit.key)], arguments: [String(windowMs)] });
  if (Number(hits) <= toNumber(limit.max, "redis.ratelimit max")) return true;
  const message = toText(limit.error);
  if (message !== "") throw new XanoError("toomanyrequests", message);
  return false;
}
