# The structure of a XanoScript file: one construct made of blocks, properties, fields and
# statements. Expressions arrive as single `expr`/`paren` tokens (see ../feeder.ts), so this
# grammar only decides how they are arranged. Compile with `npm run grammar`.

@preprocessor esmodule

@{%
import * as b from "../builders.js";
import { structuralTypes as lexer } from "../feeder.js";

// Words the grammar gives a meaning of their own; any other word can name a statement.
const KEYWORDS = new Set([
  "conditional", "if", "elseif", "else", "foreach", "each", "for", "while", "switch", "case",
  "default", "try_catch", "try", "catch", "finally", "break", "continue", "as", "input", "schema",
]);
const stmtName = { test: (t) => t.type === "word" && !KEYWORDS.has(t.text) };
const argWord = { test: (t) => t.type === "word" && t.text !== "as" };
const fieldsName = { test: (t) => t.type === "word" && (t.text === "input" || t.text === "schema") };
%}

@lexer lexer

@include "blocks.ne"
@include "statements.ne"
@include "fields.ne"

file -> construct                                   {% b.file %}

construct -> %word constructName:? attribute:* block {% b.construct %}

constructName -> %string                            {% id %}
               | %word                              {% id %}

# Start symbols for fragments (documentation examples, tests): several constructs, or the
# items of a block without the braces.
constructs -> construct                             {% b.first %}
            | constructs %nl construct              {% b.append %}
fieldLines -> fieldList                             {% id %}
