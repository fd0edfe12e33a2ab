// Lint for the repository's own code (not for generated projects, whose quality the goldens
// and their typecheck hold). Formatting is prettier's (.prettierrc), not eslint's.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "dist/",
      "out/",
      "demo/",
      "tmp/",
      ".bench/",
      "src/parser/grammar/compiled.js",
      "templates/project/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { process: "readonly", console: "readonly", URL: "readonly" },
    },
    rules: {
      // Unused names are noise; a leading underscore marks one kept on purpose.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // JSON and generated data are typed `any` where XanoScript's values are untyped.
      "@typescript-eslint/no-explicit-any": "off",
      "no-constant-condition": ["error", { checkLoops: false }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      // A transpiler that escapes hostile text matches control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    // The runtime is copied into generated projects, where the user's lint may forbid `any`:
    // its own disable comments are kept for that, though unused here.
    files: ["templates/runtime/**/*.ts"],
    linterOptions: { reportUnusedDisableDirectives: "off" },
  },
);
