import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.ts';
import { briefingNumber, parsePeriod, periodAt, periodTitle, weeksInYear } from './period.ts';
import { owedPeriods } from './schedule.ts';

/** The field reason of the InputError `work` throws. */
function reasonOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof InputError) return error.fields[0]?.reason;
    throw error;
  }
  return undefined;
}

describe('briefing periods', () => {
  it('resolves an ISO week to Monday–Sunday in China time, with the week before and the house number', () => {
    const p = parsePeriod('2026-W49');
    expect(p).toMatchObject({
      kind: 'weekly',
      year: 2026,
      index: 49,
      from: '2026-11-30',
      to: '2026-12-06',
      previous: '2026-W48',
    });
    // China-local midnight is 16:00 UTC the day before.
    expect(p.start.toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(briefingNumber(p, '望城区')).toBe('望数运简〔2026〕第49期');
    expect(periodTitle(p)).toBe('2026年第49周（11月30日—12月6日）');
  });

  it('resolves a month, its previous month across the year, and its number', () => {
    const p = parsePeriod('2026-11');
    expect(p).toMatchObject({ kind: 'monthly', from: '2026-11-01', to: '2026-11-30', previous: '2026-10' });
    expect(p.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(briefingNumber(p, '望城区')).toBe('望数运月〔2026〕第11期');
    expect(periodTitle(p)).toBe('2026年11月');
    expect(parsePeriod('2026-01').previous).toBe('2025-12');
    expect(parsePeriod('2028-02').to).toBe('2028-02-29');
    expect(parsePeriod('2026-02').to).toBe('2026-02-28');
  });

  it('knows which years have a week 53, and refuses it in the others', () => {
    expect(weeksInYear(2020)).toBe(53); // a leap year starting on a Wednesday
    expect(weeksInYear(2026)).toBe(53); // starts on a Thursday
    expect(weeksInYear(2025)).toBe(52);
    expect(weeksInYear(2027)).toBe(52);
    expect(parsePeriod('2020-W53')).toMatchObject({ from: '2020-12-28', to: '2021-01-03' });
    expect(parsePeriod('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' });
    expect(reasonOf(() => parsePeriod('2025-W53'))).toBe('briefing_no_such_week');
    expect(reasonOf(() => parsePeriod('2027-W53'))).toBe('briefing_no_such_week');
  });

  it('crosses the year boundary: week 1 may start in December, the week before week 1 is the last of the year', () => {
    expect(parsePeriod('2026-W01')).toMatchObject({
      from: '2025-12-29',
      to: '2026-01-04',
      previous: '2025-W52',
    });
    expect(parsePeriod('2021-W01').previous).toBe('2020-W53');
    expect(periodTitle(parsePeriod('2026-W01'))).toBe('2026年第1周（2025年12月29日—2026年1月4日）');
    // 2027-01-01 (a Friday) is in 2026's week 53.
    expect(periodAt('weekly', new Date('2027-01-01T04:00:00Z')).code).toBe('2026-W53');
    // 2026-12-31 23:30 China time is still December, though UTC says 15:30.
    expect(periodAt('monthly', new Date('2026-12-31T15:30:00Z')).code).toBe('2026-12');
    expect(periodAt('monthly', new Date('2026-12-31T16:30:00Z')).code).toBe('2027-01');
  });

  it('refuses what is not a week or a month', () => {
    for (const bad of ['2026-W00', '2026-W54', '2026-13', '2026-00', '2026-W4', '26-11', '2026/11', ''])
      expect(
        reasonOf(() => parsePeriod(bad)),
        bad,
      ).toBe('period_format');
  });
});

describe('the schedule', () => {
  it("owes last week's briefing from Monday 08:00 China time, and last month's from the 1st at 08:00", () => {
    // Monday 2026-12-07 07:59 China time = 2026-12-06T23:59Z.
    expect(owedPeriods(new Date('2026-12-06T23:59:00Z'))).toEqual({ weekly: '2026-W48', monthly: '2026-11' });
    expect(owedPeriods(new Date('2026-12-07T00:00:00Z'))).toEqual({ weekly: '2026-W49', monthly: '2026-11' });
    // Tuesday 2026-12-01 07:59 China time: the month turned, but not yet 08:00.
    expect(owedPeriods(new Date('2026-11-30T23:59:00Z')).monthly).toBe('2026-10');
    expect(owedPeriods(new Date('2026-12-01T00:00:00Z')).monthly).toBe('2026-11');
    // New year's Monday: 2027-01-04 08:00 China time owes 2026's week 53 and December.
    expect(owedPeriods(new Date('2027-01-04T00:00:00Z'))).toEqual({ weekly: '2026-W53', monthly: '2026-12' });
  });
});
