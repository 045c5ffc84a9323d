import type { App } from '../../../core/http.ts';
import {
  idParam,
  markedCount,
  notification,
  notificationPage,
  notificationQuery,
  unreadCount,
} from '../contract.ts';
import { sharingPolicy } from '../policy.ts';
import type { NotificationService } from './service.ts';

/** The caller's own notifications: the list, the unread count, marking read. */
export function notificationRoutes(notifications: NotificationService) {
  return async (app: App) => {
    const tags = ['sharing'];
    const config = { access: sharingPolicy.use };
    app.get(
      '/api/sharing/notifications',
      {
        config,
        schema: {
          summary: '列出本人的通知',
          tags,
          querystring: notificationQuery,
          response: { 200: notificationPage },
        },
      },
      (req) => notifications.list(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/notifications/unread-count',
      { config, schema: { summary: '未读通知数', tags, response: { 200: unreadCount } } },
      (req) => notifications.unread(req.ctx),
    );
    app.post(
      '/api/sharing/notifications/:id/read',
      { config, schema: { summary: '标记通知已读', tags, params: idParam, response: { 200: notification } } },
      (req) => notifications.markRead(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/notifications/read-all',
      { config, schema: { summary: '全部标记已读', tags, response: { 200: markedCount } } },
      (req) => notifications.markAllRead(req.ctx),
    );
  };
}
