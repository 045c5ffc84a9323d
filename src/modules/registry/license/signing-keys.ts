/**
 * Each issuing department's SM2 signing keys. A department gets its first key pair when it first issues; the
 * newest unretired key signs, and every key, retired or not, still verifies what it signed.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { signingKeys } from '../schema.ts';
import { generateDepartmentKeyPair } from './signature.ts';

export type SigningKey = typeof signingKeys.$inferSelect;

/** The key a department signs with now, creating its first key pair when it has none. */
export async function currentSigningKey(db: Db, departmentId: number): Promise<SigningKey> {
  const [key] = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.departmentId, departmentId), isNull(signingKeys.retiredAt)))
    .orderBy(desc(signingKeys.id))
    .limit(1);
  if (key) return key;
  // Two first issues at once may each create a pair; both stay valid and the newer one signs from then on.
  const [created] = await db
    .insert(signingKeys)
    .values({ departmentId, ...generateDepartmentKeyPair() })
    .returning();
  return created!;
}

/** A key by id (retired ones too), or undefined. */
export async function signingKeyById(db: Db, id: number): Promise<SigningKey | undefined> {
  const [key] = await db.select().from(signingKeys).where(eq(signingKeys.id, id));
  return key;
}
