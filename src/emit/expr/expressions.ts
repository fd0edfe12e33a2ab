// XanoScript expressions as TypeScript expressions.
//
// Where native TypeScript means the same for the types known here, it is emitted; where it
// does not (loose equality, `~`, arithmetic on text), a named runtime helper is called.
import { nodesOf, unparen, type BinaryOp, type Expr, type FilterExpr, type ObjectEntry, type Span } from "../../ast.js";
import { propertyAccess } from "../../analyze/names.js";
import { isEnvName } from "../../analyze/env-names.js";
import { isInheritedName, objectProperty, stringLiteral, templateText } from "../core/escape.js";
import { textWithCredentials } from "../core/secrets.js";
import { LAMBDA_NAMES, type ModuleContext } from "../core/context.js";
import type { StaticType } from "../core/types.js";
import { filterSpec } from "./filter-catalog.js";
import { CALL, notMigratedExpr, type Emitted } from "./emitted.js";
import { emitLambdaFilter } from "./lambda-filter.js";
import { columnType, isBoolColumn } from "./rows.js";

const ATOM = 20;

/** Emits `e` and returns its code. */
export function expr(e: Expr, ctx: ModuleContext): string {
  return emit(e, ctx).code;
}

/** Emits `e` as a condition: a boolean for `if`/`while`. */
export function condition(e: Expr, ctx: ModuleContext): string {
  return truth(e, ctx).code;
}

/**
 * A condition as a boolean. `a && b` and `a || b` test each side on its own: the truth of
 * `and(a, () => b)` is `isTruthy(a) && isTruthy(b)`, with `b` evaluated only when `a` is true,
 * as before; a side known to be a boolean is tested as it is.
 */
function truth(e: Expr, ctx: ModuleContext): Emitted {
  const inner = unparen(e);
  if (inner.kind === "Binary" && (inner.op === "&&" || inner.op === "||")) {
    const [prec, side] = inner.op === "&&" ? [4, 5] : [3, 4];
    const left = truth(inner.left, ctx);
    const right = truth(inner.right, ctx);
    return { code: `${wrap(left, side)} ${inner.op} ${wrap(right, side)}`, type: "bool", prec };
  }
  const out = emit(inner, ctx);
  if (out.boolOrNull) return { code: out.code, type: "bool", prec: out.prec };
  return out.type === "bool" ? out : { code: `${ctx.rt("values", "isTruthy")}(${out.code})`, type: "bool", prec: CALL };
}

export function emit(e: Expr, ctx: ModuleContext): Emitted {
  switch (e.kind) {
    case "String": {
      // A credential read from the environment may be unset: null, as any $env variable.
      const withCredentials = textWithCredentials(e, ctx);
      if (withCredentials !== undefined) return atom(withCredentials, "unknown");
      return { ...atom(stringLiteral(e.value), "text"), templateBody: templateText(e.value) };
    }
    case "Number":
      return atom(e.value < 0 ? `(${e.raw})` : e.raw, "number");
    case "Bool":
      return atom(String(e.value), "bool");
    case "Null":
      return atom("null", "null");
    case "Timestamp":
      return atom(`${ctx.rt("time", "toTimestamp")}(${JSON.stringify(e.raw)})`, "number");
    case "Ident":
      return ident(e.name, ctx);
    case "Var":
      // A lone `$` (seen as `response = $` in exports): its meaning is not documented.
      if (e.name === "") return notMigratedExpr("the lone variable $", e, ctx);
      return variable(e.name, ctx);
    case "Member":
      return member(e, ctx);
    case "Index": {
      const object = emit(e.object, ctx);
      const index = emit(e.index, ctx);
      // A `const` keeps the type TypeScript inferred (an object literal, `unknown` from a
      // helper), which a computed key cannot index: read it as `any`, as Xano does.
      // So does a list field of the typed input indexed by something not known to be a number.
      const inputList =
        object.type === "list" &&
        index.type !== "number" &&
        e.object.kind === "Member" &&
        e.object.object.kind === "Var" &&
        e.object.object.name === "input";
      // A computed key may name an inherited member (`$o[$k]` with $k = "constructor"): read own keys only.
      const key = unparen(e.index);
      const ownOnly =
        index.type !== "number" && !(key.kind === "String" && !isInheritedName(key.value)) && key.kind !== "Number";
      if (ownOnly)
        return { code: `${ctx.rt("values", "getPath")}(${object.code}, ${index.code})`, type: "unknown", prec: CALL };
      const typed = (object.type !== "list" && ctx.constants.has(object.code)) || inputList;
      return {
        code: `${typed ? `(${object.code} as any)` : wrap(object, CALL)}?.[${index.code}]`,
        type: "unknown",
        prec: CALL,
      };
    }
    case "Paren":
    case "Backtick":
      return emit(e.expr, ctx);
    case "Unary":
      return unary(e.op, emit(e.operand, ctx), ctx);
    case "Binary":
      return binary(e.op, e.left, e.right, ctx);
    case "Ternary": {
      const test = condition(e.test, ctx);
      const a = emit(e.consequent, ctx);
      const b = emit(e.alternate, ctx);
      return { code: `${test} ? ${wrap(a, 3)} : ${wrap(b, 3)}`, type: a.type === b.type ? a.type : "unknown", prec: 2 };
    }
    case "Filter":
      return filter(e, ctx);
    case "Object": {
      if (e.entries.length === 0) return atom("{}", "object");
      const entries = e.entries.map((entry) => {
        const value = expr(entry.value, ctx);
        if (!entry.computedKey) return objectProperty(entry.key, value);
        return `[${ctx.rt("filters/type", "toText")}(${expr(entry.computedKey, ctx)})]: ${value}`;
      });
      return atom(`{ ${entries.join(", ")} }`, "object");
    }
    case "Array":
      return atom(`[${e.elements.map((x) => expr(x, ctx)).join(", ")}]`, "list");
    case "Call":
      return notMigratedExpr(`the function ${e.callee}(…)`, e, ctx);
    case "FilterList":
      return notMigratedExpr("a filter list outside filters=", e, ctx);
  }
}

function atom(code: string, type: StaticType): Emitted {
  return { code, type, prec: ATOM };
}

function wrap(out: Emitted, prec: number): string {
  return out.prec < prec ? `(${out.code})` : out.code;
}

/** Bare words in expressions: `now`, sort directions, table names. */
function ident(name: string, ctx: ModuleContext): Emitted {
  if (name === "now") return { code: `${ctx.rt("time", "now")}()`, type: "number", prec: CALL };
  return atom(JSON.stringify(name), "text");
}

function variable(name: string, ctx: ModuleContext): Emitted {
  switch (name) {
    case "input":
      return atom("input", "object");
    case "env":
      return atom(ctx.use("env", "env"), "object");
    case "var":
      return atom("{}", "object");
  }
  const local = ctx.variables.get(name);
  if (local !== undefined) return atom(local, ctx.variableTypes.get(name) ?? "unknown");
  return atom(ctx.variableId(name), "unknown");
}

function member(e: Extract<Expr, { kind: "Member" }>, ctx: ModuleContext): Emitted {
  // `$var.x` is the stack variable `$x`; `$env.NAME` is an environment variable.
  if (e.object.kind === "Var" && e.object.name === "var") return variable(e.property, ctx);
  if (e.object.kind === "Var" && e.object.name === "env") {
    // A name no environment can hold is a build error (see analyze/env-names.ts): nothing to read.
    if (!e.property.startsWith("$") && !isEnvName(e.property)) return atom("null", "null");
    const env = ctx.use("env", "env");
    if (e.property.startsWith("$")) return atom(`${env}.system(${JSON.stringify(e.property.slice(1))})`, "unknown");
    ctx.envUsed(e.property, e.span.start);
    // Text when set, but an unset variable is undefined: not a known type for native operators.
    return atom(propertyAccess(env, e.property), "unknown");
  }
  const object = emit(e.object, ctx);
  const row = e.object.kind === "Var" ? ctx.rowVariables.get(e.object.name) : undefined;
  if (row !== undefined && row.shape !== "list" && !isInheritedName(e.property)) {
    // A column of a row read with its table's type: `.` where the row cannot be null, and
    // the column's type. Another key is null in Xano and no property of the row type.
    const type = columnType(row, e.property, ctx);
    if (type === undefined)
      return { code: propertyAccess(`(${object.code} as any)`, e.property, true), type: "unknown", prec: CALL };
    const nullable = row.shape === "row-or-null";
    const code = propertyAccess(object.code, e.property, nullable);
    if (isBoolColumn(row, e.property, ctx))
      return { code, type: nullable ? "unknown" : type, prec: CALL, boolOrNull: true };
    return { code, type: nullable ? "unknown" : type, prec: CALL };
  }
  // Xano yields null for a missing key instead of failing: optional chaining, except on the
  // validated input object whose fields always exist.
  const isInput = e.object.kind === "Var" && e.object.name === "input";
  const type = isInput ? (ctx.inputTypes.get(e.property) ?? "unknown") : "unknown";
  // `.constructor`, `.__proto__`, `.toString`: the data's own key or null, never an inherited member.
  if (isInheritedName(e.property))
    return {
      code: `${ctx.rt("values", "getPath")}(${object.code}, ${stringLiteral(e.property)})`,
      type: "unknown",
      prec: CALL,
    };
  // A key read on a list or a text (`$keys.count`) is null in Xano, a type error in TypeScript.
  const scalar = object.type === "list" || object.type === "text" || object.type === "number";
  return {
    code: propertyAccess(scalar ? `(${object.code} as any)` : wrap(object, CALL), e.property, !isInput),
    type,
    prec: CALL,
    ...(isInput && ctx.boolOrNullInputs.has(e.property) ? { boolOrNull: true as const } : {}),
  };
}

function unary(op: string, operand: Emitted, ctx: ModuleContext): Emitted {
  switch (op) {
    case "!":
      return operand.type === "bool" || operand.boolOrNull
        ? { code: `!${wrap(operand, 15)}`, type: "bool", prec: 15 }
        : { code: `!${ctx.rt("values", "isTruthy")}(${operand.code})`, type: "bool", prec: 15 };
    case "-":
      return operand.type === "number"
        ? { code: `-${wrap(operand, 15)}`, type: "number", prec: 15 }
        : { code: `${ctx.rt("values", "negate")}(${operand.code})`, type: "number", prec: CALL };
    default:
      return operand.type === "number"
        ? operand
        : { code: `${ctx.rt("values", "toNumber")}(${operand.code})`, type: "number", prec: CALL };
  }
}

const ARITHMETIC: Partial<Record<BinaryOp, [string, string, number]>> = {
  "+": ["+", "add", 12],
  "-": ["-", "subtract", 12],
  "*": ["*", "multiply", 13],
  "/": ["/", "divide", 13],
  "%": ["%", "modulo", 13],
};

const COMPARISON: Partial<Record<BinaryOp, [string, string]>> = {
  "<": ["<", "lessThan"],
  ">": [">", "greaterThan"],
  "<=": ["<=", "lessThanOrEqual"],
  ">=": [">=", "greaterThanOrEqual"],
};

function binary(op: BinaryOp, l: Expr, r: Expr, ctx: ModuleContext): Emitted {
  // `a ==? b` and the other null-safe forms: as in a query, the test is ignored (true) when
  // the value it compares with is null.
  if (NULL_SAFE.has(op)) {
    const test = binary(op.slice(0, -1) as BinaryOp, l, r, ctx);
    return { code: `${ctx.rt("values", "isNull")}(${expr(r, ctx)}) || ${wrap(test, 4)}`, type: "bool", prec: 3 };
  }
  const left = emit(l, ctx);
  const right = emit(r, ctx);
  const call = (helper: string, type: StaticType): Emitted => ({
    code: `${ctx.rt("values", helper)}(${left.code}, ${right.code})`,
    type,
    prec: CALL,
  });
  const arithmetic = ARITHMETIC[op];
  if (arithmetic) {
    const [native, helper, prec] = arithmetic;
    // Division by zero and text operands behave differently from JavaScript: helpers there.
    // A number divided by a literal other than zero is plain division (5/2 is 2.5 in both).
    const literalDivisor = op === "/" && isNonZeroNumber(r);
    if (left.type === "number" && right.type === "number" && ((op !== "/" && op !== "%") || literalDivisor)) {
      return { code: `${wrap(left, prec)} ${native} ${wrap(right, prec + 1)}`, type: "number", prec };
    }
    return call(helper, "number");
  }
  const comparison = COMPARISON[op];
  if (comparison) {
    const [native, helper] = comparison;
    if (left.type === "number" && right.type === "number") {
      return { code: `${wrap(left, 11)} ${native} ${wrap(right, 11)}`, type: "bool", prec: 10 };
    }
    return call(helper, "bool");
  }
  switch (op) {
    case "==":
    case "===":
      if (sameSimpleType(left, right))
        return { code: `${wrap(left, 10)} === ${wrap(right, 10)}`, type: "bool", prec: 9 };
      return call("looseEquals", "bool");
    case "!=":
    case "!==":
      if (sameSimpleType(left, right))
        return { code: `${wrap(left, 10)} !== ${wrap(right, 10)}`, type: "bool", prec: 9 };
      return call("notEquals", "bool");
    case "~":
      {
        const joined = templateConcat(l, left, r, right);
        if (joined !== undefined) return joined;
      }
      return call("concat", left.type === "list" || right.type === "list" ? "unknown" : "text");
    case "..":
      return {
        code: `${ctx.rt("filters/array", "range")}(null, ${left.code}, ${right.code})`,
        type: "list",
        prec: CALL,
      };
    case "&&":
      if (left.type === "bool" && right.type === "bool")
        return { code: `${wrap(left, 5)} && ${wrap(right, 5)}`, type: "bool", prec: 4 };
      return { code: `${ctx.rt("values", "and")}(${left.code}, () => ${right.code})`, type: "unknown", prec: CALL };
    case "||":
      if (left.type === "bool" && right.type === "bool")
        return { code: `${wrap(left, 4)} || ${wrap(right, 4)}`, type: "bool", prec: 3 };
      return { code: `${ctx.rt("values", "or")}(${left.code}, () => ${right.code})`, type: "unknown", prec: CALL };
    case "??":
      return {
        code: `${ctx.rt("values", "coalesce")}(${left.code}, ${right.code})`,
        type: right.type === left.type ? left.type : "unknown",
        prec: CALL,
      };
    case "in":
      return { code: `${ctx.rt("values", "isIn")}(${left.code}, ${right.code})`, type: "bool", prec: CALL };
    case "not in":
      return { code: `!${ctx.rt("values", "isIn")}(${left.code}, ${right.code})`, type: "bool", prec: 15 };
    default:
      return notMigratedExpr(`the operator ${op} outside a database query`, l, ctx);
  }
}

/**
 * `a ~ b` as one template literal when each side is text for sure, so `toText` would leave it
 * as it is: string literals, text values, and environment variables (text, or null which `~`
 * reads as ""). Numbers stay with the helper (PHP writes 0.1 + 0.2 as 0.3), as do null and lists.
 */
function templateConcat(l: Expr, left: Emitted, r: Expr, right: Emitted): Emitted | undefined {
  const a = templatePart(l, left);
  const b = templatePart(r, right);
  if (a === undefined || b === undefined) return undefined;
  return { code: `\`${a}${b}\``, type: "text", prec: ATOM, templateBody: a + b };
}

function templatePart(e: Expr, out: Emitted): string | undefined {
  if (out.templateBody !== undefined) return out.templateBody;
  if (out.type === "text") return `\${${out.code}}`;
  const read = unparen(e);
  const isEnvRead =
    read.kind === "Member" && read.object.kind === "Var" && read.object.name === "env" && isEnvName(read.property);
  return isEnvRead && out.code !== "null" ? `\${${out.code} ?? ""}` : undefined;
}

/** A number literal (in parentheses or not) other than zero. */
function isNonZeroNumber(e: Expr): boolean {
  const n = unparen(e);
  return n.kind === "Number" && n.value !== 0 && Number.isFinite(n.value);
}

const NULL_SAFE = new Set<BinaryOp>(["==?", "!=?", "<?", ">?", "<=?", ">=?", "in?", "not in?"]);

/** Strict equality means loose equality when both sides are known to be the same primitive type. */
function sameSimpleType(a: Emitted, b: Emitted): boolean {
  // Two literals (`"0" == ""`) stay a helper call: TypeScript rejects `===` between distinct literal types.
  const literal = (x: Emitted) => /^(-?[\d.]+|"(?:[^"\\]|\\.)*"|true|false)$/.test(x.code);
  if (literal(a) && literal(b)) return false;
  return (a.type === "number" || a.type === "text" || a.type === "bool") && a.type === b.type;
}

/**
 * A filter applied to a value already emitted: the `|filters` of `as $x|filter`, applied to a
 * statement's result.
 */
export function applyFilter(
  subject: Emitted,
  f: { name: string; args: Expr[] },
  span: Span,
  ctx: ModuleContext,
): Emitted {
  // The subject node is never read: the emitted subject stands for it.
  const e: FilterExpr = { kind: "Filter", subject: { kind: "Null", span }, name: f.name, args: f.args, span };
  return filter(e, ctx, () => subject);
}

function filter(e: FilterExpr, ctx: ModuleContext, subjectOf?: () => Emitted): Emitted {
  // A chain of filters over a literal that one literal writes exactly: emitted as that literal.
  const literal = subjectOf === undefined ? foldLiteral(e) : undefined;
  if (literal !== undefined) return emit(literal, ctx);
  subjectOf ??= () => emit(e.subject, ctx);
  const spec = filterSpec(e.name);
  if (spec === undefined || spec.module === "unsupported") {
    const reason = spec?.unsupportedReason ?? "this filter is not known to xs2ts";
    return notMigratedExpr(`the filter |${e.name} (${reason})`, e, ctx);
  }
  if (spec.module === "lambda") return emitLambdaFilter(e, spec, ctx, emit, subjectOf);
  const subject: Emitted = spec.subjectless ? atom("null", "null") : subjectOf();
  // Arguments past the filter's last one (`|to_int:0`) mean nothing to it: left out, reported.
  if (e.args.length > spec.maxArgs) {
    const extra = e.args.slice(spec.maxArgs);
    ctx.report({
      kind: "difference",
      code: "XS5003",
      message: `|${e.name} takes ${spec.maxArgs === 0 ? "no arguments" : `at most ${spec.maxArgs} argument${spec.maxArgs === 1 ? "" : "s"}`}; the extra ${extra.length === 1 ? "one is" : "ones are"} left out`,
      position: extra[0]!.span.start,
    });
    e = { ...e, args: e.args.slice(0, spec.maxArgs) };
  }
  // A path argument written as an expression over the item (`sort:$$.age`) is a callback too.
  const callback = (arg: Expr, i: number) =>
    spec.callbackArgs?.includes(i) || (spec.pathArgs?.includes(i) && readsItem(arg));
  const args = e.args.map((arg, i): Emitted =>
    callback(arg, i) ? atom(lambda(arg, ctx, spec.callbackShape ?? "item"), "unknown") : emit(arg, ctx),
  );
  const asOperand = (t: StaticType): string => (t === "list" ? "array" : t);
  const native = spec.native;
  if (
    native !== undefined &&
    native.subject === asOperand(subject.type) &&
    (native.args ?? []).length === args.length &&
    (native.args ?? []).every((t, i) => t === "any" || t === "callback" || t === asOperand(args[i]!.type))
  ) {
    const code = native.ts.replace(/\$\{(\d+)\}/g, (_, n: string) =>
      n === "0" ? wrap(subject, CALL) : wrap(args[Number(n) - 1]!, CALL),
    );
    return { code, type: staticType(spec.returns, subject.type), prec: CALL - 1 };
  }
  const form = e.subjectless ? spec.forms?.subjectless : spec.forms?.args?.[args.length];
  const fn = ctx.rt(
    spec.module === "values" ? "values" : spec.module === "time" ? "time" : `filters/${spec.module}`,
    form ?? spec.exportName,
  );
  const operands = e.subjectless && form !== undefined ? args : [subject, ...args];
  return {
    code: `${fn}(${operands.map((a) => a.code).join(", ")})`,
    type: staticType(spec.returns, subject.type),
    prec: CALL,
  };
}

/**
 * A filter over a literal, written as the one literal it gives, where that means exactly the
 * same (the values are evaluated in the same order, and nothing else happens):
 * - `{a: $x}|set:"b":$y` (and `{}|set:…|set:…`) is `{ a: x, b: y }`, for a key that is a plain
 *   name the object does not have yet (a dotted key is a path to `|set`; an existing key
 *   would be replaced where it is, which one literal cannot write);
 * - `[a]|push:$b` (and `|append` with one argument) is `[a, b]`; `[a]|merge:[b]` is `[a, b]`.
 * Undefined when the filter does not fold.
 */
export function foldLiteral(e: FilterExpr): Expr | undefined {
  const spec = filterSpec(e.name);
  if (spec === undefined || e.subjectless) return undefined;
  const name = spec.aliasOf ?? e.name;
  const inner = unparen(e.subject);
  const subject = (inner.kind === "Filter" ? foldLiteral(inner) : undefined) ?? inner;
  if (name === "set" && e.args.length === 2 && subject.kind === "Object") {
    const key = unparen(e.args[0]!);
    const plain = key.kind === "String" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key.value) && !isInheritedName(key.value);
    if (!plain || subject.entries.some((entry) => entry.computedKey !== undefined || entry.key === key.value))
      return undefined;
    const entry: ObjectEntry = { kind: "Entry", key: key.value, keyQuoted: false, value: e.args[1]!, span: key.span };
    return { kind: "Object", entries: [...subject.entries, entry], span: e.span };
  }
  if ((name === "push" || name === "append") && e.args.length === 1 && subject.kind === "Array")
    return { kind: "Array", elements: [...subject.elements, e.args[0]!], span: e.span };
  if (name === "merge" && e.args.length === 1 && subject.kind === "Array") {
    const other = unparen(e.args[0]!);
    if (other.kind === "Array")
      return { kind: "Array", elements: [...subject.elements, ...other.elements], span: e.span };
  }
  return undefined;
}

/** True when an expression reads the current item (`$$`, `$this`, `$index`). */
function readsItem(e: Expr): boolean {
  return readsVariable(e, "$", "this", "index");
}

/** True when an expression reads one of the named variables (`$parent` is "parent"). */
function readsVariable(e: Expr, ...names: string[]): boolean {
  for (const n of nodesOf(e)) if (n.kind === "Var" && names.includes(n.name)) return true;
  return false;
}

function staticType(returns: string, subject: StaticType): StaticType {
  switch (returns) {
    case "text":
      return "text";
    case "int":
    case "decimal":
    case "number":
      return "number";
    case "bool":
      return "bool";
    case "array":
      return "list";
    case "object":
      return "object";
    case "same":
      return subject;
    default:
      return "unknown";
  }
}

/** `$$.name` in `|map:$$.name` becomes `(item) => item.name`. */
export function lambda(body: Expr, ctx: ModuleContext, shape: "item" | "reduce" | "value"): string {
  const saved = LAMBDA_NAMES.map((v) => [v, ctx.variables.get(v)] as const);
  // The parameters never hide a variable of the body (a user's `$item`).
  const [item, index, result, parent] = (["item", "index", "result", "parent"] as const).map((p) => ctx.names.free(p));
  ctx.variables.set("$", item!);
  ctx.variables.set("this", item!);
  ctx.variables.set("index", index!);
  ctx.variables.set("result", result!);
  ctx.variables.set("parent", parent!);
  const code = expr(body, ctx);
  for (const [v, old] of saved) {
    if (old === undefined) ctx.variables.delete(v);
    else ctx.variables.set(v, old);
  }
  // `$index` and `$parent` (the whole list) are the last parameters: written only when read,
  // the index also when the parent after it is.
  const readsParent = readsVariable(body, "parent");
  const indexParameter = readsParent || readsVariable(body, "index") ? `, ${index}: number` : "";
  const parentParameter = readsParent ? `, ${parent}: any[]` : "";
  if (shape === "reduce") return `(${result}: any, ${item}: any${indexParameter}${parentParameter}) => ${code}`;
  if (shape === "value") return `(${item}: any) => ${code}`;
  return `(${item}: any${indexParameter}${parentParameter}) => ${code}`;
}
