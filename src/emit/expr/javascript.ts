// JavaScript written for Xano's Lambda, made to typecheck as strict TypeScript where it stands.
// The code is kept as its author wrote it; only the declarations TypeScript cannot type on its
// own get an annotation (`any` for the JSON the code handles, as the code itself assumed).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { Project, ts } from "ts-morph";
import { CheckedCodeCache, cacheFile } from "./checked-code-cache.js";

export interface TypedJavaScript {
  /** The code with its annotations, or the input unchanged when it does not parse. */
  code: string;
  /** Syntax errors, `line:col: message` within the code; empty when it parses. */
  errors: string[];
  /** Whether the code waits on promises itself (`await` outside a nested async function). */
  awaits: boolean;
  /** Packages the code imports from npm (Deno's `npm:` specifiers, which Xano's Lambda allows). */
  npmImports: string[];
  /** How the code reads each name Xano binds (`$var`, `$input`, `$this`, …). */
  reads: Map<string, NameReads>;
}

export interface NameReads {
  /** Properties read by name: `$var.total`, `$var?.x1`, `$var["x"]`. */
  properties: Set<string>;
  /** Whether the code also uses the value as a whole (`!$var`, `Object.keys($var)`). */
  whole: boolean;
}

/** The names Xano binds for a lambda's code: api.lambda's scope, and the lambda_* filters' item. */
const BINDINGS = ["$input", "$var", "$env", "$this", "$index", "$parent", "$result"];
const PREFIX = `async function lambda(${BINDINGS.map((b) => `${b}: any`).join(", ")}) {\n`;
// Each lambda is checked as a module of its own, so their declarations do not meet.
const SUFFIX = "\n}\nexport {};\n";

/**
 * Reads `code` as the body of an async function (where `return` and `await` are allowed) and
 * annotates what strict TypeScript cannot type: first by form (`let x;`, `catch (e)`), then by
 * asking the type checker (see typeTogether, which checks a build's lambdas in one pass).
 */
export function typedJavaScript(code: string): TypedJavaScript {
  const read = readJavaScript(code);
  if (read.errors.length > 0) return { ...read, code };
  let checked = checkedCode().get(read.text);
  if (checked === undefined) {
    checked = withTypesFromChecker([read.text])[0]!;
    checkedCode().set(read.text, checked);
    checkedCode().save();
  }
  return { ...read, code: checked.slice(PREFIX.length, checked.length - SUFFIX.length) };
}

/** Checks many lambdas' code at once (a build's), so typedJavaScript finds them done. */
export function typeTogether(codes: readonly string[]): void {
  const cache = checkedCode();
  const texts = [
    ...new Set(
      codes
        .map((c) => readJavaScript(c))
        .filter((r) => r.errors.length === 0 && cache.get(r.text) === undefined)
        .map((r) => r.text),
    ),
  ];
  if (texts.length === 0) return;
  const checked = withTypesFromChecker(texts);
  texts.forEach((text, i) => cache.set(text, checked[i]!));
  cache.save();
}

let checkedCodeCache: CheckedCodeCache | undefined;

/**
 * Code annotated by form → annotated after checking: kept for the process (watch mode) and on
 * disk (build steps). An answer is reused only from this very annotator with the same checker.
 */
function checkedCode(): CheckedCodeCache {
  checkedCodeCache ??= new CheckedCodeCache(
    cacheFile("lambdas.json"),
    `${ts.version} ${nodeTypesRoot() ?? "-"} ${createHash("sha256")
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest("base64url")}`,
  );
  return checkedCodeCache;
}

interface Read extends Omit<TypedJavaScript, "code"> {
  /** The wrapped code with the annotations its form calls for. */
  text: string;
}

function readJavaScript(code: string): Read {
  const source = ts.createSourceFile(
    "lambda.ts",
    `${PREFIX}${code}${SUFFIX}`,
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  // The parser's own diagnostics: the public API only offers them through a Program.
  const diagnostics = (source as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) {
    const errors = diagnostics.map((d) => {
      const at = source.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${at.line}:${at.character + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    return { text: source.text, errors, awaits: false, npmImports: [], reads: new Map() };
  }
  const edits: Edit[] = [];
  const npmImports: string[] = [];
  const reads = new Map<string, NameReads>();
  let awaits = false;
  const visit = (node: ts.Node, inNestedFunction: boolean): void => {
    if (!inNestedFunction && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)))
      awaits = true;
    if (ts.isParameter(node)) annotateParameter(node, edits);
    else if (ts.isVariableDeclaration(node)) annotateVariable(node, edits);
    else if (ts.isCatchClause(node) && node.variableDeclaration && !node.variableDeclaration.type) {
      // Under `strict` a caught value is `unknown`; the code reads `.message` off it.
      edits.push({ at: node.variableDeclaration.name.end, text: ": any" });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      npmImport(node, edits, npmImports);
    } else if (ts.isIdentifier(node) && node.text.startsWith("$")) {
      noteRead(node, reads);
    }
    const nested = inNestedFunction || ts.isFunctionLike(node);
    ts.forEachChild(node, (child) => visit(child, nested));
  };
  const wrapper = source.statements[0] as ts.FunctionDeclaration;
  for (const statement of wrapper.body?.statements ?? []) visit(statement, false);
  return { text: applyEdits(source.text, edits), errors: [], awaits, npmImports, reads };
}

interface Edit {
  at: number;
  end?: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  // Later positions first, so earlier ones stay valid; one edit per position.
  const seen = new Set<number>();
  for (const edit of [...edits].sort((a, b) => b.at - a.at)) {
    if (seen.has(edit.at)) continue;
    seen.add(edit.at);
    text = text.slice(0, edit.at) + edit.text + text.slice(edit.end ?? edit.at);
  }
  return text;
}

let checkerProject: Project | undefined;

/** The folder holding @types/node, when it is installed next to xs2ts. */
function nodeTypesRoot(): string | undefined {
  try {
    return dirname(dirname(createRequire(import.meta.url).resolve("@types/node/package.json")));
  } catch {
    // Not installed: the check runs without Node's globals.
    return undefined;
  }
}

/**
 * The environment the generated project typechecks in: ES2022 and Node's types (fetch's
 * `json()` is `Promise<unknown>` there), read once per process. Without @types/node at hand,
 * ES2022 alone.
 */
function project(): Project {
  if (checkerProject !== undefined) return checkerProject;
  const root = nodeTypesRoot();
  const typeRoots = root === undefined ? [] : [root];
  checkerProject = new Project({
    skipAddingFilesFromTsConfig: true,
    compilerOptions: {
      strict: true,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      noEmit: true,
      types: typeRoots.length > 0 ? ["node"] : [],
      typeRoots,
      skipLibCheck: true,
    },
  });
  return checkerProject;
}

/** Errors the checker reports that an annotation mends; any other error is left for a person. */
const MENDABLE = new Set([7006, 7019, 7031, 7034, 7005, 2339, 2345, 2353, 2322, 2532, 18046, 18048, 18047, 2531, 7053]);

/**
 * Rounds of: typecheck, annotate what each mendable error points at. A declaration TypeScript
 * typed from its first value (`const q = { must: [] }`) becomes `any` when the code later uses
 * it as something else, which is what the JavaScript did all along.
 */
function withTypesFromChecker(texts: readonly string[]): string[] {
  const p = project();
  for (const file of p.getSourceFiles()) p.removeSourceFile(file);
  const files = texts.map((text, i) => p.createSourceFile(`/xs2ts-lambdas/lambda${i}.ts`, text, { overwrite: true }));
  const pending = new Set(files.keys());
  for (let round = 0; round < 8 && pending.size > 0; round++) {
    const program = p.getProgram().compilerObject;
    const changes: [number, string][] = [];
    for (const i of pending) {
      const source = program.getSourceFile(files[i]!.getFilePath())!;
      const edits: Edit[] = [];
      for (const d of program.getSemanticDiagnostics(source)) {
        if (d.start === undefined || !MENDABLE.has(d.code)) continue;
        const node = nodeAt(source, d.start);
        if (node !== undefined) mend(d.code, spanned(node, d.start + (d.length ?? 0)), edits, program.getTypeChecker());
      }
      if (edits.length === 0) pending.delete(i);
      else changes.push([i, applyEdits(source.text, edits)]);
    }
    for (const [i, text] of changes) files[i]!.replaceWithText(text);
  }
  return files.map((f) => f.getFullText());
}

function nodeAt(source: ts.SourceFile, position: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (node.getStart(source) <= position && position < node.end) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(source, visit);
  return found;
}

function mend(code: number, node: ts.Node, edits: Edit[], checker: ts.TypeChecker): void {
  switch (code) {
    case 7006:
    case 7019:
    case 7031: {
      const parameter = ancestor(node, ts.isParameter);
      if (parameter !== undefined) annotateParameter(parameter, edits, true);
      return;
    }
    case 2532:
    case 18048:
    case 18047:
    case 2531: {
      // The JavaScript read through a value that may be missing; `!` says so and changes nothing.
      edits.push({ at: node.end, text: "!" });
      return;
    }
    case 2345:
    case 2353:
    case 2322: {
      // A value the declaration's first value did not foresee: pushed, assigned, or put in.
      const call = ancestor(node, ts.isCallExpression);
      const assignment = ancestor(
        node,
        (n): n is ts.BinaryExpression => ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken,
      );
      const declaration = ancestor(node, ts.isVariableDeclaration);
      if (call !== undefined && ts.isPropertyAccessExpression(call.expression))
        widen(call.expression.expression, edits, checker);
      else if (assignment !== undefined) widen(assignment.left, edits, checker);
      else if (declaration !== undefined && !declaration.type) widenDeclaration(declaration, edits);
      return;
    }
    default: {
      // 2339 (no such property), 7053 (cannot index), 7034/7005 (type unknown in places).
      const access = ancestor(
        node,
        (n): n is ts.PropertyAccessExpression | ts.ElementAccessExpression =>
          ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n),
      );
      if ((code === 2339 || code === 7053) && access !== undefined) widen(access.expression, edits, checker);
      else if (ts.isIdentifier(node)) widen(node, edits, checker);
    }
  }
}

/** The variable a chain of reads starts from (`q` in `q.query.bool.must`) is made `any`. */
function widen(expression: ts.Expression, edits: Edit[], checker: ts.TypeChecker): void {
  let root: ts.Expression = expression;
  while (
    ts.isPropertyAccessExpression(root) ||
    ts.isElementAccessExpression(root) ||
    ts.isNonNullExpression(root) ||
    ts.isParenthesizedExpression(root)
  )
    root = root.expression;
  if (!ts.isIdentifier(root)) return;
  const symbol = checker.getSymbolAtLocation(root);
  const declaration = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
  if (declaration !== undefined && ts.isVariableDeclaration(declaration) && !declaration.type)
    widenDeclaration(declaration, edits);
}

function widenDeclaration(d: ts.VariableDeclaration, edits: Edit[]): void {
  if (!ts.isIdentifier(d.name)) return;
  const init = d.initializer;
  const type =
    init !== undefined && ts.isArrayLiteralExpression(init)
      ? "any[]"
      : init !== undefined && ts.isObjectLiteralExpression(init)
        ? "Record<string, any>"
        : "any";
  edits.push({ at: d.name.end, text: `: ${type}` });
}

function ancestor<T extends ts.Node>(node: ts.Node, test: (n: ts.Node) => n is T): T | undefined {
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent) if (test(n)) return n;
  return undefined;
}

/** The node a diagnostic spans (`a.b()` rather than the `a` its position starts with). */
function spanned(node: ts.Node, end: number): ts.Node {
  let n = node;
  while (n.end < end && n.parent !== undefined) n = n.parent;
  return n;
}

/**
 * A parameter TypeScript cannot type: one of a function declared on its own (a callback passed
 * to a call gets its parameters' types from the call, unless the checker finds otherwise).
 */
function annotateParameter(p: ts.ParameterDeclaration, edits: Edit[], checkerSaysSo = false): void {
  if (p.type || (p.initializer && !checkerSaysSo)) return;
  const fn = p.parent;
  if (!checkerSaysSo && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && isCallArgument(fn)) return;
  const type = p.dotDotDotToken ? ": any[]" : ": any";
  // `x => …` has no parentheses to hold a type.
  if (ts.isArrowFunction(fn) && fn.parameters.length === 1 && !hasParentheses(fn)) {
    edits.push({ at: p.getStart(), end: p.end, text: `(${p.getText()}${type})` });
    return;
  }
  edits.push({ at: p.name.end, text: type });
}

function isCallArgument(fn: ts.Node): boolean {
  let node = fn;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  if (!ts.isCallExpression(parent) && !ts.isNewExpression(parent)) return false;
  const args: readonly ts.Node[] = parent.arguments ?? [];
  return args.includes(node);
}

function hasParentheses(fn: ts.ArrowFunction): boolean {
  return fn.getSourceFile().text.slice(fn.getStart(), fn.parameters[0]!.getStart()).includes("(");
}

/**
 * A variable whose first value says nothing of what it will hold (`let x;`, `= null`, `= []`,
 * `= {}`): TypeScript would fix its type to that first value.
 */
function annotateVariable(d: ts.VariableDeclaration, edits: Edit[]): void {
  const list = d.parent;
  if (d.type || !ts.isIdentifier(d.name) || !ts.isVariableDeclarationList(list)) return;
  if (ts.isForOfStatement(list.parent) || ts.isForInStatement(list.parent)) return;
  const init = d.initializer;
  let type: string | undefined;
  if (init === undefined) type = "any";
  else if (init.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(init) && init.text === "undefined"))
    type = "any";
  else if (ts.isArrayLiteralExpression(init) && init.elements.length === 0) type = "any[]";
  else if (ts.isObjectLiteralExpression(init) && init.properties.length === 0) type = "Record<string, any>";
  if (type !== undefined) edits.push({ at: d.name.end, text: `: ${type}` });
}

/** `import("npm:pkg")` (Deno): Node imports the package by its name, once it is installed. */
function npmImport(call: ts.CallExpression, edits: Edit[], found: string[]): void {
  const specifier = call.arguments[0];
  if (specifier === undefined || !ts.isStringLiteral(specifier) || !specifier.text.startsWith("npm:")) return;
  const name = specifier.text.slice(4).replace(/(?<=.)@[^/]*$/, "");
  found.push(name);
  // A specifier TypeScript does not resolve at build time: the package is the user's to add.
  edits.push({ at: specifier.getStart(), end: specifier.end, text: `${JSON.stringify(name)} as string` });
}

/** A use of `$name`: a property read off it, or the value itself. */
function noteRead(id: ts.Identifier, reads: Map<string, NameReads>): void {
  const parent = id.parent;
  // `x.$name` or `{ $name: … }` is not the binding.
  if (
    (ts.isPropertyAccessExpression(parent) && parent.name === id) ||
    (ts.isPropertyAssignment(parent) && parent.name === id)
  )
    return;
  let entry = reads.get(id.text);
  if (entry === undefined) reads.set(id.text, (entry = { properties: new Set(), whole: false }));
  if (ts.isPropertyAccessExpression(parent) && parent.expression === id) entry.properties.add(parent.name.text);
  else if (
    ts.isElementAccessExpression(parent) &&
    parent.expression === id &&
    ts.isStringLiteralLike(parent.argumentExpression)
  ) {
    entry.properties.add(parent.argumentExpression.text);
  } else entry.whole = true;
}
