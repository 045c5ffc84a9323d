import { asc, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
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
  return queryRows<{ id: number }>(
    db,
    sql`update ingest.pull_sources set next_run_at = now() + make_interval(mins => interval_minutes), last_run_at = now()
        where id in (select id from ingest.pull_sources where enabled and next_run_at <= now()
                     order by next_run_at limit ${limit} for update skip locked)
        returning id`,
  );
}
