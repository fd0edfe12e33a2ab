// The `xs2ts` command.
import { parseArgs } from "node:util";
import { UsageError } from "../analyze/xs-files.js";

const USAGE = `Usage: xs2ts <command> [options]

Commands:
  parse <files or folders…>     parse .xs files; --json prints the AST
  build <workspace> --out <dir> generate a TypeScript project
  schedule <task.xs>            print a task's next firings (--from <iso>, --next N)

Run "xs2ts <command> --help" for a command's options.`;

export interface MainIo {
  out: (line: string) => void;
  err: (line: string) => void;
  color: boolean;
  interactive?: boolean;
}

const processIo: MainIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  color: process.stderr.isTTY === true && !process.env.NO_COLOR,
  interactive: process.stderr.isTTY === true,
};

export async function main(argv: readonly string[], io: MainIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  const { out, err, color } = io;
  try {
    switch (command) {
      case "parse": {
        const { values, positionals } = parseArgs({ args: [...rest], allowPositionals: true, options: { json: { type: "boolean", default: false }, help: { type: "boolean" } } });
        if (values.help || positionals.length === 0) {
          (values.help ? out : err)("Usage: xs2ts parse <files or folders…> [--json]");
          return values.help ? 0 : 2;
        }
        const { parseCommand } = await import("./parse-command.js");
        return parseCommand(positionals, { json: values.json === true, color }, out, err);
      }
      case undefined:
      case "help":
      case "--help":
      case "-h":
        (command === undefined ? err : out)(USAGE);
        return command === undefined ? 2 : 0;
      default: {
        const commands = await import("./commands.js");
        const run = commands.COMMANDS[command];
        if (run === undefined) throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
        return await run(rest, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      err(`xs2ts: ${(error as Error).message}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`xs2ts: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the input that caused it.\n`);
      process.exit(70);
    },
  );
}
