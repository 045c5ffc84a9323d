// The device page's reads: the latest values and the time series (raw points or aggregate buckets).
import type { Db } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { DeviceRef } from '../ports.ts';
import type { Profile } from '../profiles/service.ts';
import type { LatestValues, SeriesInterval, Timeseries, TimeseriesQuery } from './contract.ts';
import { aggregateBuckets, latestOf, rawPoints } from './repository.ts';

/** At most this many points per series (the newest ones). */
export const SERIES_CAP = 5_000;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The interval `auto` picks for a range: raw up to 2 hours, 1m up to 2 days, 1h up to 60 days, 1d beyond. */
export function autoInterval(from: Date, to: Date): SeriesInterval {
  const span = to.getTime() - from.getTime();
  if (span <= 2 * HOUR_MS) return 'raw';
  if (span <= 2 * DAY_MS) return '1m';
  if (span <= 60 * DAY_MS) return '1h';
  return '1d';
}

/** The latest value of each key of the device. */
export async function latestValues(db: Db, device: DeviceRef): Promise<LatestValues> {
  const rows = await latestOf(db, device.id);
  const values: LatestValues['values'] = {};
  for (const r of rows) values[r.key] = { ts: r.ts.toISOString(), value: r.num ?? r.txt };
  return { code: device.code, values };
}

/** The series of the keys asked of the device, in the interval asked (or picked by the range). */
export async function timeseriesOf(
  db: Db,
  device: DeviceRef,
  profile: Profile,
  query: TimeseriesQuery,
  now: Date,
): Promise<Timeseries> {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
  if (from > to)
    throw new InputError('bad_timeseries_query', 'The range ends before it starts', [
      { field: 'from', reason: 'after_to' },
    ]);
  const known = new Map(profile.keys.map((k) => [k.key, k]));
  const keys = query.keys
    ? [
        ...new Set(
          query.keys
            .split(',')
            .map((k) => k.trim())
            .filter(Boolean),
        ),
      ]
    : [...known.keys()];
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new InputError('bad_timeseries_query', `Unknown keys ${unknown.join(', ')}`, [
      { field: 'keys', reason: 'unknown_keys', params: { keys: unknown.join(', ') } },
    ]);
  const interval = query.interval === 'auto' ? autoInterval(from, to) : query.interval;
  const series: Timeseries['series'] = {};
  const truncated: string[] = [];
  for (const key of keys) {
    // Text (a plate) has no min or max: it is always answered raw.
    if (interval === 'raw' || known.get(key)!.type === 'string') {
      const rows = await rawPoints(db, device.id, key, from, to, SERIES_CAP + 1);
      if (rows.length > SERIES_CAP) truncated.push(key);
      series[key] = rows
        .slice(0, SERIES_CAP)
        .reverse()
        .map((r) => ({ ts: r.ts.toISOString(), value: r.num ?? r.txt }));
    } else {
      // The bucket holding `from` counts: its start may be before `from`.
      const start = new Date(Math.floor(from.getTime() / bucketMs[interval]) * bucketMs[interval]);
      const rows = await aggregateBuckets(db, device.id, key, interval, start, to, SERIES_CAP + 1);
      if (rows.length > SERIES_CAP) truncated.push(key);
      series[key] = rows
        .slice(0, SERIES_CAP)
        .reverse()
        .map((r) => ({
          ts: r.bucket.toISOString(),
          min: r.min,
          max: r.max,
          avg: r.count > 0 ? r.sum / r.count : 0,
          count: Number(r.count),
        }));
    }
  }
  return { interval, from: from.toISOString(), to: to.toISOString(), series, truncated };
}

const bucketMs = { '1m': 60_000, '1h': HOUR_MS, '1d': DAY_MS } as const;
