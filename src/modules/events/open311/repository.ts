import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { cases } from '../schema.ts';

export type PublicCaseRow = typeof cases.$inferSelect;

/**
 * The channels whose cases Open311 shows: reports meant to be seen (outside systems, patrol, the citizen app,
 * sensors). Calls to the 12345 line and the history loaded from the former system are private conversations with
 * the government and stay out of the public view.
 */
export const publicChannels = ['open311', 'grid', 'app', 'sensor'];

/** Which public cases a GET of requests asks for. */
export type PublicCaseFilter = {
  numbers?: string[];
  categoryCodes?: string[];
  from?: Date;
  to?: Date;
  statuses?: string[];
  limit: number;
};

/** Public cases matching the filter, newest first. */
export function listPublicCases(db: Db, f: PublicCaseFilter): Promise<PublicCaseRow[]> {
  const where: (SQL | undefined)[] = [inArray(cases.channel, publicChannels)];
  if (f.numbers) where.push(inArray(cases.number, f.numbers));
  if (f.categoryCodes) where.push(inArray(cases.categoryCode, f.categoryCodes));
  if (f.from) where.push(gte(cases.receivedAt, f.from));
  if (f.to) where.push(lte(cases.receivedAt, f.to));
  if (f.statuses) where.push(inArray(cases.status, f.statuses));
  return db
    .select()
    .from(cases)
    .where(and(...where))
    .orderBy(desc(cases.receivedAt), desc(cases.id))
    .limit(f.limit);
}

/** One public case by its number. */
export async function findPublicCase(db: Db, number: string): Promise<PublicCaseRow | undefined> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.number, number), inArray(cases.channel, publicChannels)));
  return row;
}

/** The case an Open311 token was given for. */
export async function findCaseByToken(db: Db, token: string): Promise<PublicCaseRow | undefined> {
  const [row] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.token, token), eq(cases.channel, 'open311')));
  return row;
}
