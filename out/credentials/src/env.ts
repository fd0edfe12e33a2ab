// The environment variables the code reads. Each is listed in .env.example.

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`The environment variable ${name} is not set (see .env.example)`);
  return value;
}

export const env = {
  /** Read in function/call_partner.xs:14. */
  get API_KEY(): string {
    return required("API_KEY");
  },
  /** Read in task/nightly.xs:6, function/call_partner.xs:8. */
  get AUTHORIZATION_SECRET(): string {
    return required("AUTHORIZATION_SECRET");
  },
  /** Read in function/call_partner.xs:19. */
  get AUTHORIZATION_SECRET_2(): string {
    return required("AUTHORIZATION_SECRET_2");
  },
  /** Read in function/call_partner.xs:16. */
  get PASSWORD(): string {
    return required("PASSWORD");
  },
  /** Read in function/call_partner.xs:20. */
  get RESEND_SECRET(): string {
    return required("RESEND_SECRET");
  },
  /** Read in task/nightly.xs:5. */
  get SLACK_SECRET(): string {
    return required("SLACK_SECRET");
  },
  /** Read in function/call_partner.xs:16. */
  get TOKEN(): string {
    return required("TOKEN");
  },
  /** Read in function/call_partner.xs:11. */
  get X_CUSTOM_SECRET(): string {
    return required("X_CUSTOM_SECRET");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};
