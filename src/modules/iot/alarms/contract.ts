import { z } from 'zod';
import { severities } from '../ports.ts';

export const alarmStatuses = ['active_unack', 'active_ack', 'cleared_unack', 'cleared_ack'] as const;
export type AlarmStatus = (typeof alarmStatuses)[number];

/** An alarm as the console shows it (and as the stream pushes it). */
export const alarm = z.object({
  id: z.number(),
  deviceCode: z.string(),
  deviceName: z.string(),
  profileCode: z.string(),
  ruleId: z.number(),
  ruleName: z.string(),
  severity: z.string(),
  status: z.enum(alarmStatuses),
  message: z.string(),
  subject: z.string(),
  startedAt: z.string(),
  lastAt: z.string(),
  count: z.number(),
  firstValue: z.unknown(),
  lastValue: z.unknown(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  caseNumber: z.string().nullable(),
  lng: z.number(),
  lat: z.number(),
});
export type Alarm = z.infer<typeof alarm>;

export const alarmPage = z.object({ items: z.array(alarm), total: z.number() });

/** Which alarms: `active` is every alarm not cleared (acknowledged or not). */
export const alarmQuery = z.object({
  status: z.enum(['active', 'unacknowledged', 'acknowledged', 'cleared', 'all']).default('all'),
  severity: z.enum(severities).optional(),
  device: z.string().trim().max(60).optional(),
  profile: z.string().trim().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type AlarmQuery = z.infer<typeof alarmQuery>;

export const alarmIdParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
