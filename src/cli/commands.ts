// Commands beyond `parse`, loaded on demand so `xs2ts parse` starts fast.
import type { Command } from "./io.js";

export const COMMANDS: Record<string, Command> = {
  build: async (args, io) => (await import("./build-command.js")).buildCommand(args, io),
  schedule: async (args, io) => (await import("./schedule-command.js")).scheduleCommand(args, io),
};
