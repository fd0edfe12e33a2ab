// Command-line options read with node:util's parseArgs, with its errors said in our own words
// (its text names internals and quotes unevenly) and a "did you mean" for a mistyped option.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { nearest } from "../analyze/nearest.js";
import { UsageError } from "../analyze/xs-files.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>
>;

export function readArgs<T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
  usage: string,
): Parsed<T> {
  try {
    return parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === undefined || !code.startsWith("ERR_PARSE_ARGS")) throw error;
    const option = /'(-[^' ]+)/.exec((error as Error).message)?.[1];
    const known = Object.keys(options).map((name) => `--${name}`);
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option !== undefined) {
      const guess = nearest(option, known);
      throw new UsageError(
        `${command}: unknown option ${option}${guess ? ` (did you mean ${guess}?)` : ""}\n\n${usage}`,
      );
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option !== undefined) {
      const name = option.replace(/^-+/, "");
      throw new UsageError(
        options[name]?.type === "boolean"
          ? `${command}: ${option} takes no value`
          : `${command}: ${option} needs a value, as in ${option} <value>\n\n${usage}`,
      );
    }
    throw new UsageError(`${command}: the options are not understood\n\n${usage}`);
  }
}
