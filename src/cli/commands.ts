// Commands beyond `parse`, loaded on demand so `xs2ts parse` starts fast.
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
  /** stderr is a terminal: progress can be drawn. */
  interactive?: boolean;
}

export type Command = (args: string[], io: Io) => Promise<number>;

export const COMMANDS: Record<string, Command> = {
  build: async (args, io) => (await import("./build-command.js")).buildCommand(args, io),
  schedule: async (args, io) => (await import("./schedule-command.js")).scheduleCommand(args, io),
};
