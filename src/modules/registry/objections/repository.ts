import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { type Db, pageOf } from '../../../core/db.ts';
import { objectionEvents, objections } from '../schema.ts';
import type { ObjectionStatus } from './contract.ts';

export type ObjectionRow = typeof objections.$inferSelect;
export type ObjectionEventRow = typeof objectionEvents.$inferSelect;

/** Stores a new objection. */
export async function insertObjection(db: Db, values: typeof objections.$inferInsert) {
  const [row] = await db.insert(objections).values(values).returning();
  return row!;
}

/** Adds a step to an objection's timeline. */
export async function insertEvent(db: Db, values: typeof objectionEvents.$inferInsert) {
  await db.insert(objectionEvents).values(values);
}

/** One objection. */
export async function findObjection(db: Db, id: number) {
  const [row] = await db.select().from(objections).where(eq(objections.id, id));
  return row;
}

/** An objection's timeline, oldest first. */
export function findEvents(db: Db, objectionId: number) {
  return db
    .select()
    .from(objectionEvents)
    .where(eq(objectionEvents.objectionId, objectionId))
    .orderBy(asc(objectionEvents.id));
}

/**
 * Moves an objection on, only from one of the `from` statuses: the check and the change are one statement, so
 * two people answering at once cannot both succeed. Undefined when the objection was not in such a status.
 */
export async function moveObjection(
  db: Db,
  id: number,
  from: ObjectionStatus[],
  values: Partial<typeof objections.$inferInsert>,
) {
  const [row] = await db
    .update(objections)
    .set(values)
    .where(and(eq(objections.id, id), inArray(objections.status, from)))
    .returning();
  return row;
}

/** A page of objections, newest first, filtered by status, registry and raising or assigned department. */
export function findObjections(
  db: Db,
  q: {
    status?: ObjectionStatus;
    registry?: string;
    raisedBy?: number;
    assignedTo?: number;
    page: number;
    pageSize: number;
  },
) {
  const where: SQL[] = [];
  if (q.status) where.push(eq(objections.status, q.status));
  if (q.registry) where.push(eq(objections.registry, q.registry));
  if (q.raisedBy !== undefined) where.push(eq(objections.raisedByDepartmentId, q.raisedBy));
  if (q.assignedTo !== undefined) where.push(eq(objections.sourceDepartmentId, q.assignedTo));
  const filter = where.length ? and(...where) : undefined;
  return pageOf(
    db.select().from(objections).where(filter).orderBy(desc(objections.createdAt), desc(objections.id)),
    db.$count(objections, filter),
    q,
  );
}

/** The objections a resident raised (no department) on one entity, newest first (at most `limit`). */
export function findResidentObjections(
  db: Db,
  q: { raisedBy: string; registry: string; key: string; limit: number },
) {
  return db
    .select()
    .from(objections)
    .where(
      and(
        eq(objections.raisedBy, q.raisedBy),
        isNull(objections.raisedByDepartmentId),
        eq(objections.registry, q.registry),
        eq(objections.key, q.key),
      ),
    )
    .orderBy(desc(objections.createdAt), desc(objections.id))
    .limit(q.limit);
}
