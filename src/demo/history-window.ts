/**
 * The month the demo district's operations history covers: the 30 China-local days ending with today, from the
 * first day's midnight up to `now`, and the scale of what happens in it.
 */
import type { DemoScale } from './scales.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const CHINA = 8 * HOUR;

/** How many days the history covers, today included. */
export const HISTORY_DAYS = 30;

/** The history's days and instants. */
export type HistoryWindow = {
  now: Date;
  /** Midnight (China) of the first day. */
  start: Date;
  /** The China-local days, oldest first, YYYY-MM-DD. */
  days: string[];
};

/** Midnight in China of the day `day` (YYYY-MM-DD), as an instant. */
export function chinaMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The China-local day (YYYY-MM-DD) of an instant. */
export function chinaDayOf(at: Date | number): string {
  return new Date((typeof at === 'number' ? at : at.getTime()) + CHINA).toISOString().slice(0, 10);
}

/** The window of `days` China-local days ending with the day of `now`. */
export function historyWindow(now: Date, days = HISTORY_DAYS): HistoryWindow {
  const today = chinaMidnight(chinaDayOf(now)).getTime();
  const list = Array.from({ length: days }, (_, i) => chinaDayOf(today - (days - 1 - i) * DAY));
  return { now, start: chinaMidnight(list[0]!), days: list };
}

/** What the history holds at each scale: how often devices report, and how much of the sharing demand is called. */
export type HistoryScale = {
  /** Minutes between a device's readings (water-level stations report four times as often)… */
  readingMinutes: number;
  /** …and in the last day, which the device pages show by default. */
  recentReadingMinutes: number;
  /** The share of each grant's expected daily calls its system makes. */
  callShare: number;
};

/**
 * The small district reports every four hours, hourly in the last day: a month of hourly readings of its 503
 * devices (1.3 million points) and their rollups take most of a minute on the embedded database, where the small
 * demo must load in seconds. The full district reports hourly.
 */
export const historyScales: Record<DemoScale, HistoryScale> = {
  small: { readingMinutes: 240, recentReadingMinutes: 60, callShare: 0.05 },
  full: { readingMinutes: 60, recentReadingMinutes: 60, callShare: 0.6 },
};
