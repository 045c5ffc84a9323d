import { z } from 'zod';
import { caseChannels } from '../cases/contract.ts';

/** A date range (China-local days, both included; default the last 30 days) and the filters of every figure. */
export const statsQuery = z.object({
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  category: z.string().trim().max(60).optional(),
  channel: z.enum(caseChannels).optional(),
  /** The center may look at one department; a department sees only its own. */
  departmentId: z.coerce.number().int().positive().optional(),
});
export type StatsQuery = z.infer<typeof statsQuery>;

/**
 * The figures of a set of cases received in the range (merged duplicates left out). Rates are shares 0..1, null
 * when nothing is there to rate.
 */
export const figures = z.object({
  received: z.number(),
  closed: z.number(),
  /** Closed cases replied (or, never replied, closed) at or before their due time. */
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  /** Cases called back (a satisfaction given). */
  calledBack: z.number(),
  /** Satisfied or basically satisfied, among the called back. */
  satisfied: z.number(),
  satisfactionRate: z.number().nullable(),
  /** Closed cases reopened at least once (重办). */
  reopened: z.number(),
  reopenRate: z.number().nullable(),
  /** Mean hours from receipt to reply (or to closing, when never replied), over the closed cases. */
  meanHandlingHours: z.number().nullable(),
});
export type Figures = z.infer<typeof figures>;

export const departmentFigures = figures.extend({
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
});
export const subdistrictFigures = figures.extend({
  subdistrictCode: z.string().nullable(),
  subdistrictName: z.string().nullable(),
});

export const granularities = ['day', 'month'] as const;
export type Granularity = (typeof granularities)[number];

export const statistics = z.object({
  from: z.string(),
  to: z.string(),
  /** Trend buckets: days up to 62 days, months beyond (the first and last may be partial). */
  granularity: z.enum(granularities),
  /** 'department' when the figures are one department's only. */
  scope: z.enum(['all', 'department']),
  totals: figures,
  byDepartment: z.array(departmentFigures),
  bySubdistrict: z.array(subdistrictFigures),
  trend: z.array(z.object({ period: z.string(), received: z.number(), closed: z.number() })),
  topCategories: z.array(
    z.object({ categoryCode: z.string().nullable(), categoryName: z.string().nullable(), count: z.number() }),
  ),
});
export type Statistics = z.infer<typeof statistics>;

/** The map of cases: a sample of points and a heat grid of about 200 m cells with counts (all cases). */
export const caseMap = z.object({
  points: z.array(
    z.object({
      number: z.string(),
      lng: z.number(),
      lat: z.number(),
      categoryCode: z.string().nullable(),
      status: z.string(),
    }),
  ),
  /** Cases with a place in the range; `points` holds at most `limit` of them, spread over the whole range. */
  placed: z.number(),
  /**
   * 1 when every case was counted; less for a long range, whose map is drawn from that share of the table (the
   * counts scaled up to estimates).
   */
  sampleShare: z.number(),
  limit: z.number(),
  /** Cell centres with the number of cases in each cell. */
  heat: z.array(z.tuple([z.number(), z.number(), z.number()])),
  cellMetres: z.number(),
});
export type CaseMap = z.infer<typeof caseMap>;
