// The environment variables the code reads, each listed in .env.example. Every entry point
// loads .env first (runtime/env-file.ts). As in Xano, a variable that is not set reads as null;
// so does an empty one (a line of .env.example left blank).

function read(name: string): string | null {
  const value = process.env[name];
  return value === undefined || value === "" ? null : value;
}

export const env = {
  /** Read in function/call_partner.xs:14. */
  get API_KEY(): string | null {
    return read("API_KEY");
  },
  /** Read in task/nightly.xs:6, function/call_partner.xs:8. */
  get AUTHORIZATION_SECRET(): string | null {
    return read("AUTHORIZATION_SECRET");
  },
  /** Read in function/call_partner.xs:19. */
  get AUTHORIZATION_SECRET_2(): string | null {
    return read("AUTHORIZATION_SECRET_2");
  },
  /** Read in function/call_partner.xs:16. */
  get PASSWORD(): string | null {
    return read("PASSWORD");
  },
  /** Read in function/call_partner.xs:20. */
  get RESEND_SECRET(): string | null {
    return read("RESEND_SECRET");
  },
  /** Read in task/nightly.xs:5. */
  get SLACK_SECRET(): string | null {
    return read("SLACK_SECRET");
  },
  /** Read in function/call_partner.xs:16. */
  get TOKEN(): string | null {
    return read("TOKEN");
  },
  /** Read in function/call_partner.xs:11. */
  get X_CUSTOM_SECRET(): string | null {
    return read("X_CUSTOM_SECRET");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};

/** The variables above that are not set (npm start warns about them). */
export function unsetEnv(): string[] {
  const names: string[] = [
    "API_KEY",
    "AUTHORIZATION_SECRET",
    "AUTHORIZATION_SECRET_2",
    "PASSWORD",
    "RESEND_SECRET",
    "SLACK_SECRET",
    "TOKEN",
    "X_CUSTOM_SECRET",
  ];
  return names.filter((name) => read(name) === null);
}
