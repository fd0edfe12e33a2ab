// util.* statements about where the code runs: its input, the environment, response headers,
// and geographic distance (util.send_email and util.sleep are integrations.ts's). A function
// or a task answers no HTTP request: what Xano reads from or writes to the request is the
// function's own input here, and each such difference is reported in MIGRATION.md.
import type { CallStatement } from "../../ast.js";
import type { ModuleContext } from "../core/context.js";
import { expr } from "../expr/expressions.js";
import { unparen, prop } from "../../ast.js";
import type { Lines } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { bind } from "../stack/bind.js";

/** The statements this family handles (some as not migrated, with the reason). */
export const UTILITY_STATEMENTS = [
  "util.get_raw_input",
  "util.get_input",
  "util.get_all_input",
  "util.get_env",
  "util.set_header",
  "util.geo_distance",
  "util.ip_lookup",
  "util.template_engine",
  "util.post_process",
] as const;

export function emitUtilityStatement(s: CallStatement, ctx: ModuleContext): Lines | undefined {
  switch (s.name as (typeof UTILITY_STATEMENTS)[number]) {
    case "util.get_raw_input":
    case "util.get_input":
      return receivedInput(s, ctx);
    case "util.get_all_input":
      if (ctx.receivedInput === undefined) return noInput(s, ctx);
      return bind(s, `${ctx.rt("util", "allInput")}(${ctx.receivedInput}, input)`, ctx);
    case "util.get_env":
      ctx.report({
        kind: "difference",
        code: "XS5203",
        message:
          "util.get_env gives every variable of the process environment, not only the workspace's environment variables",
        position: s.span.start,
      });
      return bind(s, `${ctx.rt("util", "environmentVariables")}()`, ctx);
    case "util.set_header": {
      // An endpoint's header is a real one; a function's reaches the response of the endpoint that called it, a task's goes nowhere.
      if (!isEndpoint(ctx))
        ctx.report({
          kind: "difference",
          code: "XS5202",
          message:
            "util.set_header: outside an API request (a task, a function run from one) the header is only logged (at debug level)",
          position: s.span.start,
        });
      const value = prop(s, "value");
      const duplicates = prop(s, "duplicates");
      const args = [value ? expr(value, ctx) : '""', ...(duplicates ? [expr(duplicates, ctx)] : [])];
      return [`${ctx.rt("util", "setHeader")}(${args.join(", ")});`];
    }
    case "util.geo_distance": {
      const coordinates = ["latitude_1", "longitude_1", "latitude_2", "longitude_2"].map((name) => prop(s, name));
      if (coordinates.some((c) => c === undefined)) return notMigrated(s, ctx, "util.geo_distance without both points");
      return bind(s, `${ctx.rt("util", "geoDistance")}(${coordinates.map((c) => expr(c!, ctx)).join(", ")})`, ctx);
    }
    case "util.ip_lookup":
      return notMigrated(
        s,
        ctx,
        "it needs a geolocation database or service, and the fields of Xano's answer are not documented; call your provider with api.request",
      );
    case "util.template_engine":
      return notMigrated(
        s,
        ctx,
        "Xano's Twig dialect reads stack variables ($var, $input) and Xano's filters, which no npm Twig engine renders the same; build the text with ~ and filters",
      );
    case "util.post_process":
      return notMigrated(
        s,
        ctx,
        "it runs after an HTTP response is sent, and a function or task sends none; move its statements to where they should run",
      );
    default:
      return undefined;
  }
}

/**
 * `util.get_raw_input` / `util.get_input`: the input as it was passed to the function, before
 * validation and defaults (Xano: the HTTP request's body, whichever function reads it).
 */
function receivedInput(s: CallStatement, ctx: ModuleContext): Lines {
  const encoding = prop(s, "encoding");
  const e = encoding ? unparen(encoding) : undefined;
  if (e !== undefined && !(e.kind === "String" && e.value === "json")) {
    return notMigrated(
      s,
      ctx,
      "an encoding other than json: a function receives its input already parsed, not as request text",
    );
  }
  if (ctx.receivedInput === undefined) return noInput(s, ctx);
  // An endpoint's received input is the request's (query string, body, path), parsed.
  if (!isEndpoint(ctx))
    ctx.report({
      kind: "difference",
      code: "XS5204",
      message: `${s.name} gives the input passed to this function, before validation; in Xano it is the HTTP request's body`,
      position: s.span.start,
    });
  // `exclude_middleware = true`: the request's input as sent, before the pre middleware changed it.
  const exclude = prop(s, "exclude_middleware");
  const flag = exclude === undefined ? undefined : unparen(exclude);
  const excluded = flag?.kind === "Bool" && flag.value;
  const received =
    excluded && isEndpoint(ctx)
      ? `${ctx.rt("middleware", "inputBeforeMiddleware")}(${ctx.receivedInput})`
      : ctx.receivedInput;
  return bind(s, `${ctx.rt("values", "clone")}(${received})`, ctx);
}

/** In a task, which receives no input: an empty object. */
function noInput(s: CallStatement, ctx: ModuleContext): Lines {
  return [`// ${s.name}: a task receives no input.`, ...(s.as === null ? [] : bind(s, "{}", ctx))];
}

/** Whether the module being written is an API endpoint's (src/api/…), which answers a request. */
function isEndpoint(ctx: ModuleContext): boolean {
  return ctx.modulePath.startsWith("api/");
}
