import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A new access token: 20 letters and digits, like ThingsBoard's, safe as an MQTT user name and in a URL path. */
export function newAccessToken(): string {
  return Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** What is stored of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the console shows of a token: its last four characters. */
export function tokenHint(token: string): string {
  return token.slice(-4);
}
