import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Db, pageOf } from '../../../core/db.ts';
import { notifications } from '../schema.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Stores notifications (one row per user told). */
export async function insertNotifications(db: Db, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await db.insert(notifications).values(rows);
}

/** A page of a user's notifications, unread first, newest first within each. */
export function findNotifications(
  db: Db,
  userId: number,
  q: { unread?: boolean; page: number; pageSize: number },
) {
  const filter = and(
    eq(notifications.userId, userId),
    q.unread === undefined ? undefined : eq(notifications.read, !q.unread),
  );
  return pageOf(
    db
      .select()
      .from(notifications)
      .where(filter)
      .orderBy(notifications.read, desc(notifications.createdAt), desc(notifications.id)),
    db.$count(notifications, filter),
    q,
  );
}

/** How many unread notifications a user has. */
export function countUnread(db: Db, userId: number) {
  return db.$count(notifications, and(eq(notifications.userId, userId), eq(notifications.read, false)));
}

/** Marks some of a user's notifications read (others' ids are ignored); returns the ids marked. */
export async function markRead(db: Db, userId: number, ids?: number[]) {
  const rows = await db
    .update(notifications)
    .set({ read: true })
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.read, false),
        ids ? inArray(notifications.id, ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((r) => r.id);
}

/** One notification of a user (undefined for another user's). */
export async function findNotification(db: Db, userId: number, id: number) {
  const [row] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.id, id)));
  return row;
}
