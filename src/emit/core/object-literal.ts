// An object literal as a ts-morph writer: the initializer of a generated module's exported
// object (a task, a job, an endpoint), member by member, so no emitter joins its text.
import type { CodeBlockWriter, WriterFunction } from "ts-morph";

export type ObjectMember =
  /** `name: value,` with an optional `// comment` after it. */
  | { name: string; value: string | WriterFunction; comment?: string }
  /** `async name(parameters) { statements }`. */
  | { method: string; isAsync?: boolean; parameters?: string; statements: readonly string[] }
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

/** `[item, item, …]`: each item on its own line, each with its comment lines above it. */
export function arrayLiteral(
  items: readonly { comments?: readonly string[]; value: WriterFunction }[],
): WriterFunction {
  return (w) => {
    w.write("[");
    if (items.length > 0) w.newLine();
    w.indent(() => {
      for (const item of items) {
        for (const c of item.comments ?? []) w.writeLine(`// ${c}`);
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
    w.write(`${m.isAsync ? "async " : ""}${m.method}(${m.parameters ?? ""}) {`).newLine();
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
