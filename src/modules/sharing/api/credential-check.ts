import { timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthorizedError } from '../../../core/errors.ts';
import { hashSecret } from '../grants/credential-secret.ts';
import type { CredentialGrant } from './repository.ts';

/** What a request's Authorization header holds: `Bearer <keyId>.<secret>`; null when it holds no such thing. */
export function parseBearer(header: string | undefined): { keyId: string; secret: string } | null {
  const m = /^Bearer\s+(ak_[0-9a-f]{16})\.(\S{1,200})\s*$/.exec(header ?? '');
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

// Compared against when the key id is unknown, so an unknown key takes as long as a wrong secret.
const NO_HASH = hashSecret('no credential');

/** True when the secret's hash is the stored one, compared in constant time. */
function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

/**
 * Authenticates a sharing API call: the credential exists and its secret matches (401 no_credential,
 * bad_signature), it is live (401 revoked, expired_credential) and so is its grant (403 grant_revoked,
 * grant_expired). The secret is checked first, so only a holder of the secret learns the credential's state.
 * `onKey` receives the key id as soon as it is read, for the call log.
 */
export async function checkCredential(
  find: (keyId: string) => Promise<CredentialGrant | undefined>,
  header: string | undefined,
  onKey: (keyId: string) => void,
): Promise<CredentialGrant> {
  const bearer = parseBearer(header);
  if (!bearer) throw new UnauthorizedError('no_credential', 'No API credential');
  onKey(bearer.keyId);
  const found = await find(bearer.keyId);
  const now = Date.now();
  const matches = secretMatches(bearer.secret, found?.secretHash ?? NO_HASH);
  if (!found) throw new UnauthorizedError('no_credential', 'Unknown API credential');
  if (!matches) throw new UnauthorizedError('bad_signature', 'Wrong secret');
  if (found.credentialRevoked) throw new UnauthorizedError('revoked', 'Credential revoked');
  if (found.credentialExpiresAt !== null && now >= found.credentialExpiresAt)
    throw new UnauthorizedError('expired_credential', 'Credential expired');
  if (found.grantRevoked) throw new ForbiddenError('grant_revoked', 'Grant revoked');
  if (now < found.grantValidFrom || now >= found.grantExpiresAt)
    throw new ForbiddenError('grant_expired', 'Grant not valid now');
  return found;
}
