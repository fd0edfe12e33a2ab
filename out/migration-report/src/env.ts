// The environment variables the code reads, each listed in .env.example. Every entry point
// loads .env first (runtime/env-file.ts). As in Xano, a variable that is not set reads as null;
// so does an empty one (a line of .env.example left blank).

function read(name: string): string | null {
  const value = process.env[name];
  return value === undefined || value === "" ? null : value;
}

export const env = {
  /** Read in task/nightly_report.xs:15. */
  get API_FINANCE_EXAMPLE_COM_TOKEN(): string | null {
    return read("API_FINANCE_EXAMPLE_COM_TOKEN");
  },
  /** Read in task/nightly_report.xs:14. */
  get REPORT_WEBHOOK(): string | null {
    return read("REPORT_WEBHOOK");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};

/** The variables above that are not set (npm start warns about them). */
export function unsetEnv(): string[] {
  const names: string[] = ["API_FINANCE_EXAMPLE_COM_TOKEN", "REPORT_WEBHOOK"];
  return names.filter((name) => read(name) === null);
}
