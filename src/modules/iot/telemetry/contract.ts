import { z } from 'zod';

/** A device named by its code in the path. */
export const deviceCodeParam = z.object({ code: z.string().trim().min(1).max(60) });

/** A stored value: numbers (booleans as 1/0) or text. */
const value = z.union([z.number(), z.string()]).nullable();

/** The latest value of each key of a device. */
export const latestValues = z.object({
  code: z.string(),
  values: z.record(z.string(), z.object({ ts: z.string(), value })),
});
export type LatestValues = z.infer<typeof latestValues>;

export const seriesIntervals = ['raw', '1m', '1h', '1d'] as const;
export type SeriesInterval = (typeof seriesIntervals)[number];

/**
 * A time-series query: keys of the device's profile (comma-separated; default every key), an ISO range (default the
 * last 24 hours up to now) and the interval: `auto` picks raw up to 2 hours, 1m up to 2 days, 1h up to 60 days, 1d
 * beyond.
 */
export const timeseriesQuery = z.object({
  keys: z.string().trim().max(1000).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  interval: z.enum([...seriesIntervals, 'auto']).default('auto'),
});
export type TimeseriesQuery = z.infer<typeof timeseriesQuery>;

/** A raw point. */
export const rawPoint = z.object({ ts: z.string(), value });
/** An aggregate bucket (ts: its start) of numeric values. */
export const bucketPoint = z.object({
  ts: z.string(),
  min: z.number(),
  max: z.number(),
  avg: z.number(),
  count: z.number(),
});

/**
 * Series per key, oldest first. Numeric keys come in the interval chosen; text keys (a plate) always raw. A series
 * holds at most 5,000 points: past that, the newest 5,000, and its key is listed in `truncated`.
 */
export const timeseries = z.object({
  interval: z.enum(seriesIntervals),
  from: z.string(),
  to: z.string(),
  series: z.record(z.string(), z.array(z.union([bucketPoint, rawPoint]))),
  truncated: z.array(z.string()),
});
export type Timeseries = z.infer<typeof timeseries>;
