# `input { … }` and `schema { … }`: one field per line,
# `type[]? name? = default attribute* { … }?`, e.g. `text[] tags? filters=trim`;
# `int[1:10] scores`: a list of 1 to 10 items.

@lexer lexer

fieldsBlock -> %fieldsName "{" fields "}"           {% b.fieldsBlock %}
             | %fieldsName                          {% b.emptyFieldsBlock %}

fields -> null                                      {% b.emptyList %}
        | fieldList                                 {% id %}

fieldList -> fieldItem                              {% b.first %}
           | fieldList %nl fieldItem                {% b.append %}

fieldItem -> field                                  {% id %}
           | %word block                            {% b.namedBlock %}

field -> %word listSuffix:? "?":? fieldName "?":? fieldDefault:? attribute:* block:?  {% b.field %}

listSuffix -> "[" "]"                               {% b.none %}
            | "[" %expr ":" %expr "]"               {% b.listSize %}

fieldName -> %word                                  {% id %}
           | %string                                {% id %}

fieldDefault -> "=" %expr                           {% b.second %}
