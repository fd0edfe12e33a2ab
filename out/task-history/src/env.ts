// The environment variables the code reads. Each is listed in .env.example.

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`The environment variable ${name} is not set (see .env.example)`);
  return value;
}

export const env = {
  /** Xano's system variables ($env.$remote_ip, …): set as XANO_<NAME> where they mean something here. */
  system(name: string): string | null {
    return process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};
