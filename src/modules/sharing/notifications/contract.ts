import { z } from 'zod';

// Console notifications in the console API of sharing (re-exported by ../contract.ts).

export const notification = z.object({
  id: z.number(),
  kind: z.string(),
  applicationId: z.number().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notification>;

export const notificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationPage = z.object({
  items: z.array(notification),
  total: z.number(),
  unread: z.number(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

export const unreadCount = z.object({ unread: z.number() });
export const markedCount = z.object({ marked: z.number() });
