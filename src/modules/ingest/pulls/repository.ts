import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../core/db.ts';
import { pullSources } from '../schema.ts';

export type PullSourceRow = typeof pullSources.$inferSelect;

/** Stores a pull source. */
export async function insertPullSource(db: Db, values: typeof pullSources.$inferInsert) {
  const [row] = await db.insert(pullSources).values(values).returning();
  return row!;
}

/** Changes a pull source. */
export async function updatePullSource(db: Db, id: number, values: Partial<typeof pullSources.$inferInsert>) {
  const [row] = await db.update(pullSources).set(values).where(eq(pullSources.id, id)).returning();
  return row;
}

/** Removes a pull source. */
export async function deletePullSource(db: Db, id: number) {
  const [row] = await db.delete(pullSources).where(eq(pullSources.id, id)).returning();
  return row;
}

/** One pull source. */
export async function findPullSource(db: Db, id: number) {
  const [row] = await db.select().from(pullSources).where(eq(pullSources.id, id));
  return row;
}

/** All pull sources by id. */
export function findPullSources(db: Db) {
  return db.select().from(pullSources).orderBy(asc(pullSources.id));
}

/**
 * Claims up to `limit` enabled sources that are due, moving their next run forward in the same statement.
 * SKIP LOCKED lets several processes share the schedule without running a source twice.
 */
export async function claimDuePullSources(db: Db, limit: number) {
  const due = db
    .select({ id: pullSources.id })
    .from(pullSources)
    .where(and(eq(pullSources.enabled, true), lte(pullSources.nextRunAt, sql`now()`)))
    .orderBy(asc(pullSources.nextRunAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(pullSources)
    .set({
      nextRunAt: sql`now() + make_interval(mins => ${pullSources.intervalMinutes})`,
      lastRunAt: sql`now()`,
    })
    .where(inArray(pullSources.id, due))
    .returning({ id: pullSources.id });
}
