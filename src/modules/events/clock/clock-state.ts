import { workingMsBetween } from './working-days.ts';

/** Where a case stands against its due time. */
export type ClockState = {
  state: 'normal' | 'warning' | 'overdue';
  /** Share of the allowed time used so far: 0 at receipt, 0.8 at the warning, 1 at the due time, > 1 late. */
  elapsedShare: number;
};

/** The share of the allowed time at which a case turns to warning (预警). */
export const WARNING_SHARE = 0.8;

/**
 * How time is measured for the share. 'calendar' counts every hour. 'working' counts only hours on China-local
 * working days, so a case due after a holiday does not turn to warning while everyone is away: use it for
 * `Nwd` limits (received Friday 13 February 2026 at 12:00 with 3wd, due 25 February 12:00 across 春节: by the
 * calendar the warning would come on 23 February, a holiday; by working time it comes on the 24th, at 21:36). The state 'overdue' is the same under both: after the due time.
 */
export type ClockBasis = 'calendar' | 'working';

function span(from: Date, to: Date, basis: ClockBasis): number {
  return basis === 'working' ? workingMsBetween(from, to) : to.getTime() - from.getTime();
}

/**
 * A case's clock at `now`: overdue strictly after `due`; warning from WARNING_SHARE of the allowed time
 * (receivedAt to due) up to and including the due time; normal before. The share is never below 0 (a clock
 * read before receipt); if no time is allowed at all, it is 0 before the due time and 1 from it.
 */
export function clockState(
  receivedAt: Date,
  due: Date,
  now: Date,
  basis: ClockBasis = 'calendar',
): ClockState {
  const allowed = span(receivedAt, due, basis);
  const used = span(receivedAt, now, basis);
  let elapsedShare: number;
  if (allowed > 0) elapsedShare = Math.max(0, used / allowed);
  else elapsedShare = now.getTime() >= due.getTime() ? 1 : 0;
  if (now.getTime() > due.getTime()) return { state: 'overdue', elapsedShare: Math.max(elapsedShare, 1) };
  return { state: elapsedShare >= WARNING_SHARE ? 'warning' : 'normal', elapsedShare };
}

/**
 * The instant a case turns to warning: when WARNING_SHARE of the allowed time is used (for the 'working'
 * basis, of the working time; that instant then falls on a working day). For scheduling reminders.
 */
export function warningAt(receivedAt: Date, due: Date, basis: ClockBasis = 'calendar'): Date {
  const allowedCalendar = due.getTime() - receivedAt.getTime();
  if (basis === 'calendar' || allowedCalendar <= 0)
    return new Date(receivedAt.getTime() + Math.ceil(allowedCalendar * WARNING_SHARE));
  const target = workingMsBetween(receivedAt, due) * WARNING_SHARE;
  // Working time only grows with the instant, so the first instant with enough of it is found by bisection
  // on whole milliseconds (about 40 steps for a span of weeks).
  let lo = receivedAt.getTime();
  let hi = due.getTime();
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (workingMsBetween(receivedAt, new Date(mid)) >= target) hi = mid;
    else lo = mid + 1;
  }
  return new Date(lo);
}

/** Whether a case closed at `closedAt` met its due time (closing exactly at the due time is on time). */
export function closedOnTime(due: Date, closedAt: Date): boolean {
  return closedAt.getTime() <= due.getTime();
}
