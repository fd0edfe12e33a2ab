// The environment variables the code reads, each listed in .env.example. Every entry point
// loads .env first (runtime/env-file.ts). As in Xano, a variable that is not set reads as null;
// so does an empty one (a line of .env.example left blank).

import { requestVariable } from "./runtime/request.js";

function read(name: string): string | null {
  const value = process.env[name];
  return value === undefined || value === "" ? null : value;
}

export const env = {
  /** Read in api/shop/member_get.xs:2. */
  get AUTH_TOKEN_KEY(): string | null {
    return read("AUTH_TOKEN_KEY");
  },
  /** Xano's system variables ($env.$remote_ip, …): the request's when answering one, else set as XANO_<NAME>. */
  system(name: string): unknown {
    return requestVariable(name) ?? process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};

/** The variables above that are not set (npm start warns about them). */
export function unsetEnv(): string[] {
  const names: string[] = ["AUTH_TOKEN_KEY"];
  return names.filter((name) => read(name) === null);
}
