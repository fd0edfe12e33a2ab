// `remove` inside `foreach … { each as $item { … } }` drops the current item from the list the
// loop goes over. The loop notes the positions removed; after it, the list (a variable, a path
// or an input field) is assigned without them. Every other statement after `remove` still runs,
// and `break` / `continue` need nothing special: a position is noted or it is not.
import type { CallStatement, Foreach } from "../../ast.js";
import { rootVariable } from "../../analyze/variables.js";
import type { ModuleContext } from "../core/context.js";
import { emit } from "../expr/expressions.js";
import type { Lines, Removal } from "../core/types.js";
import { notMigrated } from "../core/lines.js";
import { writeTarget } from "../stack/bind.js";
import { commentText } from "../core/escape.js";

/** Names for the loop's bookkeeping that no variable of the function and no other loop has. */
function freshName(ctx: ModuleContext, base: string): string {
  return ctx.temp(base);
}

/**
 * What a removing foreach writes around itself: `before` (the set), the loop head, and
 * `after` (the list assigned without the removed items).
 */
export function removingLoop(loop: Foreach, item: string, shared: boolean, iterable: string, ctx: ModuleContext) {
  const target =
    loop.list.kind === "Var" || loop.list.kind === "Member" || loop.list.kind === "Index"
      ? rootVariable(loop.list)
      : undefined;
  const list = emit(loop.list, ctx).code;
  const removal: Removal =
    target === undefined
      ? { position: "", list }
      : { position: freshName(ctx, "position"), list, removed: freshName(ctx, "removed") };
  const { position } = removal;
  const declare = shared ? "" : "const ";
  if (removal.removed === undefined)
    return { before: [], head: `for (${declare}${item} of ${iterable}) {`, after: (): Lines => [], removal };
  const before = [
    `const ${removal.removed} = new Set<number>(); // positions \`remove\` drops from ${commentText(list)} after the loop`,
  ];
  if (shared) before.push(`let ${position}: number;`);
  const head = `for (${declare}[${position}, ${item}] of ${iterable}.entries()) {`;
  /** Written once the body is: the list without the removed items. */
  const after = (): Lines =>
    writeTarget(
      loop.list,
      `${iterable}.filter((_: unknown, ${position}: number) => !${removal.removed}.has(${position}))`,
      ctx,
    );
  return { before, head, after, removal };
}

/** Writes a loop body with `remove` meaning this loop's current item. */
export function withRemoval<T>(removal: Removal | undefined, ctx: ModuleContext, body: () => T): T {
  if (removal === undefined) return body();
  const stack = ctx.removingLoops;
  stack.push(removal);
  try {
    return body();
  } finally {
    stack.pop();
  }
}

/** The `remove` statement: notes the current position of the innermost removing foreach. */
export function emitRemove(s: CallStatement, ctx: ModuleContext): Lines {
  const loop = ctx.removingLoops.at(-1);
  if (loop === undefined)
    return notMigrated(s, ctx, "remove outside a foreach loop (it drops the loop's current item)");
  if (loop.removed === undefined)
    return [
      `// remove: the loop's list (${commentText(loop.list)}) is no variable, so there is nothing to drop the item from`,
    ];
  return [`${loop.removed}.add(${loop.position}); // remove: dropped from ${commentText(loop.list)} after the loop`];
}
