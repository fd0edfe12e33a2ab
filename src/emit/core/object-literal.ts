// An object literal as a ts-morph writer: the initializer of a generated module's exported
// object (a task, a job, an endpoint), member by member, so no emitter joins its text.
import type { CodeBlockWriter, WriterFunction } from "ts-morph";

export type ObjectMember =
  /** `name: value,` with an optional `// comment` after it. */
  | { name: string; value: string | WriterFunction; comment?: string }
  /** `async name(parameters): returnType { statements }`, or a getter, with a one-line JSDoc above it. */
  | {
      method: string;
      isAsync?: boolean;
      isGetter?: boolean;
      parameters?: string;
      returnType?: string;
      doc?: string;
      statements: readonly string[];
    }
  /** A blank line between groups of members. */
  | "blank";

/** `{ member, member, … }`: each member on its own line. */
export function objectLiteral(members: readonly ObjectMember[]): WriterFunction {
  return (w) => {
    w.write("{").newLine();
    w.indent(() => {
      for (const m of members) writeMember(w, m);
    });
    w.write("}");
  };
}

export interface ArrayItem {
  comments?: readonly string[];
  value?: WriterFunction;
}

/**
 * `[item, item, …]`: each item on its own line, each with its comment lines above it; an item
 * with comments and no value is only those comments (an entry left out, said where it would be).
 */
export function arrayLiteral(items: readonly ArrayItem[]): WriterFunction {
  return (w) => {
    w.write("[");
    if (items.length > 0) w.newLine();
    w.indent(() => {
      for (const item of items) {
        for (const c of item.comments ?? []) w.writeLine(`// ${c}`);
        if (item.value === undefined) continue;
        item.value(w);
        w.write(",").newLine();
      }
    });
    w.write("]");
  };
}

function writeMember(w: CodeBlockWriter, m: ObjectMember): void {
  if (m === "blank") {
    w.blankLineIfLastNot();
    return;
  }
  if ("method" in m) {
    if (m.doc !== undefined) w.writeLine(`/** ${m.doc} */`);
    const returnType = m.returnType === undefined ? "" : `: ${m.returnType}`;
    w.write(`${m.isAsync ? "async " : ""}${m.isGetter ? "get " : ""}${m.method}(${m.parameters ?? ""})${returnType} {`);
    w.newLine();
    // Written as one text: the writer knows where a string or template literal spans lines
    // and indents none of them.
    const body = m.statements.join("\n");
    if (body.trim() !== "") w.indent(() => w.write(body).newLineIfLastNot());
    w.write("},").newLine();
    return;
  }
  w.write(`${m.name}: `);
  if (typeof m.value === "string") w.write(m.value);
  else m.value(w);
  w.write(",");
  if (m.comment !== undefined) w.write(` // ${m.comment}`);
  w.newLine();
}
