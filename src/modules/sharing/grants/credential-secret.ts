import { createHash, randomBytes } from 'node:crypto';

/** A new credential: a public key id (ak_ + 16 hex digits) and a secret of 32 random bytes, base64url. */
export function newCredential() {
  const keyId = `ak_${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, secretHash: hashSecret(secret) };
}

/** What is stored of a secret: its SHA-256, hex (a secret is 256 random bits, so no salt or slow hash is needed). */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** How long a rotated credential keeps working beside its successor. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
