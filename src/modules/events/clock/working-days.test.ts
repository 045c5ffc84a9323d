import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chinaInstant, dayNumberOf } from './china-time.ts';
import {
  coveredYears,
  isCoveredYear,
  isWorkingDay,
  nthWorkingDayAfter,
  uncoveredYearsAround,
  workingDaysBetween,
  workingMsBetween,
} from './working-days.ts';

// Dates from the State Council's notices (国办发明电〔2023〕7号 for 2024, 〔2024〕12号 for 2025, 〔2025〕7号 for 2026).
const notices: Record<
  string,
  { holidays: string[]; makeUp: string[]; weekend: string[]; working: string[] }
> = {
  2024: {
    // 春节 Feb 10–17 with Sun Feb 4 and Sun Feb 18 worked; 劳动节 May 1–5 with Sun Apr 28 and Sat May 11
    // worked; 国庆 Oct 1–7 with Sun Sep 29 and Sat Oct 12 worked.
    holidays: [
      '2024-01-01',
      '2024-02-12',
      '2024-02-16',
      '2024-04-04',
      '2024-05-03',
      '2024-09-16',
      '2024-10-07',
    ],
    makeUp: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
    ],
    weekend: ['2024-03-09', '2024-03-10', '2024-10-13'],
    working: ['2024-02-08', '2024-02-19', '2024-10-08'],
  },
  2025: {
    // 春节 Jan 28–Feb 4 with Sun Jan 26 and Sat Feb 8 worked; 国庆 and 中秋 Oct 1–8 with Sun Sep 28 and
    // Sat Oct 11 worked.
    holidays: [
      '2025-01-01',
      '2025-01-28',
      '2025-02-04',
      '2025-04-04',
      '2025-05-05',
      '2025-06-02',
      '2025-10-08',
    ],
    makeUp: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    weekend: ['2025-02-09', '2025-09-27', '2025-10-12'],
    working: ['2025-01-27', '2025-02-05', '2025-10-09'],
  },
  2026: {
    // 元旦 Jan 1–3 with Sun Jan 4 worked; 春节 Feb 15–23 with Sat Feb 14 and Sat Feb 28 worked; 劳动节
    // May 1–5 with Sat May 9 worked; 国庆 Oct 1–7 with Sun Sep 20 and Sat Oct 10 worked.
    holidays: [
      '2026-01-02',
      '2026-02-16',
      '2026-02-20',
      '2026-02-23',
      '2026-04-06',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-07',
    ],
    makeUp: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    weekend: ['2026-02-07', '2026-02-08', '2026-03-01', '2026-10-11', '2026-09-19'],
    working: ['2026-02-13', '2026-02-24', '2026-09-30', '2026-10-08', '2026-10-09'],
  },
};

describe('working days by the holiday notices', () => {
  for (const [year, notice] of Object.entries(notices)) {
    it(`follows the ${year} notice`, () => {
      for (const date of notice.holidays) expect([date, isWorkingDay(date)]).toEqual([date, false]);
      for (const date of notice.makeUp) expect([date, isWorkingDay(date)]).toEqual([date, true]);
      for (const date of notice.weekend) expect([date, isWorkingDay(date)]).toEqual([date, false]);
      for (const date of notice.working) expect([date, isWorkingDay(date)]).toEqual([date, true]);
    });
  }

  it('knows the years 2004 to 2026 at least, and says which', () => {
    const { first, last, years } = coveredYears();
    expect(first).toBe(2004);
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(years).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
    expect(isCoveredYear(2025)).toBe(true);
    expect(isCoveredYear(2003)).toBe(false);
    expect(isCoveredYear(2099)).toBe(false);
  });

  it('falls back to Monday to Friday in a year the table does not cover', () => {
    // 2099-01-01 is a Thursday: no notice, so New Year's Day is counted as a working day.
    expect(isWorkingDay('2099-01-01')).toBe(true);
    expect(isWorkingDay('2099-01-03')).toBe(false);
    expect(isWorkingDay('2099-01-05')).toBe(true);
    expect(isWorkingDay('2003-01-04')).toBe(false);
  });

  it('names the years near now that the table lacks', () => {
    expect(uncoveredYearsAround(new Date('2025-06-01T00:00:00+08:00'))).toEqual([]);
    expect(uncoveredYearsAround(new Date('2099-03-01T00:00:00+08:00'))).toEqual([2099]);
    expect(uncoveredYearsAround(new Date('2099-11-01T00:00:00+08:00'))).toEqual([2099, 2100]);
    // 1 November in China is still 31 October in UTC: the month is read on China's clock.
    expect(uncoveredYearsAround(new Date('2098-11-01T00:30:00+08:00'))).toEqual([2098, 2099]);
    expect(uncoveredYearsAround(new Date('2098-10-31T23:30:00+08:00'))).toEqual([2098]);
  });

  it('refuses a date that is not YYYY-MM-DD or does not exist', () => {
    expect(() => isWorkingDay('2026-2-14')).toThrow(RangeError);
    expect(() => isWorkingDay('2026-02-30')).toThrow(RangeError);
  });

  it('finds the n-th working day after a date, skipping holidays and counting make-up days', () => {
    expect(nthWorkingDayAfter('2026-02-13', 1)).toBe('2026-02-14');
    expect(nthWorkingDayAfter('2026-02-13', 2)).toBe('2026-02-24');
    expect(nthWorkingDayAfter('2026-09-30', 3)).toBe('2026-10-10');
    expect(() => nthWorkingDayAfter('2026-09-30', 0)).toThrow(RangeError);
  });

  it('counts working days between dates as one by one would, inside and outside the table', () => {
    const oneByOne = (from: string, to: string) => {
      let n = 0;
      for (let d = dayNumberOf(from); d < dayNumberOf(to); d++)
        if (isWorkingDay(new Date(d * 86_400_000).toISOString().slice(0, 10))) n++;
      return n;
    };
    for (const [from, to] of [
      ['2024-01-01', '2027-01-01'],
      ['2026-02-13', '2026-02-25'],
      ['2026-12-20', '2027-01-20'],
      ['2003-12-01', '2004-02-01'],
      ['2026-02-14', '2026-02-15'],
    ] as const) {
      expect([from, to, workingDaysBetween(from, to)]).toEqual([from, to, oneByOne(from, to)]);
    }
    // 春节 2026: Sat 14 worked, 15–23 off, so 13th, 14th, 24th in [13, 25).
    expect(workingDaysBetween('2026-02-13', '2026-02-25')).toBe(3);
    expect(workingDaysBetween('2026-02-25', '2026-02-13')).toBe(-3);
    // 2024 is a leap year: 366 days, 251 working days by its notice.
    expect(workingDaysBetween('2024-01-01', '2025-01-01')).toBe(251);
  });

  it('measures working time between instants on China working days only', () => {
    const at = (iso: string) => new Date(iso);
    const h = 3_600_000;
    // Friday 13 Feb 12:00 to Tuesday 24 Feb 12:00: half of the 13th, all of the make-up 14th, half of the 24th.
    expect(workingMsBetween(at('2026-02-13T12:00:00+08:00'), at('2026-02-24T12:00:00+08:00'))).toBe(48 * h);
    // Within the holiday nothing passes.
    expect(workingMsBetween(at('2026-02-16T08:00:00+08:00'), at('2026-02-22T20:00:00+08:00'))).toBe(0);
    // The day boundary is China's midnight, not UTC's: 23:00 to 01:00 from a working Friday into a Saturday.
    expect(workingMsBetween(at('2026-03-06T23:00:00+08:00'), at('2026-03-07T01:00:00+08:00'))).toBe(1 * h);
    expect(
      workingMsBetween(chinaInstant(dayNumberOf('2026-03-09')), chinaInstant(dayNumberOf('2026-03-02'))),
    ).toBe(-5 * 24 * h);
  });

  it("gives the same answers whatever the server's time zone", () => {
    // A child process per zone, since a process reads TZ once; west of UTC is where a local-time weekday slips.
    const module = fileURLToPath(new URL('./working-days.ts', import.meta.url));
    const script = `import('${module}').then((w) => console.log(JSON.stringify([
      w.isWorkingDay('2026-02-07'), w.isWorkingDay('2026-02-14'), w.isWorkingDay('2026-02-16'),
      w.workingDaysBetween('2024-01-01', '2025-01-01')])))`;
    for (const tz of ['America/Los_Angeles', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { ...process.env, TZ: tz },
        encoding: 'utf8',
      });
      expect([tz, JSON.parse(out)]).toEqual([tz, [false, true, false, 251]]);
    }
  });
});

describe('a year the package has no notice for', () => {
  it('keeps the days off the law fixes, without bridges or make-up days', () => {
    expect(isCoveredYear(2027)).toBe(false);
    // 元旦 (Friday), the four days of 春节 from New Year's Eve, 国庆 1–3.
    for (const day of ['2027-01-01', '2027-02-05', '2027-02-08', '2027-10-01', '2027-10-03'])
      expect(isWorkingDay(day), day).toBe(false);
    // Ordinary days around them.
    expect(isWorkingDay('2027-01-04')).toBe(true);
    expect(isWorkingDay('2027-02-09')).toBe(true);
    expect(isWorkingDay('2027-10-04')).toBe(true);
    expect(nthWorkingDayAfter('2026-12-31', 1)).toBe('2027-01-04');
    expect(workingDaysBetween('2027-01-01', '2027-01-08')).toBe(4);
  });
});
