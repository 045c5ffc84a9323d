import { dateOfDayNumber, dayNumberOf } from '../clock/china-time.ts';
import type { Figures, Granularity } from './contract.ts';
import type { FigureRow } from './repository.ts';

/** A share rounded to four places, or null when there is nothing to share out. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** The figures of a group from its raw counts (rates and mean computed here, so every caller rounds alike). */
export function figuresOf(row: FigureRow | undefined): Figures {
  const r = row ?? {
    received: 0,
    closed: 0,
    on_time: 0,
    called_back: 0,
    satisfied: 0,
    reopened: 0,
    handling_hours: null,
  };
  return {
    received: r.received,
    closed: r.closed,
    onTime: r.on_time,
    onTimeRate: rate(r.on_time, r.closed),
    calledBack: r.called_back,
    satisfied: r.satisfied,
    satisfactionRate: rate(r.satisfied, r.called_back),
    reopened: r.reopened,
    reopenRate: rate(r.reopened, r.closed),
    meanHandlingHours:
      r.closed > 0 && r.handling_hours !== null ? Math.round((r.handling_hours / r.closed) * 10) / 10 : null,
  };
}

/** Trend buckets for a range of `days` days: days up to two months, then months. */
export function granularityOf(days: number): Granularity {
  return days <= 62 ? 'day' : 'month';
}

/** The first day of the month of a YYYY-MM-DD date. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

/** The first day of the month after the one of `date`. */
function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The day before a YYYY-MM-DD date. */
const dayBefore = (date: string) => dateOfDayNumber(dayNumberOf(date) - 1);

/** The start (YYYY-MM-DD) of every bucket from `from` to `to` (dates, both included), so empty ones show as 0. */
export function periods(from: string, to: string, granularity: Granularity): string[] {
  const out: string[] = [];
  if (granularity === 'day')
    for (let day = dayNumberOf(from); day <= dayNumberOf(to); day++) out.push(dateOfDayNumber(day));
  else for (let month = monthOf(from); month <= to; month = nextMonth(month)) out.push(month);
  return out;
}

/**
 * Where a range's figures are summed from: by day, the daily rollup alone; by month, the months wholly inside
 * the range from the monthly rollup and the days at either end from the daily one.
 */
export function spanOf(
  from: string,
  to: string,
  granularity: Granularity,
): { days: [string, string][]; months: [string, string] | null } {
  if (granularity === 'day') return { days: [[from, to]], months: null };
  // Whole months run from `first` up to the day before `afterLast`.
  const first = from === monthOf(from) ? from : nextMonth(from);
  const afterLast = dayBefore(nextMonth(to)) === to ? nextMonth(to) : monthOf(to);
  if (first >= afterLast) return { days: [[from, to]], months: null };
  const days: [string, string][] = [];
  if (from < first) days.push([from, dayBefore(first)]);
  if (afterLast <= to) days.push([afterLast, to]);
  return { days, months: [first, monthOf(dayBefore(afterLast))] };
}

/** Degrees of longitude and latitude of a cell about `metres` wide at latitude `lat`. */
export function cellDegrees(metres: number, lat: number): { lngStep: number; latStep: number } {
  const latStep = metres / 111_320;
  return { latStep, lngStep: latStep / Math.cos((lat * Math.PI) / 180) };
}

/** A coordinate rounded to six decimals (about 0.1 m): enough for a map, shorter to send. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
