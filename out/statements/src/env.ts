// The environment variables the code reads. Each is listed in .env.example.

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`The environment variable ${name} is not set (see .env.example)`);
  return value;
}

export const env = {
  /** Read in task/api_request.xs:4. */
  get API_BASE_URL(): string {
    return required("API_BASE_URL");
  },
  /** Read in task/api_request.xs:7. */
  get API_TOKEN(): string {
    return required("API_TOKEN");
  },
  /** Read in task/send_email.xs:5. */
  get RESEND_API_KEY(): string {
    return required("RESEND_API_KEY");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};
