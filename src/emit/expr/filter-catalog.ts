// Every XanoScript filter the code generator knows: which runtime helper implements it, how
// many arguments it takes, which arguments are per-item expressions, what it returns, and
// where plain TypeScript says exactly the same thing.
//
// The helpers live in templates/runtime/ (copied into each generated project as
// src/runtime/): module "values" is runtime/values.ts, "time" is runtime/time.ts, any other
// module M is runtime/filters/M.ts. A helper takes the subject first, then the filter's
// arguments in order: `$s|substr:1:3` → `substr(s, 1, 3)`.
//
// Sources: the xanoscript reference (syntax.md, syntax/*.md, types.md, working.md,
// essentials.md and the other topics), plus the aliases and extra filters in Xano's own
// filter documentation (the official VS Code extension's hover texts) and those the exercise
// corpus uses (`append`, `index`, `lower`). This file must not import from templates/.

/** Where a filter's helper lives; "unsupported" filters have no helper. */
export type FilterModule =
  | "values"
  | "text"
  | "array"
  | "object"
  | "type"
  | "math"
  | "encoding"
  | "security"
  | "time"
  | "lambda"
  | "unsupported";

/** A rough result type, for the generator's type inference. "same" = the subject's type. */
export type FilterResult = "text" | "int" | "decimal" | "number" | "bool" | "array" | "object" | "any" | "same";

/** An operand type a native form requires. "callback" = a per-item expression as an arrow function. */
export type OperandType = "text" | "number" | "bool" | "array" | "object" | "text[]" | "any" | "callback";

/**
 * A plain TypeScript spelling that means exactly what the helper means, when the operands
 * have the given types. Template syntax: `${0}` is the subject, `${1}` the first argument,
 * `${2}` the second, and so on. The generator replaces each placeholder with the operand's
 * TypeScript, wrapped in parentheses unless it is a primary expression (identifier, literal,
 * call, member access); templates that are operator expressions wrap themselves.
 * Example: `{ subject: "text", args: ["text"], ts: "${0}.startsWith(${1})" }`.
 */
export interface NativeForm {
  subject: OperandType;
  /** Types of the arguments, in order; a call with another number of arguments is not native. */
  args?: readonly OperandType[];
  ts: string;
}

export interface FilterSpec {
  module: FilterModule;
  /** The helper's export name: camelCase of the filter name unless noted (aliases share the canonical helper). */
  exportName: string;
  minArgs: number;
  /** Infinity when any number of arguments is allowed (sprintf). */
  maxArgs: number;
  /**
   * Indices (0 = first argument after the subject) of arguments that are expressions over
   * each item (`$$`, `$this`, `$index`, `$parent`, `$result`): the generator passes them as
   * arrow functions shaped as `callbackShape` says.
   */
  callbackArgs?: readonly number[];
  /** "item": (item, index, parent) => value; "reduce": (result, item, index, parent) => value; "value": (value) => value. */
  callbackShape?: "item" | "reduce" | "value";
  /**
   * Indices of arguments that name a path inside each item (`sort:name`, `index_by:g`). When
   * the argument is instead an expression over `$$`/`$this`, the generator passes an
   * `(item, index) => value` callback, which the helper also accepts.
   */
  pathArgs?: readonly number[];
  /** Used without a subject (`|range:1:5`, `|uuid`): the generator passes null as the subject. */
  subjectless?: boolean;
  /**
   * Other helpers for spellings whose arguments mean something else, chosen by how the call
   * is written, never by the type of a value: `subjectless` for `|name:…` written without a
   * subject (called with the arguments alone), `args[n]` for n arguments after a subject.
   */
  forms?: { subjectless?: string; args?: Readonly<Record<number, string>> };
  returns: FilterResult;
  /** The canonical filter this name is another spelling of. */
  aliasOf?: string;
  /** Why there is no helper (module "unsupported"). */
  unsupportedReason?: string;
  /** Also a db.query filter: inside a query's where/eval it is translated to SQL, not called. */
  dbQuery?: boolean;
  native?: NativeForm;
  /** A decision or a deviation worth knowing when reading the generated code. */
  note?: string;
}

const INF = Number.POSITIVE_INFINITY;

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const table: Record<string, FilterSpec> = {};

function def(
  name: string,
  module: FilterModule,
  minArgs: number,
  maxArgs: number,
  returns: FilterResult,
  extra: Partial<FilterSpec> = {},
): void {
  table[name] = { module, exportName: camel(name), minArgs, maxArgs, returns, ...extra };
}

function alias(name: string, of: string): void {
  table[name] = { ...table[of], aliasOf: of };
}

function unsupported(
  name: string,
  minArgs: number,
  maxArgs: number,
  reason: string,
  extra: Partial<FilterSpec> = {},
): void {
  def(name, "unsupported", minArgs, maxArgs, "any", { unsupportedReason: reason, ...extra });
}

// ---------------------------------------------------------------------------------------
// values: comparison and logic (`==`, `!`, `??` as filters)

def("equals", "values", 1, 1, "bool", { exportName: "looseEquals" });
alias("eq", "equals");
def("not_equals", "values", 1, 1, "bool");
alias("ne", "not_equals");
def("greater_than", "values", 1, 1, "bool");
alias("gt", "greater_than");
def("greater_than_or_equal", "values", 1, 1, "bool");
alias("gte", "greater_than_or_equal");
def("less_than", "values", 1, 1, "bool");
alias("lt", "less_than");
def("less_than_or_equal", "values", 1, 1, "bool");
alias("lte", "less_than_or_equal");
def("not", "values", 0, 0, "bool", { native: { subject: "bool", ts: "!${0}" } });
def("coalesce", "values", 1, 1, "any", {
  dbQuery: true,
  note: "A query-eval filter in Xano; outside a query it is `??`.",
});

// ---------------------------------------------------------------------------------------
// text

def("trim", "text", 0, 1, "text", {
  note: 'Not native: String.prototype.trim also removes Unicode spaces; PHP\'s trim only " \\t\\n\\r\\0\\x0B".',
});
def("ltrim", "text", 0, 1, "text");
def("rtrim", "text", 0, 1, "text");
def("to_lower", "text", 0, 0, "text", { native: { subject: "text", ts: "${0}.toLowerCase()" } });
alias("lower", "to_lower");
def("to_upper", "text", 0, 0, "text", { native: { subject: "text", ts: "${0}.toUpperCase()" } });
alias("upper", "to_upper");
def("capitalize", "text", 0, 0, "text");
def("strlen", "text", 0, 0, "int", { native: { subject: "text", ts: "[...${0}].length" } });
def("substr", "text", 1, 2, "text");
def("split", "text", 1, 2, "array");
def("replace", "text", 2, 2, "text");
alias("string_replace", "replace");
def("contains", "text", 1, 1, "bool", {
  dbQuery: true,
  native: { subject: "text", args: ["text"], ts: "${0}.includes(${1})" },
  note: "On an array (outside a query) it tests membership.",
});
def("includes", "text", 1, 1, "bool", {
  exportName: "contains",
  dbQuery: true,
  native: { subject: "text", args: ["text"], ts: "${0}.includes(${1})" },
});
def("icontains", "text", 1, 1, "bool");
def("starts_with", "text", 1, 1, "bool", { native: { subject: "text", args: ["text"], ts: "${0}.startsWith(${1})" } });
def("istarts_with", "text", 1, 1, "bool");
def("ends_with", "text", 1, 1, "bool", { native: { subject: "text", args: ["text"], ts: "${0}.endsWith(${1})" } });
def("iends_with", "text", 1, 1, "bool");
def("index", "text", 1, 1, "any", { note: "Position in text or false (strpos); on an array, the item at that index." });
alias("strpos", "index");
def("iindex", "text", 1, 1, "any");
alias("stripos", "iindex");
def("concat", "text", 1, 2, "text", { exportName: "concatText", note: "`concat` in values.ts is the `~` operator." });
def("pad_start", "text", 1, 2, "text");
def("pad_end", "text", 1, 2, "text");
def("sprintf", "text", 0, INF, "text");
def("regex_matches", "text", 1, 1, "bool");
alias("regex_test", "regex_matches");
def("regex_get_first_match", "text", 1, 1, "array");
alias("regex_match", "regex_get_first_match");
def("regex_get_all_matches", "text", 1, 1, "array");
alias("regex_match_all", "regex_get_all_matches");
def("regex_replace", "text", 2, 2, "text", {
  note: 'Pattern first (`"/\\s+/"|regex_replace:"-":$text`); the helpers also accept the text first, as three exercises write it.',
});
def("regex_quote", "text", 0, 1, "text");
def("addslashes", "text", 0, 0, "text");
def("escape", "text", 0, 0, "text", {
  note: "Backslash escapes, per Xano's filter docs; the xanoscript reference's example shows HTML escaping instead.",
});
def("text_escape", "text", 0, 0, "text");
def("text_unescape", "text", 0, 0, "text");
def("strip_html", "text", 0, 1, "text");
alias("strip_tags", "strip_html");
def("sanitize_html", "text", 0, 0, "text");
def("unaccent", "text", 0, 0, "text");
alias("strip_accents", "unaccent");

// ---------------------------------------------------------------------------------------
// array

def("first", "array", 0, 0, "any", { native: { subject: "array", ts: "(${0}[0] ?? null)" } });
def("last", "array", 0, 0, "any", { native: { subject: "array", ts: "(${0}.at(-1) ?? null)" } });
def("count", "array", 0, 0, "int", { native: { subject: "array", ts: "${0}.length" } });
def("reverse", "array", 0, 0, "array", { native: { subject: "array", ts: "[...${0}].reverse()" } });
def("unique", "array", 0, 0, "array");
def("flatten", "array", 0, 0, "array");
def("shuffle", "array", 0, 0, "array");
alias("array_shuffle", "shuffle");
def("slice", "array", 1, 2, "array");
alias("array_slice", "slice");
def("push", "array", 1, 1, "array", { native: { subject: "array", args: ["any"], ts: "[...${0}, ${1}]" } });
alias("array_push", "push");
def("pop", "array", 0, 0, "any", { note: "Gives the last item, not the shortened array." });
alias("array_pop", "pop");
def("shift", "array", 0, 0, "any", { note: "Gives the first item, not the shortened array." });
alias("array_shift", "shift");
def("unshift", "array", 1, 1, "array", { native: { subject: "array", args: ["any"], ts: "[${1}, ...${0}]" } });
alias("array_unshift", "unshift");
def("append", "array", 1, 2, "array", { native: { subject: "array", args: ["any"], ts: "[...${0}, ${1}]" } });
def("prepend", "array", 1, 2, "array", { native: { subject: "array", args: ["any"], ts: "[${1}, ...${0}]" } });
def("remove", "array", 1, 1, "array");
alias("array_remove", "remove");
def("in", "array", 1, 1, "bool", { exportName: "inArray", note: "`in` is a reserved word." });
def("overlaps", "array", 1, 1, "bool", { dbQuery: true });
def("safe_array", "array", 0, 0, "array");
def("merge", "array", 1, 1, "same", { native: { subject: "array", args: ["array"], ts: "[...${0}, ...${1}]" } });
alias("array_merge", "merge");
def("merge_recursive", "array", 1, 1, "same");
alias("array_merge_recursive", "merge_recursive");
def("diff", "array", 1, 1, "same");
alias("array_diff", "diff");
def("diff_assoc", "array", 1, 1, "same");
alias("array_diff_assoc", "diff_assoc");
def("intersect", "array", 1, 1, "same");
alias("array_intersect", "intersect");
def("intersect_assoc", "array", 1, 1, "same");
alias("array_intersect_assoc", "intersect_assoc");
def("join", "array", 0, 1, "text", { native: { subject: "text[]", args: ["text"], ts: "${0}.join(${1})" } });
def("range", "array", 2, 3, "array", { subjectless: true, note: "The `(a..b)` operator is `range(null, a, b)`." });
def("sort", "array", 0, 3, "array", {
  pathArgs: [0],
  note: "Third argument: true = ascending (the exercises' evidence; two reference examples say the opposite).",
});
alias("fsort", "sort");
def("index_by", "array", 1, 1, "object", { pathArgs: [0] });
def("map", "array", 1, 1, "array", {
  callbackArgs: [0],
  callbackShape: "item",
  native: { subject: "array", args: ["callback"], ts: "${0}.map(${1})" },
});
def("filter", "array", 1, 1, "array", { callbackArgs: [0], callbackShape: "item" });
def("find", "array", 1, 1, "any", { callbackArgs: [0], callbackShape: "item" });
def("findIndex", "array", 1, 1, "int", { callbackArgs: [0], callbackShape: "item" });
def("some", "array", 1, 1, "bool", { callbackArgs: [0], callbackShape: "item" });
def("every", "array", 1, 1, "bool", { callbackArgs: [0], callbackShape: "item" });
def("reduce", "array", 2, 2, "any", { callbackArgs: [0], callbackShape: "reduce" });
def("transform", "array", 1, 1, "any", { callbackArgs: [0], callbackShape: "value" });
def("filter_empty", "array", 0, 1, "same", { pathArgs: [0] });
def("filter_empty_text", "array", 0, 1, "same", { pathArgs: [0] });
def("filter_empty_array", "array", 0, 1, "same", { pathArgs: [0] });
def("filter_empty_object", "array", 0, 1, "same", { pathArgs: [0] });
def("filter_null", "array", 0, 1, "same", { pathArgs: [0] });
def("filter_zero", "array", 0, 1, "same", { pathArgs: [0] });
def("filter_false", "array", 0, 1, "same", { pathArgs: [0] });
def("fill", "array", 1, 2, "array", {
  forms: { subjectless: "fillCount", args: { 1: "fillEach" } },
  note: "Read by how it is written: `value|fill:start:count` (Xano), `|fill:count:value` (the reference), `list|fill:value` (the exercises).",
});
alias("array_fill", "fill");
def("fill_keys", "array", 1, 1, "object");
alias("array_fill_keys", "fill_keys");
def("sum", "array", 0, 0, "number");
def("avg", "array", 0, 0, "number");
def("product", "array", 0, 0, "number");
def("array_min", "array", 0, 0, "any");
def("array_max", "array", 0, 0, "any");

// ---------------------------------------------------------------------------------------
// object

def("get", "object", 1, 2, "any");
def("set", "object", 2, 2, "same");
def("unset", "object", 1, 1, "same");
def("has", "object", 1, 1, "bool");
def("keys", "object", 0, 0, "array", { native: { subject: "object", ts: "Object.keys(${0})" } });
alias("array_keys", "keys");
def("values", "object", 0, 0, "array", { native: { subject: "object", ts: "Object.values(${0})" } });
alias("array_values", "values");
def("entries", "object", 0, 0, "array");
alias("array_entries", "entries");
def("pick", "object", 1, 1, "object");
def("unpick", "object", 1, 1, "object");
def("set_conditional", "object", 3, 3, "same");
def("set_ifnotempty", "object", 2, 2, "same");
def("set_ifnotnull", "object", 2, 2, "same");
def("first_notnull", "object", 1, 1, "any");
def("first_notempty", "object", 1, 1, "any");
def("create_object", "object", 1, 1, "object");
def("create_object_from_entries", "object", 0, 0, "object");

// ---------------------------------------------------------------------------------------
// type

def("to_text", "type", 0, 0, "text");
def("to_int", "type", 0, 0, "int");
def("to_decimal", "type", 0, 0, "decimal");
def("to_bool", "type", 0, 0, "bool");
def("is_null", "type", 0, 0, "bool");
alias("null", "is_null");
def("is_empty", "type", 0, 0, "bool");
alias("empty", "is_empty");
def("is_array", "type", 0, 0, "bool", { native: { subject: "any", ts: "Array.isArray(${0})" } });
def("is_object", "type", 0, 0, "bool");
def("is_int", "type", 0, 0, "bool", { native: { subject: "any", ts: "Number.isInteger(${0})" } });
def("is_decimal", "type", 0, 0, "bool");
def("is_bool", "type", 0, 0, "bool", { native: { subject: "any", ts: '(typeof ${0} === "boolean")' } });
def("is_text", "type", 0, 0, "bool", { native: { subject: "any", ts: '(typeof ${0} === "string")' } });
def("json_encode", "type", 0, 0, "text");
def("json_decode", "type", 0, 0, "any");
unsupported(
  "to_expr",
  0,
  0,
  "Evaluates XanoScript held in text at run time; the generated project has no XanoScript interpreter.",
);

// ---------------------------------------------------------------------------------------
// math

def("add", "math", 1, 1, "number", { native: { subject: "number", args: ["number"], ts: "(${0} + ${1})" } });
def("subtract", "math", 1, 1, "number", { native: { subject: "number", args: ["number"], ts: "(${0} - ${1})" } });
alias("sub", "subtract");
def("multiply", "math", 1, 1, "number", { native: { subject: "number", args: ["number"], ts: "(${0} * ${1})" } });
alias("mul", "multiply");
def("divide", "math", 1, 1, "number", {
  note: "Not native: dividing by zero is an error in Xano, Infinity in JavaScript.",
});
alias("div", "divide");
def("modulus", "math", 1, 1, "int", { note: "PHP's %: integer operands, the dividend's sign." });
alias("mod", "modulus");
def("floor", "math", 0, 0, "int", { native: { subject: "number", ts: "Math.floor(${0})" } });
def("ceil", "math", 0, 0, "int", { native: { subject: "number", ts: "Math.ceil(${0})" } });
def("round", "math", 0, 1, "number", { note: "Half away from zero (PHP), unlike Math.round." });
def("abs", "math", 0, 0, "same", { native: { subject: "number", ts: "Math.abs(${0})" } });
def("sqrt", "math", 0, 0, "decimal", { native: { subject: "number", ts: "Math.sqrt(${0})" } });
def("pow", "math", 1, 1, "number", { native: { subject: "number", args: ["number"], ts: "(${0} ** ${1})" } });
def("exp", "math", 0, 0, "decimal", { native: { subject: "number", ts: "Math.exp(${0})" } });
def("log", "math", 0, 1, "decimal");
def("log10", "math", 0, 0, "decimal", { native: { subject: "number", ts: "Math.log10(${0})" } });
def("ln", "math", 0, 0, "decimal", { native: { subject: "number", ts: "Math.log(${0})" } });
def("min", "math", 0, 1, "any", { native: { subject: "number", args: ["number"], ts: "Math.min(${0}, ${1})" } });
alias("num_min", "min");
def("max", "math", 0, 1, "any", { native: { subject: "number", args: ["number"], ts: "Math.max(${0}, ${1})" } });
alias("num_max", "max");
def("odd", "math", 0, 0, "bool");
def("even", "math", 0, 0, "bool");
def("between", "math", 2, 2, "bool", { dbQuery: true });
for (const trig of ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]) {
  def(trig, "math", 0, 0, "decimal", { native: { subject: "number", ts: `Math.${trig}(\${0})` } });
}
def("deg2rad", "math", 0, 0, "decimal");
def("rad2deg", "math", 0, 0, "decimal");
def("number_format", "math", 0, 3, "text");
def("bitwise_and", "math", 1, 1, "int", { note: "64-bit, as PHP; JavaScript's & is 32-bit." });
def("bitwise_or", "math", 1, 1, "int");
def("bitwise_xor", "math", 1, 1, "int");
def("bitwise_not", "math", 0, 0, "int");
def("dechex", "math", 0, 0, "text");
def("hexdec", "math", 0, 0, "int");
def("decbin", "math", 0, 0, "text");
def("bindec", "math", 0, 0, "int");
def("decoct", "math", 0, 0, "text");
def("octdec", "math", 0, 0, "int");
def("base_convert", "math", 2, 2, "text");
for (const vector of [
  "inner_product",
  "negative_inner_product",
  "cosine_similarity",
  "cosine_distance",
  "l2_distance_euclidean",
  "l1_distance_manhattan",
]) {
  def(vector, "math", 1, 1, "decimal", { dbQuery: true });
}

// ---------------------------------------------------------------------------------------
// encoding

def("base64_encode", "encoding", 0, 0, "text");
def("base64_decode", "encoding", 0, 0, "text");
def("base64_encode_urlsafe", "encoding", 0, 0, "text");
def("base64_decode_urlsafe", "encoding", 0, 0, "text");
def("url_encode", "encoding", 0, 0, "text");
def("url_decode", "encoding", 0, 0, "text");
def("url_encode_rfc3986", "encoding", 0, 0, "text");
def("url_decode_rfc3986", "encoding", 0, 0, "text");
def("url_addarg", "encoding", 2, 3, "text");
def("url_delarg", "encoding", 1, 1, "text");
def("url_hasarg", "encoding", 1, 1, "bool");
def("url_getarg", "encoding", 1, 2, "any");
def("url_parse", "encoding", 0, 0, "object");
def("querystring_parse", "encoding", 0, 0, "object");
def("hex2bin", "encoding", 0, 0, "text");
def("bin2hex", "encoding", 0, 0, "text");
def("xml_decode", "encoding", 0, 0, "object");
def("yaml_encode", "encoding", 0, 0, "text");
def("yaml_decode", "encoding", 0, 0, "any");
def("csv_parse", "encoding", 0, 2, "array");
def("csv_decode", "encoding", 0, 2, "array");
def("csv_encode", "encoding", 0, 2, "text");
def("csv_create", "encoding", 1, 3, "text");
def("list_encodings", "encoding", 0, 0, "array", { subjectless: true });
def("detect_encoding", "encoding", 0, 0, "text");
def("to_utf8", "encoding", 0, 0, "text");
def("from_utf8", "encoding", 0, 0, "text");
def("convert_encoding", "encoding", 1, 2, "text");

// ---------------------------------------------------------------------------------------
// security

for (const hash of ["md5", "sha1", "sha256", "sha384", "sha512"]) def(hash, "security", 0, 1, "text");
for (const hash of ["hmac_md5", "hmac_sha1", "hmac_sha256", "hmac_sha384", "hmac_sha512"])
  def(hash, "security", 1, 2, "text");
def("encrypt", "security", 3, 3, "text");
def("decrypt", "security", 3, 3, "text");
def("jws_encode", "security", 3, 4, "text");
alias("crypto_jws_encode", "jws_encode");
def("jws_decode", "security", 3, 4, "any");
alias("crypto_jws_decode", "jws_decode");
def("jwe_encode", "security", 4, 5, "text");
alias("crypto_jwe_encode", "jwe_encode");
def("jwe_decode", "security", 4, 5, "any");
alias("crypto_jwe_decode", "jwe_decode");
def("uuid", "security", 0, 0, "text", { subjectless: true });
alias("uuid4", "uuid");
def("create_uid", "security", 0, 0, "int", { subjectless: true });
alias("uid", "create_uid");
const secureIdReason =
  "Xano's own id obfuscation format is not published: ids Xano encoded cannot be decoded (or re-created) without it.";
unsupported("secureid_encode", 1, 1, secureIdReason);
unsupported("secureid_decode", 1, 1, secureIdReason);

// ---------------------------------------------------------------------------------------
// time (templates/runtime/time.ts, another module's work: listed here by contract)

def("to_timestamp", "time", 0, 1, "int");
alias("to_epochms", "to_timestamp");
def("to_ms", "time", 0, 1, "int");
alias("to_epoch_ms", "to_ms");
def("to_seconds", "time", 0, 1, "int");
alias("to_epoch_sec", "to_seconds");
def("to_minutes", "time", 0, 1, "int");
alias("to_epoch_minute", "to_minutes");
def("to_hours", "time", 0, 1, "int");
alias("to_epoch_hour", "to_hours");
def("to_days", "time", 0, 1, "int");
alias("to_epoch_day", "to_days");
def("format_timestamp", "time", 1, 2, "text");
alias("epochms_date", "format_timestamp");
def("transform_timestamp", "time", 1, 2, "int");
alias("epochms_transform", "transform_timestamp");
def("parse_timestamp", "time", 1, 2, "int");
alias("epochms_from_format", "parse_timestamp");
def("add_secs_to_timestamp", "time", 1, 1, "int");
alias("epochms_add_secs", "add_secs_to_timestamp");
def("add_ms_to_timestamp", "time", 1, 1, "int");
alias("epochms_add_ms", "add_ms_to_timestamp");
for (const unit of ["seconds", "minutes", "hours", "days", "weeks", "months", "years"]) {
  def(`timestamp_add_${unit}`, "time", 1, 1, "int", { dbQuery: true });
  def(`timestamp_subtract_${unit}`, "time", 1, 1, "int", { dbQuery: true });
}
for (const part of ["year", "month", "week", "day_of_month", "day_of_week", "day_of_year", "hour", "minute"]) {
  def(`timestamp_${part}`, "time", 0, 1, "int", { dbQuery: true });
}
def("timestamp_epoch_seconds", "time", 0, 0, "int", { dbQuery: true });
def("timestamp_epoch_ms", "time", 0, 0, "int", { dbQuery: true });

// ---------------------------------------------------------------------------------------
// lambda: JavaScript in a text, written in place as a TypeScript callback (src/emit/expr/lambda-filter.ts)

def("lambda", "lambda", 1, 2, "any");
def("lambda_map", "lambda", 1, 2, "array");
def("lambda_filter", "lambda", 1, 2, "array");
def("lambda_some", "lambda", 1, 2, "bool");
def("lambda_every", "lambda", 1, 2, "bool");
def("lambda_find", "lambda", 1, 2, "any");
def("lambda_findIndex", "lambda", 1, 2, "int");
def("lambda_reduce", "lambda", 2, 3, "any");

// ---------------------------------------------------------------------------------------
// unsupported: db-query-only meanings

const queryOnly = (what: string) =>
  `Only meaningful inside db.query (${what}), where the query emitter translates it to SQL; it has no in-memory meaning here.`;
unsupported("within", 2, 2, queryOnly("geo radius search"), { dbQuery: true });
unsupported("distance", 1, 1, queryOnly("geo distance on PostGIS columns"), { dbQuery: true });
unsupported("covers", 1, 1, queryOnly("geo polygon containment"), { dbQuery: true });
unsupported("search_rank", 1, 2, queryOnly("full-text search ranking"), { dbQuery: true });

/** Every filter by name. */
export const FILTERS: Readonly<Record<string, FilterSpec>> = Object.freeze(table);

/**
 * Names that appear in `filters=` of input declarations but are validations, not expression
 * filters (the input emitter handles them); with what each one checks.
 */
export const INPUT_VALIDATION_FILTERS: Readonly<Record<string, string>> = Object.freeze({
  ok: "only the listed characters",
  prevent: "rejects the given text",
  startsWith: "requires the prefix",
  alphaOk: "letters only (a-zA-Z)",
  digitOk: "digits only (0-9)",
  pattern: "matches the regular expression",
  minAlpha: "at least n letters",
  minLowerAlpha: "at least n lowercase letters",
  minUpperAlpha: "at least n uppercase letters",
  minDigit: "at least n digits",
  minSymbol: "at least n symbols",
});

/** The spec of a filter, or undefined for an unknown name. */
export function filterSpec(name: string): FilterSpec | undefined {
  return Object.prototype.hasOwnProperty.call(FILTERS, name) ? FILTERS[name] : undefined;
}

/** The module path of a spec's helper, relative to the generated project's src/runtime/. */
export function runtimeModulePath(module: Exclude<FilterModule, "unsupported">): string {
  return module === "values" || module === "time" || module === "lambda" ? `${module}.js` : `filters/${module}.js`;
}
