// The layers of src/, lowest first: a module may import from its own layer and the layers
// below it, never above, and no import cycle is allowed anywhere (test/architecture/layers.test.ts).
// docs/ARCHITECTURE.md explains each layer.
/** Each layer: a name and the regular expression of its paths. */
export const LAYERS = [
  { name: "ast", path: "^src/(ast\\.ts|lexer/|diagnostics/)" },
  { name: "parser", path: "^src/parser/" },
  { name: "analyze", path: "^src/analyze/" },
  { name: "emit/core", path: "^src/emit/core/" },
  { name: "emit/expr", path: "^src/emit/expr/" },
  // The stack's toolkit (binding, type inference): what the families build on.
  { name: "emit/stack", path: "^src/emit/stack/(?!dispatch\\.ts$)" },
  { name: "emit/families", path: "^src/emit/families/" },
  // The dispatcher calls every family; families reach it only through ctx.writeStack.
  { name: "emit/stack/dispatch", path: "^src/emit/stack/dispatch\\.ts$" },
  { name: "emit/modules", path: "^src/emit/modules/" },
  { name: "emit/project", path: "^src/emit/project/" },
  // Writing the project into its folder without losing the user's files (manifest, checks).
  { name: "output", path: "^src/output/" },
  { name: "build", path: "^src/build\\.ts$" },
  { name: "cli", path: "^src/(cli/|index\\.ts$)" },
];

/** For each layer, the paths of every layer above it: importing from them is forbidden. */
const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} imports only from itself and the layers below it (see .dependency-cruiser.mjs)`,
  severity: "error",
  from: { path: layer.path },
  to: {
    path: LAYERS.slice(i + 1)
      .map((l) => `(${l.path})`)
      .join("|"),
  },
}));

export default {
  forbidden: [
    {
      name: "no-circular",
      comment: "an import cycle: the modules in it cannot be read, tested or moved one at a time",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|templates/project)" },
    // Type-only imports count: a cycle through types is still a cycle for a reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
