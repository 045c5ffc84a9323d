/** The SQL of license shares: the links residents make to show one of their licenses. */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { licenseShares } from '../schema.ts';

export type ShareRow = typeof licenseShares.$inferSelect;

/** Stores a new link (its token's hash only). */
export async function insertShare(db: Db, row: typeof licenseShares.$inferInsert): Promise<ShareRow> {
  const [created] = await db.insert(licenseShares).values(row).returning();
  return created!;
}

/** A resident's links to one license, newest first. */
export function findSharesOf(db: Db, userId: number, licenseId: string): Promise<ShareRow[]> {
  return db
    .select()
    .from(licenseShares)
    .where(and(eq(licenseShares.userId, userId), eq(licenseShares.licenseId, licenseId)))
    .orderBy(desc(licenseShares.createdAt), desc(licenseShares.id));
}

/** One link of a resident, or undefined (another's too). */
export async function findOwnShare(db: Db, userId: number, id: number): Promise<ShareRow | undefined> {
  const [row] = await db
    .select()
    .from(licenseShares)
    .where(and(eq(licenseShares.id, id), eq(licenseShares.userId, userId)));
  return row;
}

/** Withdraws a link not withdrawn yet; undefined when it was already. */
export async function revokeShare(db: Db, id: number, at: Date): Promise<ShareRow | undefined> {
  const [row] = await db
    .update(licenseShares)
    .set({ revokedAt: at })
    .where(and(eq(licenseShares.id, id), isNull(licenseShares.revokedAt)))
    .returning();
  return row;
}

/** The link whose token has this hash, or undefined. */
export async function findShareByHash(db: Db, tokenHash: string): Promise<ShareRow | undefined> {
  const [row] = await db.select().from(licenseShares).where(eq(licenseShares.tokenHash, tokenHash));
  return row;
}

/** Counts one view of a link that is still open at `at`; undefined when it closed in between. */
export async function countView(db: Db, id: number, at: Date): Promise<ShareRow | undefined> {
  const [row] = await db
    .update(licenseShares)
    .set({ views: sql`${licenseShares.views} + 1` })
    .where(and(eq(licenseShares.id, id), isNull(licenseShares.revokedAt), gt(licenseShares.expiresAt, at)))
    .returning();
  return row;
}
