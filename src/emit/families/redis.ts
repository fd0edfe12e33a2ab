// redis.* statements (Xano's data caching): each is an awaited call of its helper in
// runtime/redis.ts, which talks to the project's own Redis server (REDIS_URL).
import type { CallStatement } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { parameters, type Param } from "../stack/params.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** Each statement's helper, and its parameters in the order the helper takes them. */
const STATEMENTS: Record<string, { helper: string; params: Param[] }> = {
  "redis.set": {
    helper: "redisSet",
    params: [{ name: "key" }, { name: "data", aliases: ["value"] }, { name: "ttl", default: "0", aliases: ["expire"] }],
  },
  "redis.get": { helper: "redisGet", params: [{ name: "key" }] },
  "redis.has": { helper: "redisHas", params: [{ name: "key" }] },
  "redis.del": { helper: "redisDel", params: [{ name: "key" }] },
  "redis.incr": { helper: "redisIncr", params: [{ name: "key" }, { name: "by", default: "1" }] },
  "redis.decr": { helper: "redisDecr", params: [{ name: "key" }, { name: "by", default: "1" }] },
  "redis.push": { helper: "redisPush", params: [{ name: "key" }, { name: "value" }] },
  "redis.unshift": { helper: "redisUnshift", params: [{ name: "key" }, { name: "value" }] },
  "redis.pop": { helper: "redisPop", params: [{ name: "key" }] },
  "redis.shift": { helper: "redisShift", params: [{ name: "key" }] },
  "redis.range": {
    helper: "redisRange",
    params: [{ name: "key" }, { name: "start", default: "0" }, { name: "stop", default: "-1" }],
  },
  "redis.count": { helper: "redisCount", params: [{ name: "key" }] },
  "redis.remove": {
    helper: "redisRemove",
    params: [{ name: "key" }, { name: "value" }, { name: "count", default: "0" }],
  },
  "redis.keys": { helper: "redisKeys", params: [{ name: "search" }] },
};

const RATE_LIMIT: Param[] = [{ name: "key" }, { name: "max" }, { name: "ttl" }, { name: "error", default: '""' }];

/** The statements this family handles. */
export const REDIS_STATEMENTS = [...Object.keys(STATEMENTS), "redis.ratelimit"];

export function emitRedisStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  const statement = STATEMENTS[s.name];
  if (!REDIS_STATEMENTS.includes(s.name)) return undefined;
  const values = parameters(s, statement?.params ?? RATE_LIMIT);
  if (typeof values === "string") return notMigrated(s, ctx, values);
  reportRedisUrl(s, ctx);
  if (statement === undefined) {
    // Named fields: a rate limit reads better as { key, max, ttl, error } than as four numbers.
    const fields = RATE_LIMIT.filter((p) => values.get(p.name) !== undefined).map(
      (p) => `${p.name}: ${expr(values.get(p.name)!, ctx)}`,
    );
    return bind(s, `await ${ctx.rt("redis", "redisRateLimit")}({ ${fields.join(", ")} })`, ctx);
  }
  const args = statement.params.map((p) => {
    const value = values.get(p.name);
    return value === undefined ? p.default! : expr(value, ctx);
  });
  // Defaults at the end are the helper's own: left out of the call.
  while (args.length > 1 && values.get(statement.params[args.length - 1]!.name) === undefined) args.pop();
  return bind(s, `await ${ctx.rt("redis", statement.helper)}(${args.join(", ")})`, ctx);
}

const reported = new WeakSet<ModuleContext>();

/** REDIS_URL, in MIGRATION.md and .env.example: once per module, at its first redis.* statement. */
function reportRedisUrl(s: CallStatement, ctx: ModuleContext): void {
  if (reported.has(ctx)) return;
  reported.add(ctx);
  ctx.envUsed("REDIS_URL", s.span.start);
}
