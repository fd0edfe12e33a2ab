// Credentials written into the XanoScript as literals, found before anything is emitted so
// that every place a value reaches (variables, concatenations, lists, objects, URLs, comments)
// gets the same environment variable. A literal is a credential when it reaches a credential
// position (an auth header in any case, a header whose name holds key/token/secret/auth, an
// api_key/token/password/secret field, such a URL query parameter) or when secretlint's
// recommended preset (plus the token shapes it lacks, below) finds it in the file.
import { lintSource } from "@secretlint/core";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { Expr } from "../ast.js";
import type { Workspace, WorkspaceObject } from "./workspace.js";

/** Field, header and query parameter names that hold a credential. */
const SECRET_NAME =
  /(^|[^A-Za-z0-9])(api[_-]?key|apikey|secret|secret[_-]?key|client[_-]?secret|token|passw(or)?d|private[_-]?key|access[_-]?key|auth|authorization|credentials?)$/i;
/** `Authorization: Bearer …`, `x-custom-secret: …` as one header line. */
const HEADER_LINE = /^\s*([A-Za-z0-9-]+)\s*:\s*(?:(?:Bearer|Basic|Token|ApiKey)\s+)?(.+?)\s*$/i;
/** A header line's start, its value to follow: `authorization: `, `X-Api-Key: Bearer `. */
const HEADER_NAME = /^\s*([A-Za-z0-9-]+)\s*:\s*(?:(?:Bearer|Basic|Token|ApiKey)\s*)?$/i;
/**
 * Token shapes the recommended preset does not cover (it has GitHub, Slack, AWS, GCP, npm,
 * private keys, basic auth in URLs, …): Stripe's and Resend's keys, which Xano workspaces send.
 */
const EXTRA_SHAPES = [/\b(?:sk|rk|pk)_(?:live|test)_[0-9A-Za-z]{16,}\b/g, /\bre_[0-9A-Za-z]{6,}_[0-9A-Za-z]{12,}\b/g];

export interface Credential {
  value: string;
  env: string;
  /** Where the value is written: `task/x.xs:12`. */
  where: string[];
}

export class Credentials {
  /** Value → its credential; longest values first when replacing, so none is cut by another. */
  readonly byValue = new Map<string, Credential>();

  /** The environment variable a value is read from, if it is a credential. */
  envOf(value: string): string | undefined {
    return this.byValue.get(value)?.env;
  }

  /** `text` cut at each credential it holds: literal parts and env names, in order. */
  split(text: string): { text?: string; env?: string }[] {
    const values = [...this.byValue.keys()].filter((v) => text.includes(v)).sort((a, b) => b.length - a.length);
    if (values.length === 0) return [{ text }];
    const parts: { text?: string; env?: string }[] = [];
    let rest = text;
    while (rest !== "") {
      let best: { at: number; value: string } | undefined;
      for (const v of values) {
        const at = rest.indexOf(v);
        if (at >= 0 && (best === undefined || at < best.at)) best = { at, value: v };
      }
      if (best === undefined) {
        parts.push({ text: rest });
        break;
      }
      if (best.at > 0) parts.push({ text: rest.slice(0, best.at) });
      parts.push({ env: this.byValue.get(best.value)!.env });
      rest = rest.slice(best.at + best.value.length);
    }
    return parts;
  }

  /** Comments and descriptions: each credential replaced by a note of where it went. */
  redact(text: string): string {
    return this.split(text)
      .map((p) => p.text ?? `[credential removed: read from the environment variable ${p.env}]`)
      .join("");
  }
}

const found = new WeakMap<Workspace, Credentials>();

/** The credentials of a workspace (none when `findCredentials` has not run on it). */
export function credentialsOf(ws: Workspace): Credentials {
  return found.get(ws) ?? new Credentials();
}

/** Finds the workspace's credentials once, before emitting. */
export async function findCredentials(ws: Workspace): Promise<Credentials> {
  const credentials = new Credentials();
  const taken = new Map<string, string>();
  const add = (value: string, hint: string, object: WorkspaceObject, line: number) => {
    const v = value.trim();
    if (v.length < 6 || /^\$|^\{\{/.test(v)) return; // too short to be a key; a placeholder
    let credential = credentials.byValue.get(v);
    if (credential === undefined) {
      let env = envNameFrom(hint);
      for (let n = 2; taken.has(env) && taken.get(env) !== v; n++) env = `${envNameFrom(hint)}_${n}`;
      taken.set(env, v);
      credentials.byValue.set(v, (credential = { value: v, env, where: [] }));
    }
    credential.where.push(`${object.relativePath}:${line}`);
  };
  const objects = [...ws.objects].sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
  // Names the code reads itself (`$env.API_KEY`) hold another value: a credential gets its own.
  for (const object of objects) {
    visit(object.construct, (n) => {
      if (n.kind === "Member" && n.object?.kind === "Var" && n.object.name === "env") taken.set(String(n.property), "");
    });
  }
  for (const object of objects) {
    const literals = new Map<string, Expr[]>(); // variable → the values assigned to it
    const rows = new Set<Node>();
    collectAssignments(object.construct, literals);
    visit(object.construct, (node) => {
      if (node.kind === "String") {
        for (const [hint, value] of inText(node.value)) add(value, hint, object, node.span.start.line);
      }
      // A statement's own credential (util.send_email's api_key) is named after its service.
      if (node.kind === "CallStatement") {
        const provider = ((node.body ?? []) as Node[]).find(
          (b) => b.kind === "Property" && b.name === "service_provider",
        )?.value;
        // cloud.elasticsearch.query → ELASTICSEARCH_…, cloud.aws.opensearch.request → OPENSEARCH_…
        const words = String(node.name).split(".");
        const service =
          provider?.kind === "String" ? provider.value : words[0] === "cloud" ? words[words.length - 2] : undefined;
        const prefix = service !== undefined ? `${service}_` : "";
        for (const p of (node.body ?? []) as Node[]) {
          if (p.kind !== "Property" || !SECRET_NAME.test(p.name)) continue;
          for (const s of literalsOf(p.value, literals, new Set()))
            add(stripScheme(s.value), `${prefix}${p.name}`, object, s.span.start.line);
        }
      }
      // Rows written with db.* are data (a password column hashes its value), not credentials.
      if (node.kind === "CallStatement" && String(node.name).startsWith("db."))
        visit(node, (n) => void (n.kind === "Object" && rows.add(n)));
      if (node.kind === "Object" && !rows.has(node)) {
        for (const entry of node.entries) {
          if (!SECRET_NAME.test(entry.key)) continue;
          for (const s of literalsOf(entry.value, literals, new Set()))
            add(stripScheme(s.value), entry.key, object, s.span.start.line);
        }
      }
      // `"authorization: " ~ $line`: what follows a credential header's name is the credential.
      if (node.kind === "Binary" && node.op === "~" && node.left?.kind === "String") {
        const name = HEADER_NAME.exec(node.left.value)?.[1];
        if (name !== undefined && SECRET_NAME.test(name))
          for (const s of literalsOf(node.right, literals, new Set()))
            add(stripScheme(s.value), name, object, s.span.start.line);
      }
      if (node.kind === "Property" && SECRET_NAME.test(node.name)) {
        for (const s of literalsOf(node.value, literals, new Set()))
          add(stripScheme(s.value), node.name, object, s.span.start.line);
      }
    });
    for (const [hint, value, offset] of await tokenShapes(object))
      add(value, hint, object, object.source.slice(0, offset).split("\n").length);
  }
  // Comments and descriptions say where a credential went instead of holding it.
  if (credentials.byValue.size > 0) {
    for (const object of objects) {
      visit(object.construct, (n) => {
        if (n.kind === "Comment") n.text = credentials.redact(n.text);
        if (n.kind === "Property" && n.name === "description" && n.value?.kind === "String")
          n.value.value = credentials.redact(n.value.value);
      });
    }
  }
  found.set(ws, credentials);
  return credentials;
}

/** Credentials inside one text: a header line's value, a URL's credential query parameters. */
function inText(text: string): [string, string][] {
  const out: [string, string][] = [];
  const header = HEADER_LINE.exec(text);
  if (header && SECRET_NAME.test(header[1]!) && !/^https?:/i.test(text.trim())) out.push([header[1]!, header[2]!]);
  for (const m of text.matchAll(/[?&]([A-Za-z0-9_.-]+)=([^&#\s"]+)/g))
    if (SECRET_NAME.test(m[1]!)) out.push([m[1]!, m[2]!]);
  return out;
}

function stripScheme(value: string): string {
  return value.replace(/^\s*(Bearer|Basic|Token|ApiKey)\s+/i, "");
}

/** The text literals an expression's value is made of: through `~`, lists, parentheses and variables assigned a literal. */
function literalsOf(e: Expr, vars: Map<string, Expr[]>, seen: Set<string>): Extract<Expr, { kind: "String" }>[] {
  switch (e.kind) {
    case "String":
      return /^\s*(Bearer|Basic|Token|ApiKey)\s*$/i.test(e.value) ? [] : [e];
    case "Binary":
      return e.op === "~" ? [...literalsOf(e.left, vars, seen), ...literalsOf(e.right, vars, seen)] : [];
    case "Paren":
      return literalsOf(e.expr, vars, seen);
    case "Array":
      return e.elements.flatMap((x) => literalsOf(x, vars, seen));
    case "Var": {
      if (seen.has(e.name)) return [];
      seen.add(e.name);
      return (vars.get(e.name) ?? []).flatMap((x) => literalsOf(x, vars, seen));
    }
    default:
      return [];
  }
}

/** `var $k { value = … }`: each variable's assigned expressions. */
function collectAssignments(node: unknown, out: Map<string, Expr[]>): void {
  visit(node, (n) => {
    if (n.kind !== "CallStatement" || (n.name !== "var" && n.name !== "var.update")) return;
    const target = n.args[0];
    const value = ((n.body ?? []) as Node[]).find((b) => b.kind === "Property" && b.name === "value");
    if (target?.kind === "Var" && value?.kind === "Property")
      out.set(target.name, [...(out.get(target.name) ?? []), value.value]);
  });
}

type Node = { kind: string; [key: string]: any };

function visit(node: unknown, each: (n: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visit(item, each);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Node;
  if (typeof record.kind === "string") each(record);
  for (const [key, value] of Object.entries(record)) if (key !== "span") visit(value, each);
}

/** Token shapes anywhere in the file (code, comments, descriptions): [hint, value, offset]. */
async function tokenShapes(object: WorkspaceObject): Promise<[string, string, number][]> {
  const out: [string, string, number][] = [];
  const result = await lintSource({
    // secretlint names performance marks after the path: one without line breaks or odd characters.
    source: {
      content: object.source,
      filePath: object.relativePath.replace(/[^A-Za-z0-9_./-]/g, "_"),
      ext: ".xs",
      contentType: "text",
    },
    options: {
      config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] },
      noPhysicFilePath: true,
    },
  });
  for (const m of result.messages)
    out.push([
      m.ruleId.replace(/^@secretlint\/secretlint-rule-/, ""),
      object.source.slice(m.range[0], m.range[1]),
      m.range[0],
    ]);
  for (const shape of EXTRA_SHAPES)
    for (const m of object.source.matchAll(shape))
      out.push([m[0].startsWith("re_") ? "resend" : "stripe", m[0], m.index ?? 0]);
  return out;
}

/** `X-Custom-Secret` → `X_CUSTOM_SECRET`, `api_key` → `API_KEY`. */
function envNameFrom(hint: string): string {
  const name = hint
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  const base = name === "" ? "SECRET" : /^[0-9]/.test(name) ? `_${name}` : name;
  return /(KEY|TOKEN|SECRET|PASSWORD)$/.test(base) ? base : `${base}_SECRET`;
}
