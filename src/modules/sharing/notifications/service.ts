import { type Ctx, lookupCtx, type Role } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { NotFoundError } from '../../../core/errors.ts';
import type { UsersService } from '../../accounts/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { Notification, NotificationPage, NotificationQuery } from '../contract.ts';
import { sharingPolicy } from '../policy.ts';
import * as repo from './repository.ts';

/** What a notification says: a kind the console translates, and the values it fills in. */
export type NotificationKind =
  | 'application_waiting'
  | 'application_forwarded'
  | 'application_approved'
  | 'application_rejected'
  | 'grant_revoked';

/** A message to some users about an application. */
export type Notice = {
  userIds: number[];
  kind: NotificationKind;
  applicationId: number;
  params: Record<string, string | number>;
};

const toView = (row: repo.NotificationRow): Notification => ({
  id: row.id,
  kind: row.kind,
  applicationId: row.applicationId,
  params: row.params,
  read: row.read,
  createdAt: row.createdAt.toISOString(),
});

/** Console notifications (站内通知): who is told of what, and each user's own list. */
export function createNotificationService(deps: { db: Db; users: UsersService; audit: AuditService }) {
  const { db, users, audit } = deps;

  /** The ids of the active users holding `role`, in one department or in all. */
  async function usersWith(role: Role, departmentId?: number) {
    const ids: number[] = [];
    for (let page = 1; ; page++) {
      const { items } = await users.list(lookupCtx, {
        role,
        departmentId,
        active: 'true',
        page,
        pageSize: 200,
        sort: 'username',
      });
      ids.push(...items.map((u) => u.id));
      if (items.length < 200) return ids;
    }
  }

  return {
    /** The department users of a providing department, who approve its first stage. */
    providerApprovers: (departmentId: number) => usersWith(sharingPolicy.approvers.provider, departmentId),

    /** The center staff (administrators and data stewards), who approve the center stage. */
    async centerApprovers() {
      const ids: number[] = [];
      for (const role of sharingPolicy.approvers.center) ids.push(...(await usersWith(role)));
      return [...new Set(ids)];
    },

    /** Stores notices in the transaction of the change they tell of (each user once per notice). */
    async send(tx: Db, notices: Notice[]) {
      await repo.insertNotifications(
        tx,
        notices.flatMap((n) =>
          // User 0 is OneCity itself (system work such as the demo's applications): nobody reads its notices.
          [...new Set(n.userIds)]
            .filter((userId) => userId !== 0)
            .map((userId) => ({
              userId,
              kind: n.kind,
              applicationId: n.applicationId,
              params: n.params,
            })),
        ),
      );
    },

    /** The caller's notifications, unread first, with the unread count. */
    async list(ctx: Ctx, q: NotificationQuery): Promise<NotificationPage> {
      const userId = ctx.actor!.userId;
      const unread = q.unread === undefined ? undefined : q.unread === 'true';
      const [{ items, total }, count] = await Promise.all([
        repo.findNotifications(db, userId, { unread, page: q.page, pageSize: q.pageSize }),
        repo.countUnread(db, userId),
      ]);
      return { items: items.map(toView), total, unread: count };
    },

    /** How many unread notifications the caller has. */
    async unread(ctx: Ctx) {
      return { unread: await repo.countUnread(db, ctx.actor!.userId) };
    },

    /** Marks one of the caller's notifications read; another user's is not found. */
    async markRead(ctx: Ctx, id: number): Promise<Notification> {
      const userId = ctx.actor!.userId;
      if (!(await repo.findNotification(db, userId, id))) throw new NotFoundError('notification', id);
      await db.transaction(async (tx) => {
        const marked = await repo.markRead(tx, userId, [id]);
        if (marked.length)
          await audit.record(tx, ctx, {
            action: 'sharing.notification_read',
            targetType: 'notification',
            targetId: id,
          });
      });
      return toView((await repo.findNotification(db, userId, id))!);
    },

    /** Marks all the caller's notifications read. */
    async markAllRead(ctx: Ctx) {
      return db.transaction(async (tx) => {
        const marked = await repo.markRead(tx, ctx.actor!.userId);
        if (marked.length)
          await audit.record(tx, ctx, {
            action: 'sharing.notification_read',
            targetType: 'notification',
            detail: { count: marked.length },
          });
        return { marked: marked.length };
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
