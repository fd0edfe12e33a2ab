// MIGRATION.md: what a person must do before the project replaces the Xano workspace, most
// important first, opening with the coverage the CLI's summary line also prints.
import { envNameOf, type Finding } from "../core/context.js";
import type { EmittedModule } from "../core/module-text.js";
import { markdownCode, markdownText } from "../core/escape.js";

export interface Coverage {
  /** Definitions by kind (`task`, `query`, …), sorted by kind. */
  definitions: { kind: string; found: number; generated: number }[];
  /** Statements of the generated definitions' stacks. */
  statements: { total: number; notMigrated: number };
  /** API endpoints, and those with no statement not migrated in reach (src/emit/project/api.ts). */
  endpoints?: { total: number; migrated: number };
}

const NOT_GENERATED = "XS3006";
const STATEMENT_NOT_MIGRATED = "XS3001";

const KIND_NAMES: Record<string, string> = {
  query: "API endpoints (query)",
  api_group: "API groups",
  "run.job": "jobs (run.job)",
  middleware: "middleware",
  branch: "branch settings",
};

/** The counts of the report's table and of the build's summary line. */
export function coverageOf(
  kinds: Record<string, number>,
  findings: readonly Finding[],
  statementTotal: number,
): Coverage {
  const notGenerated = new Map<string, number>();
  for (const f of findings) {
    if (f.code !== NOT_GENERATED) continue;
    const kind = f.definitionKind ?? "definition";
    notGenerated.set(kind, (notGenerated.get(kind) ?? 0) + 1);
  }
  return {
    definitions: Object.entries(kinds)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, found]) => ({ kind, found, generated: found - (notGenerated.get(kind) ?? 0) })),
    statements: {
      total: statementTotal,
      notMigrated: findings.filter((f) => f.code === STATEMENT_NOT_MIGRATED).length,
    },
  };
}

/** The closing part: how the rows come across from Xano (docs/data-import.md). */
const BRING_THE_DATA = [
  "## Before you switch over: bring the data across",
  "",
  "1. Create the tables in the new database: `npm run migrate` (DATABASE_URL for PostgreSQL, else the SQLite file).",
  "2. Read Xano's own database through its Direct Database Connector (instance settings → Database Connector):",
  '   `npm run import -- --from-xano "postgres://…" --dry-run` lists what each table would read and reject, writing nothing.',
  "   Or export each table as CSV from its table view in Xano into one folder (`<id>_<table>.csv` or `<table>.csv`)",
  "   and use `--from-csv <folder>`. Tables whose Xano id is not known come from a `--map` file.",
  '3. Stop writes in Xano, then `npm run import -- --from-xano "postgres://…" --verify`: each table in one transaction,',
  "   rows keep their ids (a second run overwrites them by id), a failed table is rolled back and named with its first",
  "   bad row; `--verify` compares counts and checksums with the source.",
  "4. Keep a way back: `npm run export` writes every table as CSV (`--format jsonl` for JSON lines).",
  "",
];

/** `endpoints`: the lines of the API endpoints' section (project/api.ts), after the coverage. */
export function migrationReport(
  findings: readonly Finding[],
  coverage: Coverage,
  endpoints: readonly string[] = [],
): EmittedModule {
  const parts = [
    "# Migration report",
    "",
    "What needs a person before this project replaces the Xano workspace: the coverage first, then",
    "what to do, most important first. Every place is `file:line` in the workspace.",
    "",
    ...coverageTable(coverage),
    ...endpoints,
    ...todo(findings),
    ...BRING_THE_DATA,
  ];
  return { path: "MIGRATION.md", text: `${parts.join("\n").trimEnd()}\n` };
}

function coverageTable(coverage: Coverage): string[] {
  const { total, notMigrated } = coverage.statements;
  return [
    "## Coverage",
    "",
    "| Definitions | Found | Generated | Not generated |",
    "| --- | ---: | ---: | ---: |",
    ...coverage.definitions.map(
      (d) => `| ${KIND_NAMES[d.kind] ?? `${d.kind}s`} | ${d.found} | ${d.generated} | ${d.found - d.generated} |`,
    ),
    "",
    "| Statements of the generated definitions | Translated | Not migrated (throws when reached) |",
    "| --- | ---: | ---: |",
    `| ${total} | ${total - notMigrated} | ${notMigrated} |`,
    "",
  ];
}

interface Section {
  title: string;
  /** Why it matters, in one line. */
  lead: string;
  lines: string[];
}

function todo(findings: readonly Finding[]): string[] {
  const sections = [
    notGenerated(findings),
    notMigrated(findings),
    credentials(findings),
    environmentVariables(findings),
    grouped(
      findings,
      (f) => f.kind === "host",
      "Providers and hosts the code calls",
      "Check that the new deployment may reach them and has their credentials.",
    ),
    grouped(
      findings,
      (f) => f.kind === "missing-table",
      "Tables used but not defined in the workspace",
      "Define them, or the statements that use them fail.",
    ),
    grouped(
      findings,
      (f) => f.kind === "difference",
      "Behaviour that differs from Xano",
      "Check each against what the workspace relies on.",
    ),
  ].filter((s): s is Section => s !== undefined);
  if (sections.length === 0)
    return ["## To do", "", "Nothing: every definition is generated and every statement translated.", ""];
  return sections.flatMap((s, i) => [`## ${i + 1}. ${s.title}`, "", s.lead, "", ...s.lines, ""]);
}

/** Definitions xs2ts does not generate, one line per folder (an API group's endpoints share one). */
function notGenerated(findings: readonly Finding[]): Section | undefined {
  const list = findings.filter((f) => f.code === NOT_GENERATED);
  if (list.length === 0) return undefined;
  const byFolder = new Map<string, Finding[]>();
  for (const f of sorted(list)) {
    const folder = f.path.includes("/") ? f.path.slice(0, f.path.lastIndexOf("/")) : ".";
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), f]);
  }
  return {
    title: `${list.length} definition${plural(list.length)} not generated`,
    lead: "xs2ts does not generate these kinds yet: they are not in the project at all.",
    lines: [...byFolder].map(([folder, fs]) => `- ${markdownCode(`${folder}/`)}: ${countKinds(fs)}`),
  };
}

function notMigrated(findings: readonly Finding[]): Section | undefined {
  const list = findings.filter((f) => f.kind === "not-migrated" && f.code !== NOT_GENERATED);
  if (list.length === 0) return undefined;
  return {
    title: `${list.length} statement${plural(list.length)} or expression${plural(list.length)} not migrated`,
    lead: 'Each throws "Not migrated" when reached; the code is marked `TODO(xs2ts)`.',
    lines: sorted(list).map((f) => `- ${markdownCode(where(f))} ${markdownText(f.message)} [${f.code}]`),
  };
}

/** Each variable once, with every place that reads it. */
function environmentVariables(findings: readonly Finding[]): Section | undefined {
  const places = new Map<string, string[]>();
  for (const f of sorted(findings.filter((f) => f.kind === "env"))) {
    const name = envNameOf(f);
    const list = places.get(name) ?? [];
    if (!list.includes(where(f))) list.push(where(f));
    places.set(name, list);
  }
  if (places.size === 0) return undefined;
  return {
    title: `${places.size} environment variable${plural(places.size)} to set`,
    lead: "The code reads these (an unset one reads as null, as in Xano); `.env.example` lists them.",
    lines: [
      "| Variable | Read at |",
      "| --- | --- |",
      ...[...places].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, at]) => `| \`${name}\` | ${placesText(at)} |`),
    ],
  };
}

/** One line per environment variable a literal credential moved to, with every place it was written. */
function credentials(findings: readonly Finding[]): Section | undefined {
  const byVariable = new Map<string, { what: Set<string>; places: string[] }>();
  for (const f of sorted(findings.filter((f) => f.kind === "secret"))) {
    const moved = /^(.*) was a literal in the source; it is read from the environment variable (\S+) instead$/.exec(
      f.message,
    );
    const [what, variable] = moved ? [moved[1]!, moved[2]!] : [f.message, "?"];
    const entry = byVariable.get(variable) ?? { what: new Set<string>(), places: [] };
    entry.what.add(what);
    if (!entry.places.includes(where(f))) entry.places.push(where(f));
    byVariable.set(variable, entry);
  }
  if (byVariable.size === 0) return undefined;
  return {
    title: "Credentials that were literals in the source",
    lead: "They are read from these environment variables now: set each one, and rotate the credential, since it was in the workspace's source.",
    lines: [...byVariable]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([variable, e]) =>
          `- ${markdownCode(variable)}: ${markdownText([...e.what].join("; "))}, at ${placesText(e.places)}`,
      ),
  };
}

/** Findings with the same message once, with all their places. */
function grouped(
  findings: readonly Finding[],
  test: (f: Finding) => boolean,
  title: string,
  lead: string,
): Section | undefined {
  const byMessage = new Map<string, { code: string; places: string[] }>();
  for (const f of sorted(findings.filter(test))) {
    const entry = byMessage.get(f.message) ?? { code: f.code, places: [] };
    if (!entry.places.includes(where(f))) entry.places.push(where(f));
    byMessage.set(f.message, entry);
  }
  if (byMessage.size === 0) return undefined;
  return {
    title,
    lead,
    lines: [...byMessage].map(([message, e]) => `- ${markdownText(message)} [${e.code}]: ${placesText(e.places)}`),
  };
}

/** The places of one item: the first few, then how many more (the rest are in the code, by the same name). */
const PLACES_SHOWN = 6;
function placesText(places: readonly string[]): string {
  const shown = places
    .slice(0, PLACES_SHOWN)
    .map((w) => markdownCode(w))
    .join(", ");
  return places.length > PLACES_SHOWN ? `${shown} and ${places.length - PLACES_SHOWN} more` : shown;
}

function countKinds(list: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of list) {
    const kind = f.definitionKind ?? "definition";
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
}

function sorted(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => (a.path === b.path ? a.position.line - b.position.line : a.path < b.path ? -1 : 1));
}

function where(f: Finding): string {
  return `${f.path}:${f.position.line}`;
}

function plural(n: number): string {
  return n === 1 ? "" : "s";
}
