/** The district's calendar: dates people see (ages, license validity, quality timeliness) are Asia/Shanghai days. */

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day (YYYY-MM-DD) in Asia/Shanghai at `now`: a day there starts at 16:00 UTC the day before, so
 * the UTC date is wrong for eight hours of every day.
 */
export function todayInShanghai(now: Date = new Date()): string {
  const parts = SHANGHAI_DAY.formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
