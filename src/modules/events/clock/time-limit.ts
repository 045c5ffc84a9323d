import { InputError } from '../../../core/errors.ts';
import { chinaDayNumber, chinaInstant, msIntoChinaDay } from './china-time.ts';
import { nthWorkingDayNumberAfter } from './working-days.ts';

/**
 * A case's time limit, as the category list writes it: `Nh` is N calendar hours from receipt, `Nwd` is N
 * working days (the same China-local clock time on the N-th working day after the day of receipt).
 */
export type TimeLimit = { unit: 'hours' | 'workdays'; amount: number };

// Bounds that catch typing slips (4000h for 400h) without getting in a real limit's way: a year either way.
export const MAX_HOURS = 8784;
export const MAX_WORKDAYS = 250;

const LIMIT = /^(\d+)\s*(h|wd)$/i;

/**
 * Reads a time limit such as '4h', '24h' or '3wd' (spaces around and case are forgiven). Throws InputError
 * `invalid_time_limit` with the field (`limit` unless named) and the reason: not_a_time_limit, too_small or
 * too_big.
 */
export function parseTimeLimit(text: string, field = 'limit'): TimeLimit {
  const fail = (reason: string, message: string, params: Record<string, unknown> = {}) =>
    new InputError('invalid_time_limit', `${field}: ${message}`, [{ field, reason, params }], {
      limit: text,
      ...params,
    });
  const m = LIMIT.exec(String(text).trim());
  if (!m) throw fail('not_a_time_limit', `"${text}" is not a time limit such as 4h or 3wd`);
  const amount = Number(m[1]);
  const unit = m[2]!.toLowerCase() === 'h' ? 'hours' : 'workdays';
  if (amount < 1) throw fail('too_small', 'a time limit must be at least 1', { minimum: 1 });
  const maximum = unit === 'hours' ? MAX_HOURS : MAX_WORKDAYS;
  if (amount > maximum) throw fail('too_big', `at most ${maximum} ${unit}`, { maximum });
  return { unit, amount };
}

/** The canonical text of a time limit ('4h', '3wd'), as parseTimeLimit reads it. */
export function formatTimeLimit(limit: TimeLimit): string {
  return `${limit.amount}${limit.unit === 'hours' ? 'h' : 'wd'}`;
}

const asLimit = (limit: TimeLimit | string) => (typeof limit === 'string' ? parseTimeLimit(limit) : limit);

/**
 * When a case received at `receivedAt` with this limit falls due.
 * - `Nh`: N × 60 minutes later, on the calendar, whatever the day (4h at 22:00 ends at 02:00 the next day).
 * - `Nwd`: the same China-local clock time on the N-th working day after the China-local day of receipt,
 *   skipping weekends and holidays and counting make-up working days. The day of receipt never counts,
 *   working day or not: a case received on a holiday or at a weekend is due on the N-th working day after
 *   that day (received Saturday 10:00, 1wd → Monday 10:00 if Monday is a working day). A case received late
 *   at night keeps its clock time: Friday 23:30 with 2wd is due Tuesday 23:30, so the department still has
 *   two whole working days after the one the case came in on.
 */
export function dueAt(receivedAt: Date, limit: TimeLimit | string): Date {
  const { unit, amount } = asLimit(limit);
  if (!Number.isFinite(receivedAt.getTime())) throw new RangeError('Invalid receipt time');
  if (unit === 'hours') return new Date(receivedAt.getTime() + amount * 3_600_000);
  const day = nthWorkingDayNumberAfter(chinaDayNumber(receivedAt), amount);
  return chinaInstant(day, msIntoChinaDay(receivedAt));
}

/**
 * The due time after an approved extension (延期) of `extra` (given like a limit, '2wd' or '24h'), counted
 * from the current due time by the same rule as dueAt. Extensions add up: extend an extended due time again.
 */
export function extendDue(due: Date, extra: TimeLimit | string): Date {
  return dueAt(due, extra);
}
