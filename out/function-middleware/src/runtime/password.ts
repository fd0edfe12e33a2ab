// Passwords hashed with bcrypt, as Xano stores `password` fields: the data layer hashes them
// (db.ts) and security.check_password checks them. Apart from security.ts so that every
// project's data layer does not bring the token and key code along.

import bcrypt from "bcryptjs";
import { isNull, toText } from "./values.js";

/**
 * `security.check_password`: whether `text` is the password behind a bcrypt hash, as Xano
 * stores `password` fields ($2y$/$2b$/$2a$). Anything that is not a bcrypt hash is false.
 */
export async function checkPassword(text: unknown, hash: unknown): Promise<boolean> {
  if (isNull(text) || typeof hash !== "string" || !isPasswordHash(hash)) return false;
  return bcrypt.compare(toText(text), hash);
}

/**
 * How the data layer stores `password` fields: bcrypt, as Xano does, so a hash moved from Xano
 * and one written here are checked alike.
 */
export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, 10);
}

export function isPasswordHash(value: string): boolean {
  return /^\$2[aby]\$\d\d\$/.test(value);
}
