import { type ClockBasis, warningAt } from '../clock/clock-state.ts';
import { dueAt, extendDue } from '../clock/time-limit.ts';

/** Working-day limits are watched in working time, hour limits in calendar time. */
export function basisOf(limit: string | undefined): ClockBasis {
  return limit?.endsWith('wd') ? 'working' : 'calendar';
}

/** The clock columns of a case whose clock starts at `from` (receipt or reopening) under `limit`. */
export function clockColumns(from: Date, limit: string) {
  const due = dueAt(from, limit);
  return { clockFrom: from, dueAt: due, warnAt: warningAt(from, due, basisOf(limit)) };
}

/** The clock columns after an approved extension of `extra` (e.g. `2wd`), counted from the current due time. */
export function extendedColumns(
  c: { clockFrom: Date; dueAt: Date },
  extra: string,
  limit: string | undefined,
) {
  const due = extendDue(c.dueAt, extra);
  return { dueAt: due, warnAt: warningAt(c.clockFrom, due, basisOf(limit)) };
}
