import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { signupFailures } from '../schema.ts';

/** Records a failed real-name check. */
export async function insertFailure(db: Db, values: { idNumberHash: string; ip: string | null; at: Date }) {
  await db.insert(signupFailures).values(values);
}

/**
 * The times of the newest `limit` failures after `since`, newest first, of one ID number (its hash) or from one
 * address.
 */
export async function recentFailures(
  db: Db,
  by: { idNumberHash: string } | { ip: string },
  since: Date,
  limit: number,
): Promise<Date[]> {
  const who = 'ip' in by ? eq(signupFailures.ip, by.ip) : eq(signupFailures.idNumberHash, by.idNumberHash);
  const rows = await db
    .select({ at: signupFailures.at })
    .from(signupFailures)
    .where(and(who, gt(signupFailures.at, since)))
    .orderBy(desc(signupFailures.at))
    .limit(limit);
  return rows.map((r) => r.at);
}

/** Forgets failures older than `before` (they no longer count; the audit log keeps every attempt). */
export async function deleteFailuresBefore(db: Db, before: Date) {
  await db.delete(signupFailures).where(lt(signupFailures.at, before));
}
