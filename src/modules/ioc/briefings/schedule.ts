import { periodAt } from './period.ts';

// Briefings are due at 08:00 China time: last week's on Monday, last month's on the 1st. Shifting the clock back
// by eight hours turns "on or after 08:00 of that day" into "on or after midnight", so the period holding the
// shifted instant is the one running by the schedule's clock, and the one before it is owed.
const DUE_HOUR_MS = 8 * 3_600_000;

/** The periods the schedule owes at `now`: the last ISO week and the last month (codes). */
export function owedPeriods(now: Date): { weekly: string; monthly: string } {
  const shifted = new Date(now.getTime() - DUE_HOUR_MS);
  return {
    weekly: periodAt('weekly', shifted).previous,
    monthly: periodAt('monthly', shifted).previous,
  };
}
