import { and, arrayContains, asc, count, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Db, escapeLike, queryRows } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import type { BatchQuery, IssueQuery } from '../contract.ts';
import { dataTableName } from '../data-table.ts';
import { batches, rowIssues } from '../schema.ts';
import { type BatchError, INTERRUPTED } from './errors.ts';

export type BatchRow = typeof batches.$inferSelect;

/** Records a batch as running, before its data transaction starts, so a crash leaves a trace. */
export async function insertBatch(db: Db, values: typeof batches.$inferInsert) {
  const [row] = await db.insert(batches).values(values).returning();
  return row!;
}

/** Marks a batch failed with the reason. */
export async function failBatch(db: Db, id: number, error: BatchError) {
  await db
    .update(batches)
    .set({ status: 'failed', errorCode: error.code, error: error.detail, finishedAt: new Date() })
    .where(eq(batches.id, id));
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

/** Batches, newest first; within the department's scope when one is given. */
export async function findBatches(db: Db, q: BatchQuery & { resourceId?: number; scope?: DepartmentScope }) {
  const where: SQL[] = [];
  if (q.resourceId) where.push(eq(batches.resourceId, q.resourceId));
  if (q.status) where.push(eq(batches.status, q.status));
  if (q.scope) {
    const { departmentId, resourceIds } = q.scope;
    const delivered = eq(batches.sourceDepartmentId, departmentId);
    where.push(resourceIds.length ? or(delivered, inArray(batches.resourceId, resourceIds))! : delivered);
  }
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
export async function isResourceLocked(db: Db, lockKey: number) {
  return db.transaction(async (tx) => {
    const result: any = await tx.execute(sql`select pg_try_advisory_xact_lock(${lockKey}) as free`);
    const rows = Array.isArray(result) ? result : result.rows;
    return !rows[0].free;
  });
}

/**
 * One page of a resource's loaded records, newest first, whose key items' values start as in `search` (by item
 * code); undefined when nothing was ever loaded. A resource keyed by one item is searched by its key (indexed);
 * the others by their key items' columns, not by the JSON text their `_key` holds.
 */
export async function findRecords(
  db: Db,
  resource: Resource,
  q: { page: number; pageSize: number; search: Record<string, string> },
) {
  const table = dataTableName(resource.id);
  const exists = await queryRows<{ t: string | null }>(db, sql`select to_regclass(${table}) as t`);
  if (!exists[0]?.t) return undefined;
  const starts = (column: string, value: string) => sql`${sql.raw(column)} like ${`${escapeLike(value)}%`}`;
  const conditions = Object.entries(q.search).map(([code, value]) =>
    resource.keyItems.length === 1 ? starts('_key', value) : starts(`"${code}"`, value),
  );
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const columns = sql.raw(['_key', '_updated_at', ...resource.items.map((i) => `"${i.code}"`)].join(', '));
  const [rows, count] = await Promise.all([
    queryRows<Record<string, string | null>>(
      db,
      sql`select ${columns} from ${sql.raw(table)} ${where} order by _updated_at desc, _key desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.raw(table)} ${where}`),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}
