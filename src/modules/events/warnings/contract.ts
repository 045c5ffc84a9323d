import { z } from 'zod';

/** The rule of the early warning; each field defaults to the (5 cases within 500 m in 7 days). */
export const warningQuery = z.object({
  minCases: z.coerce.number().int().min(2).max(1000).optional(),
  radiusMetres: z.coerce.number().min(10).max(10_000).optional(),
  days: z.coerce.number().min(1).max(90).optional(),
});
export type WarningQuery = z.infer<typeof warningQuery>;

export const warningCase = z.object({
  number: z.string(),
  content: z.string(),
  address: z.string().nullable(),
  receivedAt: z.string(),
  status: z.string(),
  lng: z.number(),
  lat: z.number(),
});

/** One warning: a cluster of cases of one category, near in space and time. */
export const warning = z.object({
  key: z.string(),
  categoryCode: z.string(),
  categoryName: z.string().nullable(),
  centre: z.object({ lng: z.number(), lat: z.number() }),
  radiusMetres: z.number(),
  firstAt: z.string(),
  lastAt: z.string(),
  cases: z.array(warningCase),
});
export type Warning = z.infer<typeof warning>;

export const warningList = z.object({
  rule: z.object({ minCases: z.number(), radiusMetres: z.number(), days: z.number() }),
  /** When the window was read: cases received from `since` up to now. */
  since: z.string(),
  items: z.array(warning),
});
export type WarningList = z.infer<typeof warningList>;
