import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { companyLinks } from '../schema.ts';

export type CompanyLinkRow = typeof companyLinks.$inferSelect;

/** A resident's linked companies, oldest link first. */
export function findLinks(db: Db, userId: number) {
  return db
    .select()
    .from(companyLinks)
    .where(eq(companyLinks.userId, userId))
    .orderBy(asc(companyLinks.linkedAt), asc(companyLinks.creditCode));
}

/** One of a resident's links. */
export async function findLink(db: Db, userId: number, creditCode: string) {
  const [row] = await db
    .select()
    .from(companyLinks)
    .where(and(eq(companyLinks.userId, userId), eq(companyLinks.creditCode, creditCode)));
  return row;
}

/** Links a company to a resident; undefined when it was linked already. */
export async function insertLink(
  db: Db,
  values: { userId: number; creditCode: string; companyName: string; linkedAt: Date },
) {
  const [row] = await db.insert(companyLinks).values(values).onConflictDoNothing().returning();
  return row;
}

/** Removes one of a resident's links; returns it when there was one. */
export async function deleteLink(db: Db, userId: number, creditCode: string) {
  const [row] = await db
    .delete(companyLinks)
    .where(and(eq(companyLinks.userId, userId), eq(companyLinks.creditCode, creditCode)))
    .returning();
  return row;
}
