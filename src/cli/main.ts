// The `xs2ts` command.
import { existsSync, readFileSync } from "node:fs";
import { nearest } from "../analyze/nearest.js";
import { asFileSystemError, FileSystemError } from "../diagnostics/fs-errors.js";
import { readArgs } from "./args.js";
import { UsageError } from "../analyze/xs-files.js";

const USAGE = `Usage: xs2ts <command> [options]

Commands:
  parse <files or folders…>     parse .xs files; --json prints the AST
  build <workspace> --out <dir> generate a TypeScript project
  schedule <task.xs or folder>  print the next firings of a task, or of every task below a folder

Run "xs2ts <command> --help" for a command's options; "xs2ts --version" prints the version.`;

const COMMAND_NAMES = ["parse", "build", "schedule", "help"];

/** The version in xs2ts's package.json: the nearest one up from here (src/cli, or dist/src/cli when installed). */
function version(): string {
  for (let dir = new URL(".", import.meta.url); ; dir = new URL("..", dir)) {
    const file = new URL("package.json", dir);
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "xs2ts" && pkg.version !== undefined) return pkg.version;
    }
    if (new URL("..", dir).href === dir.href) return "unknown";
  }
}

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
        const usage = "Usage: xs2ts parse <files or folders…> [--json]";
        const { values, positionals } = readArgs(
          "parse",
          rest,
          { json: { type: "boolean", default: false }, help: { type: "boolean" } },
          usage,
        );
        if (values.help || positionals.length === 0) {
          (values.help ? out : err)(usage);
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
      case "--version":
      case "-v":
      case "version":
        out(version());
        return 0;
      default: {
        const commands = await import("./commands.js");
        const run = commands.COMMANDS[command];
        if (run === undefined) {
          const guess = nearest(command, COMMAND_NAMES);
          throw new UsageError(
            `unknown ${command.startsWith("-") ? "option" : "command"} "${command}"${guess ? ` (did you mean ${guess}?)` : ""}\n\n${USAGE}`,
          );
        }
        return await run(rest, io);
      }
    }
  } catch (caught) {
    // A file-system failure anywhere (reading the workspace, writing the output) is one line.
    const error = asFileSystemError(caught);
    if (error instanceof UsageError || error instanceof FileSystemError) {
      err(`xs2ts: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `xs2ts: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the input that caused it.\n`,
      );
      process.exit(70);
    },
  );
}
