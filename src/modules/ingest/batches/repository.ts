import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import { type Db, queryRows } from '../../../core/db.ts';
import type { BatchMerge, BatchQuery, IssueQuery } from '../contract.ts';
import { batches, rowIssues } from '../schema.ts';
import { type BatchError, INTERRUPTED } from './errors.ts';

export type BatchRow = typeof batches.$inferSelect;

// Advisory lock keys for "a batch is loading this resource": base + resource id (taken by load-repository.ts).
export const RESOURCE_LOCK_BASE = 4301130000;

/** Records a batch as running, before its data transaction starts, so a crash leaves a trace. */
export async function insertBatch(db: Db, values: typeof batches.$inferInsert) {
  const [row] = await db.insert(batches).values(values).returning();
  return row!;
}

/** Marks a batch failed with the reason (and the file's hash, when it was taken while reading). */
export async function failBatch(db: Db, id: number, error: BatchError, fileHash: string | null) {
  await db
    .update(batches)
    .set({
      status: 'failed',
      errorCode: error.code,
      error: error.detail,
      finishedAt: new Date(),
      ...(fileHash ? { fileHash } : {}),
    })
    .where(eq(batches.id, id));
}

/** Records what the registry merge of a committed batch did. */
export async function recordMerge(db: Db, id: number, merge: BatchMerge) {
  await db.update(batches).set({ merge }).where(eq(batches.id, id));
}

/** Marks a batch whose loader is gone as interrupted. */
export async function interruptBatch(db: Db, id: number) {
  await db
    .update(batches)
    .set({
      status: 'interrupted',
      errorCode: INTERRUPTED.code,
      error: INTERRUPTED.detail,
      finishedAt: new Date(),
    })
    .where(and(eq(batches.id, id), eq(batches.status, 'running')));
}

/** One batch. */
export async function findBatch(db: Db, id: number) {
  const [row] = await db.select().from(batches).where(eq(batches.id, id));
  return row;
}

/** Which batches a department sees: those of the resources it provides and those it delivered. */
export type DepartmentScope = { departmentId: number; resourceIds: number[] };

/** The batches a department delivered or whose resources it provides. */
function inScope({ departmentId, resourceIds }: DepartmentScope): SQL {
  const delivered = eq(batches.sourceDepartmentId, departmentId);
  return resourceIds.length ? or(delivered, inArray(batches.resourceId, resourceIds))! : delivered;
}

/** Batches, newest first; within the department's scope when one is given. */
export async function findBatches(db: Db, q: BatchQuery & { resourceId?: number; scope?: DepartmentScope }) {
  const where: SQL[] = [];
  if (q.resourceId) where.push(eq(batches.resourceId, q.resourceId));
  if (q.status) where.push(eq(batches.status, q.status));
  if (q.scope) where.push(inScope(q.scope));
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

/** Finished batches started since `since` (within the department's scope when one is given), with their rows. */
export async function countRowsSince(db: Db, since: Date, scope?: DepartmentScope) {
  const where: SQL[] = [eq(batches.status, 'done'), gte(batches.startedAt, since)];
  if (scope) {
    const { departmentId, resourceIds } = scope;
    const delivered = eq(batches.sourceDepartmentId, departmentId);
    where.push(resourceIds.length ? or(delivered, inArray(batches.resourceId, resourceIds))! : delivered);
  }
  const [row] = await db
    .select({
      batches: count(),
      rows: sql<number>`coalesce(sum(${batches.total}), 0)`.mapWith(Number),
      accepted: sql<number>`coalesce(sum(${batches.accepted}), 0)`.mapWith(Number),
    })
    .from(batches)
    .where(and(...where));
  return row ?? { batches: 0, rows: 0, accepted: 0 };
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
      .select({
        row: rowIssues.row,
        kind: rowIssues.kind,
        reasons: rowIssues.reasons,
        fields: rowIssues.fields,
        raw: rowIssues.raw,
      })
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
export async function isResourceLocked(db: Db, resourceId: number) {
  // Tried in a transaction of its own, so a lock this takes is released at once.
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ free: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${RESOURCE_LOCK_BASE + resourceId}) as free`,
    );
    return !row!.free;
  });
}

/** The stored files of batches still running (an upload being loaded must not be swept). */
export async function findRunningStoredFiles(db: Db): Promise<string[]> {
  const rows = await db
    .select({ file: batches.storedFile })
    .from(batches)
    .where(and(eq(batches.status, 'running'), isNotNull(batches.storedFile)));
  return rows.map((r) => r.file!);
}

/**
 * Batches per Asia/Shanghai day (of their end; a running one of its start) since `since`: done and failed ones, and
 * the rows read and accepted by those done. The batches table holds one row per delivery (thousands a year).
 */
export function batchesPerDay(db: Db, since: Date, scope?: DepartmentScope) {
  return queryRows<{ day: string; done: number; failed: number; total: number; accepted: number }>(
    db,
    sql`
      select to_char(coalesce(${batches.finishedAt}, ${batches.startedAt}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day,
        (count(*) filter (where ${batches.status} = 'done'))::int as done,
        (count(*) filter (where ${batches.status} = 'failed'))::int as failed,
        coalesce(sum(${batches.total}) filter (where ${batches.status} = 'done'), 0)::int as total,
        coalesce(sum(${batches.accepted}) filter (where ${batches.status} = 'done'), 0)::int as accepted
      from ${batches}
      where coalesce(${batches.finishedAt}, ${batches.startedAt}) >= ${since.toISOString()}::timestamptz
        ${scope ? sql`and ${inScope(scope)}` : sql``}
      group by 1`,
  );
}

/** Rows accepted by every batch done, all time. */
export async function acceptedAllTime(db: Db, scope?: DepartmentScope): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${batches.accepted}), 0)::float8` })
    .from(batches)
    .where(and(eq(batches.status, 'done'), scope ? inScope(scope) : undefined));
  return Number(row?.n ?? 0);
}
