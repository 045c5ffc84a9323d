import { z } from 'zod';

/** Usage statistics of the sharing API (/api/sharing/usage…), as the console charts them. */

const outcome = z
  .string()
  .trim()
  .regex(/^[a-z_]{1,40}$/);

/** Filters every usage view takes: a window of days, one resource (code or alias), one consumer department. */
export const usageFilter = z.object({
  days: z.coerce.number().int().min(1).max(90).default(30),
  resource: z.string().trim().min(1).max(60).optional(),
  consumer: z.coerce.number().int().positive().optional(),
});
export type UsageFilter = z.infer<typeof usageFilter>;

export const dailyQuery = usageFilter.extend({ by: z.enum(['resource', 'consumer']).default('resource') });
export type DailyQuery = z.infer<typeof dailyQuery>;

/** Calls per day of the window, one series per resource or consumer department (days without calls are 0). */
export const dailyUsage = z.object({
  days: z.array(z.string()),
  series: z.array(z.object({ id: z.number().nullable(), name: z.string(), calls: z.array(z.number()) })),
});
export type DailyUsage = z.infer<typeof dailyUsage>;

export const outcomeUsage = z.object({
  total: z.number(),
  items: z.array(z.object({ outcome: z.string(), calls: z.number() })),
});
export type OutcomeUsage = z.infer<typeof outcomeUsage>;

export const topConsumersQuery = usageFilter.extend({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type TopConsumersQuery = z.infer<typeof topConsumersQuery>;

/** The departments calling the most (of a resource, when one is given), with what they got. */
export const topConsumers = z.object({
  items: z.array(
    z.object({
      departmentId: z.number().nullable(),
      department: z.string(),
      systems: z.array(z.string()),
      calls: z.number(),
      served: z.number(),
      rows: z.number(),
      lastAt: z.string(),
    }),
  ),
});
export type TopConsumers = z.infer<typeof topConsumers>;

export const recentCallsQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  resource: z.string().trim().min(1).max(60).optional(),
  consumer: z.coerce.number().int().positive().optional(),
  outcome: outcome.optional(),
});
export type RecentCallsQuery = z.infer<typeof recentCallsQuery>;

/** One logged call; keys and filter values on personal items are shown masked. */
export const recentCall = z.object({
  id: z.number(),
  at: z.string(),
  keyId: z.string().nullable(),
  resource: z.string().nullable(),
  resourceName: z.string().nullable(),
  department: z.string().nullable(),
  system: z.string().nullable(),
  endpoint: z.string(),
  items: z.array(z.string()).nullable(),
  query: z.record(z.string(), z.unknown()).nullable(),
  rows: z.number(),
  outcome: z.string(),
  status: z.number(),
  ms: z.number().nullable(),
  ip: z.string().nullable(),
});
export type RecentCall = z.infer<typeof recentCall>;

export const recentCalls = z.object({ items: z.array(recentCall), total: z.number() });
export type RecentCalls = z.infer<typeof recentCalls>;

/** What the caller may filter usage by: the resources and consumer departments in the calls it may see. */
export const usageChoices = z.object({
  scope: z.enum(['all', 'department']),
  resources: z.array(
    z.object({ id: z.number(), code: z.string(), alias: z.string().nullable(), name: z.string() }),
  ),
  consumers: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type UsageChoices = z.infer<typeof usageChoices>;
