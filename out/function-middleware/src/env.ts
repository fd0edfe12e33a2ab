// The environment variables the code reads, each listed in .env.example. Every entry point
// loads .env first (runtime/env-file.ts). As in Xano, a variable that is not set reads as null;
// so does an empty one (a line of .env.example left blank).

function read(name: string): string | null {
  const value = process.env[name];
  return value === undefined || value === "" ? null : value;
}

export const env = {
  /** Read in middleware/task_gate.xs:11. */
  get TASKS_PAUSED(): string | null {
    return read("TASKS_PAUSED");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};

/** The variables above that are not set (npm start warns about them). */
export function unsetEnv(): string[] {
  const names: string[] = ["TASKS_PAUSED"];
  return names.filter((name) => read(name) === null);
}
