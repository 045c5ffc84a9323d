// The period a picked date stands for: the ISO week (Monday to Sunday) or the month it falls in, written as the
// API takes it ('2026-W49', '2026-11'). The pickers give a local calendar date; the district's dates are China's.

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week code of a calendar date (year, month 1–12, day). */
export function isoWeekCode(year: number, month: number, day: number): string {
  const date = Date.UTC(year, month - 1, day) / DAY_MS;
  const weekday = ((((date + 3) % 7) + 7) % 7) + 1; // 1 Monday … 7 Sunday
  const thursday = date - weekday + 4; // a week belongs to the year its Thursday is in
  const weekYear = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(weekYear, 0, 1) / DAY_MS;
  return `${weekYear}-W${pad(Math.floor((thursday - jan1) / 7) + 1)}`;
}

/** The month code of a calendar date. */
export const monthCode = (year: number, month: number) => `${year}-${pad(month)}`;
