import { describe, expect, it } from 'vitest';
import { toChinaIso } from './china-time.ts';
import { clockState, closedOnTime, WARNING_SHARE, warningAt } from './clock-state.ts';
import { dueAt } from './time-limit.ts';

const at = (iso: string) => new Date(iso);

describe('clockState', () => {
  // Received Monday 09:00 with 10 hours: 80 % is at 17:00, due at 19:00.
  const received = at('2026-03-02T09:00:00+08:00');
  const due = at('2026-03-02T19:00:00+08:00');

  it('is normal before 80 % of the time, warning from it, overdue only after the due time', () => {
    expect(clockState(received, due, received)).toEqual({ state: 'normal', elapsedShare: 0 });
    expect(clockState(received, due, at('2026-03-02T14:00:00+08:00'))).toEqual({
      state: 'normal',
      elapsedShare: 0.5,
    });
    expect(clockState(received, due, at('2026-03-02T16:59:59.999+08:00')).state).toBe('normal');
    expect(clockState(received, due, at('2026-03-02T17:00:00+08:00'))).toEqual({
      state: 'warning',
      elapsedShare: 0.8,
    });
    expect(clockState(received, due, due)).toEqual({ state: 'warning', elapsedShare: 1 });
    expect(clockState(received, due, at('2026-03-02T19:00:00.001+08:00')).state).toBe('overdue');
    expect(clockState(received, due, at('2026-03-02T21:00:00+08:00'))).toEqual({
      state: 'overdue',
      elapsedShare: 1.2,
    });
  });

  it('never reports a negative share, and copes with no time allowed', () => {
    expect(clockState(received, due, at('2026-03-02T08:00:00+08:00'))).toEqual({
      state: 'normal',
      elapsedShare: 0,
    });
    expect(clockState(due, due, due)).toEqual({ state: 'warning', elapsedShare: 1 });
    expect(clockState(due, due, at('2026-03-02T19:00:01+08:00')).state).toBe('overdue');
  });

  it('puts the warning of a working-day limit on a working day across 春节 when asked to count working time', () => {
    const friday = at('2026-02-13T12:00:00+08:00');
    const due3 = dueAt(friday, '3wd');
    expect(toChinaIso(due3)).toBe('2026-02-25T12:00:00+08:00');
    // By the calendar, 80 % of the 12 days falls in the holiday …
    expect(toChinaIso(warningAt(friday, due3))).toBe('2026-02-23T02:24:00+08:00');
    const inHoliday = at('2026-02-23T10:00:00+08:00');
    expect(clockState(friday, due3, inHoliday).state).toBe('warning');
    // … by working time (72 h: half of the 13th, the 14th, the 24th, half of the 25th) it is 57.6 h in.
    expect(clockState(friday, due3, inHoliday, 'working')).toEqual({ state: 'normal', elapsedShare: 0.5 });
    expect(toChinaIso(warningAt(friday, due3, 'working'))).toBe('2026-02-24T21:36:00+08:00');
    expect(clockState(friday, due3, at('2026-02-24T21:35:59+08:00'), 'working').state).toBe('normal');
    expect(clockState(friday, due3, at('2026-02-24T21:36:00+08:00'), 'working')).toEqual({
      state: 'warning',
      elapsedShare: WARNING_SHARE,
    });
    expect(clockState(friday, due3, at('2026-02-25T12:00:01+08:00'), 'working').state).toBe('overdue');
    // Overdue during a later weekend: the working share stands still but the state is overdue all the same.
    expect(clockState(friday, due3, at('2026-03-01T12:00:00+08:00'), 'working')).toMatchObject({
      state: 'overdue',
    });
  });

  it('gives the calendar warning instant at exactly 80 %', () => {
    expect(warningAt(received, due)).toEqual(at('2026-03-02T17:00:00+08:00'));
  });
});

describe('closedOnTime', () => {
  const due = at('2026-03-02T19:00:00+08:00');
  it('is on time up to and including the due time', () => {
    expect(closedOnTime(due, at('2026-03-02T18:00:00+08:00'))).toBe(true);
    expect(closedOnTime(due, due)).toBe(true);
    expect(closedOnTime(due, at('2026-03-02T19:00:00.001+08:00'))).toBe(false);
  });
});
