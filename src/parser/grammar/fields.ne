# `input { … }` and `schema { … }`: one field per line,
# `type[]? name? = default attribute* { … }?`, e.g. `text[] tags? filters=trim`.

@lexer lexer

fieldsBlock -> %fieldsName "{" fields "}"           {% b.fieldsBlock %}
             | %fieldsName                          {% b.emptyFieldsBlock %}

fields -> null                                      {% b.none %}
        | fieldList                                 {% id %}

fieldList -> fieldItem                              {% b.first %}
           | fieldList %nl fieldItem                {% b.append %}

fieldItem -> field                                  {% id %}
           | %word block                            {% b.namedBlock %}

field -> %word listSuffix:? "?":? fieldName "?":? fieldDefault:? attribute:* block:?  {% b.field %}

listSuffix -> "[" "]"                               {% b.none %}

fieldName -> %word                                  {% id %}
           | %string                                {% id %}

fieldDefault -> "=" %expr                           {% b.second %}
