import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be misread for each other (no 0/O, 1/I/L). */
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A code the public follows a case by, without an account: a prefix and 12 random characters (about 59 bits). */
export function newTrackingCode(prefix: string): string {
  let code = prefix;
  for (let i = 0; i < 12; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** A typed code as stored (upper case, no spaces), or null when it cannot be one with this prefix. */
export function normaliseTrackingCode(prefix: string, typed: string): string | null {
  const code = typed.replace(/\s+/g, '').toUpperCase();
  return new RegExp(`^${prefix}[0-9A-Z]{12}$`).test(code) ? code : null;
}
