/** The SQL of conflicts: disagreements between sources, listed, read and resolved. */
import { and, count, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { type Db, type Paging, pageOf } from '../../../core/db.ts';
import { conflicts, entities } from '../schema.ts';
import type { ConflictQuery } from './contract.ts';

// A conflict is recorded by the merge that writes its entity, and entities are never deleted: the join finds it.
const withEntity = and(eq(entities.registry, conflicts.registry), eq(entities.key, conflicts.key));

/** A conflict with its entity's surrogate id (as text), which makes a person's ref. */
const columns = { ...getTableColumns(conflicts), entityId: sql<string>`${entities.id}::text` };

export type ConflictRow = typeof conflicts.$inferSelect & { entityId: string };

/** One conflict, or undefined. */
export async function findConflict(db: Db, id: number): Promise<ConflictRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(conflicts)
    .innerJoin(entities, withEntity)
    .where(eq(conflicts.id, id));
  return row;
}

/** One page of conflicts, newest first, filtered by registry and status. */
export function findConflicts(db: Db, q: Pick<ConflictQuery, 'registry' | 'status'> & Paging) {
  const where: SQL[] = [];
  if (q.registry) where.push(eq(conflicts.registry, q.registry));
  if (q.status) where.push(eq(conflicts.status, q.status));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db
      .select(columns)
      .from(conflicts)
      .innerJoin(entities, withEntity)
      .where(filter)
      .orderBy(desc(conflicts.createdAt), desc(conflicts.id)),
    db
      .select({ n: count() })
      .from(conflicts)
      .innerJoin(entities, withEntity)
      .where(filter)
      .then(([row]) => row?.n ?? 0),
    q,
  );
}

/**
 * Resolves an open conflict with the chosen value (and source); false when it is no longer open (someone resolved
 * it, or a new delivery superseded it).
 */
export async function resolveConflict(
  db: Db,
  id: number,
  resolution: { value: string; source: string | null; by: string },
): Promise<boolean> {
  const updated = await db
    .update(conflicts)
    .set({
      status: 'resolved',
      resolvedValue: resolution.value,
      resolvedSource: resolution.source,
      resolvedBy: resolution.by,
      resolvedAt: sql`now()`,
    })
    .where(and(eq(conflicts.id, id), eq(conflicts.status, 'open')))
    .returning({ id: conflicts.id });
  return updated.length > 0;
}
