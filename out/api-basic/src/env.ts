// The environment variables the code reads. Each is listed in .env.example.
import { requestVariable } from "./runtime/request.js";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "")
    throw new Error(`The environment variable ${name} is not set (see .env.example)`);
  return value;
}

export const env = {
  /** Read in api/default/auth_login_post.xs:32, api/default/auth_me_get.xs:2, api/default/auth_signup_post.xs:31, api/notes/note_id_delete.xs:2, api/notes/note_list_get.xs:2, api/notes/note_post.xs:2. */
  get AUTH_TOKEN_KEY(): string {
    return required("AUTH_TOKEN_KEY");
  },
  /** Read in api/notes/api_group.xs:3. */
  get SWAGGER_TOKEN_NOTES(): string {
    return required("SWAGGER_TOKEN_NOTES");
  },
  /** Xano's system variables ($env.$remote_ip, …): the request's when answering one, else set as XANO_<NAME>. */
  system(name: string): unknown {
    return requestVariable(name) ?? process.env[`XANO_${name.toUpperCase()}`] ?? null;
  },
};
