# Blocks: `{ item ⏎ item ⏎ … }`. Items are separated by line breaks; the feeder drops the
# line breaks right after `{` and right before `}`.

@lexer lexer

block -> "{" items "}"                              {% b.block %}
       | %props                                     {% b.propertiesBlock %}

items -> null                                       {% b.emptyList %}
       | itemList                                   {% id %}

itemList -> item                                    {% b.first %}
          | itemList %nl item                       {% b.append %}

item -> property                                    {% id %}
      | fieldsBlock                                 {% id %}
      | statement                                   {% id %}

# `name = value` arrives as one `assign` token (see ../feeder.ts).
property -> %assign                                 {% b.property %}

# `verb=GET`, `filters=trim|lower`: a key=value on a header line.
attribute -> %assign                                {% b.attribute %}
