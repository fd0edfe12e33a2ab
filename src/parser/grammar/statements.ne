# Stack statements. Control flow has rules of its own; every other statement, known or not,
# is a call statement: `name.path arg* { … }? as $var?`.

@lexer lexer

statement -> "conditional" block                    {% b.conditional %}
           | "if" %paren block                      {% b.ifClause %}
           | "elseif" %paren block                  {% b.ifClause %}
           | "else" block                           {% b.elseClause %}
           | "foreach" %paren block                 {% b.foreach %}
           | "for" %paren block                     {% b.forLoop %}
           | "while" %paren block                   {% b.whileLoop %}
           | "each" asClause:? block                {% b.each %}
           | "switch" %paren block                  {% b.switchStatement %}
           | "case" %paren block "break":?          {% b.switchCase %}
           | "default" block "break":?              {% b.defaultCase %}
           | "try_catch" block                      {% b.tryCatch %}
           | "try" block                            {% b.tryPart %}
           | "catch" block                          {% b.tryPart %}
           | "finally" block                        {% b.tryPart %}
           | "break"                                {% b.jump %}
           | "continue"                             {% b.jump %}
           | callStatement                          {% id %}
           | "!" statement                          {% b.disabled %}

callStatement -> %stmtName callArg:* block:? asClause:?  {% b.callStatement %}

callArg -> %string                                  {% b.stringArg %}
         | %expr                                    {% b.exprArg %}
         | %paren                                   {% b.exprArg %}
         | %argWord                                 {% b.wordArg %}
         | attribute                                {% id %}

asClause -> "as" %expr                              {% b.asClause %}
