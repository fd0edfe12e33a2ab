// The environment variables the code reads. Each is listed in .env.example.

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`The environment variable ${name} is not set (see .env.example)`);
  return value;
}

export const env = {
  /** Read in task/nightly_report.xs:15. */
  get API_FINANCE_EXAMPLE_COM_TOKEN(): string {
    return required("API_FINANCE_EXAMPLE_COM_TOKEN");
  },
  /** Read in task/nightly_report.xs:14. */
  get REPORT_WEBHOOK(): string {
    return required("REPORT_WEBHOOK");
  },
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};
