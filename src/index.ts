// The programmatic API: `import { build, parse } from "xs2ts"`.
export { build, type BuildOptions, type BuildResult } from "./build.js";
export { parse } from "./parser/parse.js";
export { ParseError } from "./parser/errors.js";
export type * from "./ast.js";
