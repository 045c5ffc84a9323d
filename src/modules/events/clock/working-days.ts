import holidayTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  CHINA_OFFSET_MS,
  chinaDayNumber,
  DAY_MS,
  dateOfDayNumber,
  dayNumberOf,
  msIntoChinaDay,
  weekdayOf,
} from './china-time.ts';

// Working days in China follow the State Council's yearly holiday notice (国务院办公厅关于某年部分节假日安排的通知):
// public holidays are days off even on weekdays, and make-up working days (调休上班) are working days even on
// Saturdays and Sundays. The package chinese-days maintains that table; it only knows the years whose notice
// was published when it was built. For any other year there is no better rule than Monday to Friday, which
// is what we use, and `isCoveredYear` / `uncoveredYearsAround` let the server warn so someone updates the package.
//
// We read the package's published table (dist/chinese-days.json, documented in its README) rather than call
// its isWorkday: in its ES build (what vitest and bundlers load) that function reads the weekday in the
// server's local time zone, so west of UTC (America/Los_Angeles, say) it calls Saturday 2026-02-07 a working day. Here every date is
// a China-local calendar date and weekdays come from arithmetic, whatever TZ the process runs in.

// A year past the package's table still has the days off the law fixes (全国年节及纪念日放假办法, as amended in
// 2024: 元旦 1, 春节 4 from New Year's Eve, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3), without the notice's bridges and
// make-up days. Better than Monday to Friday alone; replaced by the notice once the package has it.
const statutoryDaysOff: Record<number, string[]> = {
  2027: [
    '2027-01-01',
    ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
    '2027-04-05',
    ...['2027-05-01', '2027-05-02'],
    '2027-06-09',
    '2027-09-15',
    ...['2027-10-01', '2027-10-02', '2027-10-03'],
  ],
};

const noticeDates = [...Object.keys(holidayTable.holidays), ...Object.keys(holidayTable.workdays)];
const covered = new Set(noticeDates.map((date) => Number(date.slice(0, 4))));
const holidays: Record<string, string> = { ...holidayTable.holidays };
for (const [year, days] of Object.entries(statutoryDaysOff))
  if (!covered.has(Number(year))) for (const day of days) holidays[day] = 'statutory';
const workdays: Record<string, string> = holidayTable.workdays;
// The span the prefix sums below cover: the notices' years and the statutory ones.
const years = [...new Set([...covered, ...Object.keys(statutoryDaysOff).map(Number)])].sort((a, b) => a - b);

/** The years whose State Council holiday notice the table holds (every year from first to last). */
export function coveredYears(): { first: number; last: number; years: number[] } {
  const noticed = [...covered].sort((a, b) => a - b);
  return { first: noticed[0]!, last: noticed[noticed.length - 1]!, years: noticed };
}

/** Whether `year`'s holidays and make-up working days are known (else working days are Monday to Friday). */
export function isCoveredYear(year: number): boolean {
  return covered.has(year);
}

/**
 * The years near `now` (China time) whose notice the table lacks: this year, and next year from November on
 * (the notice usually comes out in November, and time limits reach into the next year in December). Empty
 * when all is well; otherwise the server should say that working days in those years are Monday to Friday.
 */
export function uncoveredYearsAround(now: Date): number[] {
  const local = new Date(now.getTime() + CHINA_OFFSET_MS);
  const year = local.getUTCFullYear();
  const wanted = local.getUTCMonth() >= 10 ? [year, year + 1] : [year];
  return wanted.filter((y) => !covered.has(y));
}

function isWorkingDayNumber(day: number): boolean {
  const date = dateOfDayNumber(day);
  if (Object.hasOwn(workdays, date)) return true;
  if (Object.hasOwn(holidays, date)) return false;
  const weekday = weekdayOf(day);
  return weekday >= 1 && weekday <= 5;
}

/** Whether a China-local date ('YYYY-MM-DD') is a working day, by the holiday notice of its year. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(dayNumberOf(date));
}

/** The n-th working day ('YYYY-MM-DD') after China-local date `date` (n ≥ 1; `date` itself never counts). */
export function nthWorkingDayAfter(date: string, n: number): string {
  return dateOfDayNumber(nthWorkingDayNumberAfter(dayNumberOf(date), n));
}

/** As nthWorkingDayAfter, on day numbers (China-local days since 1970-01-01). */
export function nthWorkingDayNumberAfter(day: number, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, not ${n}`);
  let d = day;
  for (let left = n; left > 0; ) {
    d++;
    if (isWorkingDayNumber(d)) left--;
  }
  return d;
}

// Counting working time between two instants must be cheap (a list of 10,000 cases each asks it), so the
// count of working days before a day is a closed formula for Monday to Friday plus, inside the covered
// years, a prefix sum of where the notice differs from Monday to Friday.

/** Monday-to-Friday days with day number < n (relative to day 0; negative n gives a negative count). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  const rest = n - weeks * 7;
  // Day 0 was a Thursday: Thu Fri Sat Sun Mon Tue Wed.
  const partial = [0, 1, 2, 2, 2, 3, 4][rest]!;
  return weeks * 5 + partial;
}

const tableStart = dayNumberOf(`${years[0]}-01-01`);
const tableEnd = dayNumberOf(`${years[years.length - 1]! + 1}-01-01`);
let noticeShift: Int32Array | undefined;

/** Notice minus Monday-to-Friday, summed over covered days before n (built once, on first use). */
function shiftBefore(n: number): number {
  if (!noticeShift) {
    noticeShift = new Int32Array(tableEnd - tableStart + 1);
    for (let d = tableStart; d < tableEnd; d++) {
      const weekday = weekdayOf(d) >= 1 && weekdayOf(d) <= 5;
      const shift = Number(isWorkingDayNumber(d)) - Number(weekday);
      noticeShift[d - tableStart + 1] = noticeShift[d - tableStart]! + shift;
    }
  }
  return noticeShift[Math.min(Math.max(n, tableStart), tableEnd) - tableStart]!;
}

/** Working days with day number < n, up to a constant: only differences between two counts mean anything. */
function workingDaysBefore(n: number): number {
  return weekdaysBefore(n) + shiftBefore(n);
}

/** How many working days lie in [from, to), both 'YYYY-MM-DD' China-local dates (negative if to < from). */
export function workingDaysBetween(from: string, to: string): number {
  return workingDaysBefore(dayNumberOf(to)) - workingDaysBefore(dayNumberOf(from));
}

/** Working time before an instant, counting whole China-local working days as 24 hours. */
function workingMsBefore(instant: Date): number {
  const day = chinaDayNumber(instant);
  const today = isWorkingDayNumber(day) ? msIntoChinaDay(instant) : 0;
  return workingDaysBefore(day) * DAY_MS + today;
}

/**
 * Milliseconds of working time from `from` to `to` (negative if to is earlier): the parts of the span that
 * fall on China-local working days, each working day counting 24 hours, weekends and holidays nothing.
 */
export function workingMsBetween(from: Date, to: Date): number {
  return workingMsBefore(to) - workingMsBefore(from);
}
