// Loads `.env` from the working directory into process.env, before any module reads it: every
// entry point imports this module first. A variable set in the real environment wins over the
// file (Node's process.loadEnvFile never overwrites one), so a deployment's settings are never
// replaced by a stray .env. Without a .env file nothing happens.
import { existsSync } from "node:fs";

const file = process.env.ENV_FILE ?? ".env";
if (existsSync(file)) process.loadEnvFile(file);
