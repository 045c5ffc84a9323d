/** The district's calendar: dates people see (ages, license validity, quality timeliness) are Asia/Shanghai days. */

// China Standard Time is UTC+8 all year (no daylight saving since 1991), so a fixed offset gives its calendar
// day exactly, and costs a fraction of Intl's time-zone formatting on hot paths such as the sharing API.
const UTC_PLUS_8 = 8 * 3600_000;

/**
 * The calendar day (YYYY-MM-DD) in Asia/Shanghai at `now`: a day there starts at 16:00 UTC the day before, so
 * the UTC date is wrong for eight hours of every day.
 */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + UTC_PLUS_8).toISOString().slice(0, 10);
}
