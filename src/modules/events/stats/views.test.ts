import { describe, expect, it } from 'vitest';
import { cellDegrees, figuresOf, granularityOf, periods, rate, spanOf } from './views.ts';

describe('statistics views', () => {
  it('rates a share to four places, null when there is nothing to rate', () => {
    expect(rate(2, 3)).toBe(0.6667);
    expect(rate(0, 0)).toBeNull();
    expect(figuresOf(undefined)).toMatchObject({ received: 0, onTimeRate: null, meanHandlingHours: null });
    expect(
      figuresOf({
        received: 4,
        closed: 2,
        on_time: 1,
        called_back: 2,
        satisfied: 2,
        reopened: 0,
        handling_hours: 7,
      }),
    ).toMatchObject({ onTimeRate: 0.5, satisfactionRate: 1, reopenRate: 0, meanHandlingHours: 3.5 });
  });

  it('buckets by day up to 62 days, then by month', () => {
    expect(granularityOf(62)).toBe('day');
    expect(granularityOf(63)).toBe('month');
    expect(periods('2026-02-27', '2026-03-02', 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(periods('2025-11-15', '2026-02-03', 'month')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
  });

  it('sums whole months from the monthly rollup and the ends from the daily one', () => {
    expect(spanOf('2026-01-01', '2026-12-31', 'month')).toEqual({
      days: [],
      months: ['2026-01-01', '2026-12-01'],
    });
    expect(spanOf('2026-03-15', '2026-06-10', 'month')).toEqual({
      days: [
        ['2026-03-15', '2026-03-31'],
        ['2026-06-01', '2026-06-10'],
      ],
      months: ['2026-04-01', '2026-05-01'],
    });
    expect(spanOf('2025-12-07', '2026-02-27', 'month')).toEqual({
      days: [
        ['2025-12-07', '2025-12-31'],
        ['2026-02-01', '2026-02-27'],
      ],
      months: ['2026-01-01', '2026-01-01'],
    });
    expect(spanOf('2026-01-02', '2026-02-27', 'month')).toEqual({
      days: [['2026-01-02', '2026-02-27']],
      months: null,
    });
    expect(spanOf('2026-01-02', '2026-01-20', 'day')).toEqual({
      days: [['2026-01-02', '2026-01-20']],
      months: null,
    });
  });

  it('makes cells about as wide as tall on the ground', () => {
    const { lngStep, latStep } = cellDegrees(200, 60);
    expect(latStep).toBeCloseTo(0.0018, 4);
    expect(lngStep).toBeCloseTo(2 * latStep, 6);
  });
});
