// Which endpoint a request's path names, matched here rather than by Fastify's router: a query's
// name is any text (`*`, `:`, `?`, `(`, `%`, spaces, any script), and Fastify's route syntax
// gives several of those a meaning of their own. A path is split at `/` and each segment
// percent-decoded, then compared with the query's name exactly: `{param}` takes any non-empty
// text of its segment, every other character only itself. Where two names match, the one
// whose first differing segment is literal wins (as `user/me` over `user/{id}`).

/** One segment of a query's name: literal text, or text around `{param}`s. */
type Segment = { literal: string } | { pattern: RegExp; names: string[] };

export interface Route<T> {
  verb: string;
  segments: Segment[];
  value: T;
}

export interface RouteMatch<T> {
  value: T;
  params: Record<string, string>;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

function segment(text: string): Segment {
  const names = [...text.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  if (names.length === 0) return { literal: text };
  const parts = text.split(/\{[^}]+\}/);
  const source = parts.map(escapeRegExp).join("(.+?)");
  return { pattern: new RegExp(`^${source}$`, "su"), names };
}

/** A query's name (`users/{id}`) as a route: empty segments (a leading, doubled or trailing `/`) are dropped. */
export function route<T>(verb: string, path: string, value: T): Route<T> {
  return {
    verb,
    segments: path
      .split("/")
      .filter((s) => s !== "")
      .map(segment),
    value,
  };
}

/** `%`-decoded segments of a URL path (without its query string); undefined when one is malformed. */
export function pathSegments(path: string): string[] | undefined {
  try {
    return path.split("/").map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function matchOne<T>(r: Route<T>, segments: readonly string[]): Record<string, string> | undefined {
  if (r.segments.length !== segments.length) return undefined;
  // A null-prototype record: a `{__proto__}` parameter is an ordinary key.
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < segments.length; i++) {
    const s = r.segments[i];
    if ("literal" in s) {
      if (s.literal !== segments[i]) return undefined;
      continue;
    }
    const m = s.pattern.exec(segments[i]);
    if (m === null) return undefined;
    s.names.forEach((name, k) => (params[name] = m[k + 1]));
  }
  return params;
}

/** Literal segments before parameters, leftmost first: true when `a` should win over `b`. */
function moreLiteral<T>(a: Route<T>, b: Route<T>): boolean {
  for (let i = 0; i < a.segments.length; i++) {
    const la = "literal" in a.segments[i];
    const lb = "literal" in b.segments[i];
    if (la !== lb) return la;
  }
  return false;
}

/** The route `segments` (after the group's `api:<canonical>`) name for `verb`, with its parameters. */
export function matchRoute<T>(
  routes: readonly Route<T>[],
  verb: string,
  segments: readonly string[],
): RouteMatch<T> | undefined {
  let best: { route: Route<T>; params: Record<string, string> } | undefined;
  for (const r of routes) {
    if (r.verb !== verb) continue;
    const params = matchOne(r, segments);
    if (params !== undefined && (best === undefined || moreLiteral(r, best.route))) best = { route: r, params };
  }
  return best && { value: best.route.value, params: best.params };
}
