// Expression precedence and the filter binding rules of the reference.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { Expr } from "../../src/ast.ts";
import { parseFragment } from "../../src/parser/fragment.ts";
import { ParseError } from "../../src/parser/errors.ts";

/** A compact, fully parenthesised rendering to compare shapes. */
function show(e: Expr): string {
  switch (e.kind) {
    case "Binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "Unary":
      return `${e.op}${show(e.operand)}`;
    case "Filter":
      return `${e.subjectless ? "" : show(e.subject)}|${e.name}${e.args.map((a) => `:${show(a)}`).join("")}`;
    case "Var":
      return `$${e.name}`;
    case "Member":
      return `${show(e.object)}.${e.property}`;
    case "Index":
      return `${show(e.object)}[${show(e.index)}]`;
    case "Number":
      return e.raw;
    case "String":
      return JSON.stringify(e.value);
    case "Ident":
      return e.name;
    case "Paren":
      return `(${show(e.expr)})`;
    case "Ternary":
      return `(${show(e.test)} ? ${show(e.consequent)} : ${show(e.alternate)})`;
    case "Object":
      return `{${e.entries.map((x) => `${x.key}: ${show(x.value)}`).join(", ")}}`;
    case "Array":
      return `[${e.elements.map(show).join(", ")}]`;
    case "Call":
      return `${e.callee}(${e.args.map(show).join(", ")})`;
    case "Backtick":
      return `\`${show(e.expr)}\``;
    case "Bool":
      return String(e.value);
    case "Null":
      return "null";
    default:
      return e.kind;
  }
}

function expr(text: string): string {
  const f = parseFragment(`var $x { value = ${text} }`);
  assert.equal(f.kind, "items");
  const item = f.kind === "items" ? f.items[0] : undefined;
  assert.ok(item?.kind === "CallStatement" && item.body?.[0]?.kind === "Property");
  return show(item.body[0].value);
}

test("arithmetic and logic precedence", () => {
  assert.equal(expr("1 + 2 * 3"), "(1 + (2 * 3))");
  assert.equal(expr("$a || $b && $c"), "($a || ($b && $c))");
  assert.equal(expr("$a == 1 && $b != 2"), "(($a == 1) && ($b != 2))");
  assert.equal(expr('"a" ~ $b ~ "c"'), '(("a" ~ $b) ~ "c")');
  assert.equal(expr("$a ?? $b || $c"), "($a ?? ($b || $c))");
  assert.equal(expr("-1 + 2"), "(-1 + 2)");
  assert.equal(expr("!$a && $b"), "(!$a && $b)");
  assert.equal(expr("$a ? 1 : 2"), "($a ? 1 : 2)");
});

test("a filter without a subject starts an expression anywhere one may start (reference forms)", () => {
  assert.equal(expr("|range:1:5"), "|range:1:5");
  assert.equal(expr("|uuid"), "|uuid");
  assert.equal(expr('|fill:5:"x"|count'), '|fill:5:"x"|count');
  assert.equal(expr("`|range:1:3`"), "`|range:1:3`");
  assert.equal(expr("[|uuid, (|range:0:1)]"), "[|uuid, (|range:0:1)]");
  assert.equal(expr("1 + |range:1:2|count"), "(1 + |range:1:2|count)");
  assert.equal(expr("$a|merge:|range:1:2"), "$a|merge:|range:1:2");
});

test("a filter binds to the value on its left; its arguments run to the next | or :", () => {
  assert.equal(expr("$s|trim|to_lower"), "$s|trim|to_lower");
  assert.equal(expr('"x" ~ $a|to_text'), '("x" ~ $a|to_text)');
  assert.equal(expr("$arr|find:$$.id == 5"), "$arr|find:($$.id == 5)");
  assert.equal(expr("$arr|reduce:$$+$result:0"), "$arr|reduce:($$ + $result):0");
  assert.equal(expr('$dp|get:("" ~ $i)|to_int'), '$dp|get:(("" ~ $i))|to_int');
  assert.equal(expr('$r|get:"0," ~ ($n|to_text)'), '$r|get:("0," ~ ($n|to_text))');
  assert.equal(expr("($a|count) > 3"), "(($a|count) > 3)");
});

test("members, indexes, calls and literals", () => {
  assert.equal(expr("$db.user.last_login"), "$db.user.last_login");
  assert.equal(expr("$env.$remote_ip"), "$env.$remote_ip");
  assert.equal(expr("$a[$i + 1].name"), "$a[($i + 1)].name");
  assert.equal(expr('$x.["key"]'), '$x["key"]');
  assert.equal(expr("math.add(5, 3)"), "math.add(5, 3)");
  assert.equal(expr("{a: 1, b: [1, 2]}"), "{a: 1, b: [1, 2]}");
  assert.equal(expr("{\n  a: 1\n  b: 2\n}"), "{a: 1, b: 2}");
  assert.equal(expr("[\n  1\n  2\n]"), "[1, 2]");
  assert.equal(expr("`$a + 1`"), "`($a + 1)`");
  assert.equal(expr("$db.a not in $b"), "($db.a not in $b)");
  assert.equal(expr("$db.a in? $b"), "($db.a in? $b)");
});

test("a filter chain may continue on the next line", () => {
  assert.equal(expr("$a\n  |push:1\n  |push:2"), "$a|push:1|push:2");
});

test("errors carry positions", () => {
  assert.throws(
    () => parseFragment("var $x { value = 1 + }"),
    (e: unknown) => e instanceof ParseError && e.position.line === 1 && e.position.col === 22,
  );
  assert.throws(
    () => parseFragment("var $x { value = (1 + 2 }"),
    (e: unknown) => e instanceof ParseError && /closing the "\("/.test(e.message),
  );
});
