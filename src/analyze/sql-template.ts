// The expressions inside `{{ … }}` of a db.direct_query template (parser = "template_engine").
import { prop, type CallStatement, type Expr } from "../ast.js";
import { parse } from "../parser/parse.js";

/** `{{ $input.id }}`'s expression, or undefined when it is not one XanoScript expression. */
export function sqlTemplateExpression(code: string): Expr | undefined {
  try {
    // Read as the value of a variable in a function: the parser's whole-file entry point.
    const file = parse(
      `function t {\n  stack {\n    var $x {\n      value = ${code.trim()}\n    }\n  }\n}\n`,
      "<sql template>",
    );
    const stack = file.construct.body.find((b): b is CallStatement => b.kind === "CallStatement" && b.name === "stack");
    const v = stack?.body?.[0];
    return v?.kind === "CallStatement" ? prop(v, "value") : undefined;
  } catch {
    return undefined;
  }
}
