import { and, gte, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { cases } from '../schema.ts';

/** A placed, categorised case received since `since`, as the early warning reads it. */
export type RecentCase = {
  id: number;
  number: string;
  category: string;
  content: string;
  address: string | null;
  status: string;
  lng: number;
  lat: number;
  receivedAt: Date;
};

/** Every placed, categorised case received since `since`, merged duplicates left out, in one query. */
export function recentPlacedCases(db: Db, since: Date): Promise<RecentCase[]> {
  return db
    .select({
      id: cases.id,
      number: cases.number,
      category: sql<string>`${cases.categoryCode}`,
      content: cases.content,
      address: cases.address,
      status: cases.status,
      lng: sql<number>`${cases.lng}`,
      lat: sql<number>`${cases.lat}`,
      receivedAt: cases.receivedAt,
    })
    .from(cases)
    .where(
      and(
        gte(cases.receivedAt, since),
        ne(cases.status, 'merged'),
        isNotNull(cases.categoryCode),
        isNotNull(cases.lng),
        isNotNull(cases.lat),
      ),
    );
}
