/**
 * Each issuing department's SM2 signing keys. A department gets its first key pair when it first issues; the
 * newest unretired key signs, and every key, retired or not, still verifies what it signed.
 */
import type { Db } from '../../../core/db.ts';
import * as repo from './repository.ts';
import { generateDepartmentKeyPair } from './signature.ts';

export type SigningKey = repo.SigningKey;

/** The key a department signs with now, creating its first key pair when it has none. */
export async function currentSigningKey(db: Db, departmentId: number): Promise<SigningKey> {
  const key = await repo.findCurrentSigningKey(db, departmentId);
  if (key) return key;
  // Two first issues at once may each create a pair; both stay valid and the newer one signs from then on.
  return repo.insertSigningKey(db, { departmentId, ...generateDepartmentKeyPair() });
}
