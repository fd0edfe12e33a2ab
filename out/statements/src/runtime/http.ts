// api.request with Xano's result shape: { response: { status, headers, result } }.

import { toJson } from "./values.js";

export interface Request {
  url: unknown;
  method?: unknown;
  params?: unknown;
  headers?: unknown;
  timeout?: unknown;
}

export interface RequestResult {
  // The body as the API sent it: JSON of any shape (hence any), or text.
  response: { status: number; headers: Record<string, string>; result: any };
}

/** Headers come as Xano writes them: a list of "Name: value" lines (or an object). */
function headerObject(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(headers)) {
    for (const line of headers) {
      const text = String(line);
      const colon = text.indexOf(":");
      if (colon > 0) out[text.slice(0, colon).trim()] = text.slice(colon + 1).trim();
    }
  } else if (headers && typeof headers === "object") {
    for (const [k, v] of Object.entries(headers)) out[k] = String(v);
  }
  return out;
}

export async function apiRequest(request: Request): Promise<RequestResult> {
  const method = String(request.method ?? "GET").toUpperCase();
  const headers = headerObject(request.headers);
  let url = String(request.url);
  let body: string | undefined;
  const params = request.params;
  if (params !== undefined && params !== null && params !== "") {
    if (method === "GET" || method === "DELETE" || method === "HEAD") {
      const query = new URLSearchParams(
        Object.entries(params as Record<string, unknown>).map(([k, v]) => [k, typeof v === "string" ? v : toJson(v)]),
      );
      url += (url.includes("?") ? "&" : "?") + query.toString();
    } else {
      // As JSON the way Xano writes it: a field read from a missing key is null, not left out.
      body = typeof params === "string" ? params : toJson(params);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
        headers["Content-Type"] = "application/json";
    }
  }
  const seconds = Number(request.timeout ?? 0);
  const response = await fetch(url, {
    method,
    headers,
    body,
    signal: seconds > 0 ? AbortSignal.timeout(seconds * 1000) : undefined,
  });
  const text = await response.text();
  let result: unknown = text;
  try {
    result = JSON.parse(text);
  } catch {
    // Not JSON: Xano gives the text as it came.
  }
  return { response: { status: response.status, headers: Object.fromEntries(response.headers.entries()), result } };
}
