// The environment variables the code reads, each listed in .env.example. Every entry point
// loads .env first (runtime/env-file.ts). As in Xano, a variable that is not set reads as null;
// so does an empty one (a line of .env.example left blank).

function read(name: string): string | null {
  const value = process.env[name];
  return value === undefined || value === "" ? null : value;
}

export const env = {
  /** Read in task/api_request.xs:4. */
  get API_BASE_URL(): string | null {
    return read("API_BASE_URL");
  },
  /** Read in task/api_request.xs:7. */
  get API_TOKEN(): string | null {
    return read("API_TOKEN");
  },
  /** Read in task/send_email.xs:5. */
  get RESEND_API_KEY(): string | null {
    return read("RESEND_API_KEY");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};

/** The variables above that are not set (npm start warns about them). */
export function unsetEnv(): string[] {
  const names: string[] = ["API_BASE_URL", "API_TOKEN", "RESEND_API_KEY"];
  return names.filter((name) => read(name) === null);
}
