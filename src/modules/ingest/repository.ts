import { and, arrayContains, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../core/db.ts';
import type { BatchQuery, IssueQuery } from './contract.ts';
import { batches, rowIssues } from './schema.ts';

export type BatchRow = typeof batches.$inferSelect;

/** Records a batch as running, before its data transaction starts, so a crash leaves a trace. */
export async function insertBatch(db: Db, values: typeof batches.$inferInsert) {
  const [row] = await db.insert(batches).values(values).returning();
  return row!;
}

/** Marks a batch failed with the reason. */
export async function failBatch(db: Db, id: number, error: string) {
  await db.update(batches).set({ status: 'failed', error, finishedAt: new Date() }).where(eq(batches.id, id));
}

/** Marks a batch whose loader is gone as interrupted. */
export async function interruptBatch(db: Db, id: number) {
  await db
    .update(batches)
    .set({
      status: 'interrupted',
      error: 'the process stopped while loading; nothing was kept; run it again',
      finishedAt: new Date(),
    })
    .where(and(eq(batches.id, id), eq(batches.status, 'running')));
}

/** One batch. */
export async function findBatch(db: Db, id: number) {
  const [row] = await db.select().from(batches).where(eq(batches.id, id));
  return row;
}

/** Batches, newest first. */
export async function findBatches(db: Db, q: BatchQuery & { resourceId?: number }) {
  const where: SQL[] = [];
  if (q.resourceId) where.push(eq(batches.resourceId, q.resourceId));
  if (q.status) where.push(eq(batches.status, q.status));
  const filter = where.length ? and(...where) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(batches)
      .where(filter)
      .orderBy(desc(batches.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(batches).where(filter),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** A batch's rejected or flagged rows in row order. */
export async function findIssues(db: Db, batchId: number, q: IssueQuery) {
  const where = and(
    eq(rowIssues.batchId, batchId),
    eq(rowIssues.kind, q.kind),
    q.reason ? arrayContains(rowIssues.reasons, [q.reason]) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({ row: rowIssues.row, kind: rowIssues.kind, reasons: rowIssues.reasons, raw: rowIssues.raw })
      .from(rowIssues)
      .where(where)
      .orderBy(asc(rowIssues.row))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(rowIssues).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Finished batches of a resource, oldest first, for the quality chart. */
export function findDoneBatches(db: Db, resourceId: number) {
  return db
    .select()
    .from(batches)
    .where(and(eq(batches.resourceId, resourceId), eq(batches.status, 'done')))
    .orderBy(asc(batches.id))
    .limit(500);
}

/** True when some process holds the resource's loading lock (its batch is really running). */
export async function isResourceLocked(db: Db, lockKey: number) {
  return db.transaction(async (tx) => {
    const result: any = await tx.execute(sql`select pg_try_advisory_xact_lock(${lockKey}) as free`);
    const rows = Array.isArray(result) ? result : result.rows;
    return !rows[0].free;
  });
}
