import { InputError } from '../../../core/errors.ts';
import type { BriefingKind } from '../contract.ts';

// A briefing's period: an ISO week (Monday to Sunday) or a calendar month, in China-local dates. China keeps
// UTC+8 all year, so a local day starts at 16:00 UTC the day before and day arithmetic needs no time-zone data.
// Dates are handled as day numbers (whole days since 1970-01-01).

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** A briefing period, resolved: its dates, the instants it spans, the period before it. */
export type Period = {
  /** '2026-W49' or '2026-11'. */
  code: string;
  kind: BriefingKind;
  /** The ISO week-year of a week (2026-W01 may start in December 2025), or the month's year. */
  year: number;
  /** The week (1–53) or month (1–12). */
  index: number;
  /** First and last day, China-local, YYYY-MM-DD (both included). */
  from: string;
  to: string;
  /** The instants [start, end) the period covers. */
  start: Date;
  end: Date;
  /** The code of the period before (the week before, the month before). */
  previous: string;
};

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / DAY_MS;
/** 1 Monday … 7 Sunday (ISO), of a day number (1970-01-01 was a Thursday). */
const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
/** The instant of China-local midnight starting day number `day`. */
const chinaMidnight = (day: number) => new Date(day * DAY_MS - CHINA_OFFSET_MS);
const pad = (n: number) => String(n).padStart(2, '0');

/** The Monday of ISO week 1 of `year`: the week holding 4 January. */
function firstMonday(year: number): number {
  const jan4 = dayOf(year, 1, 4);
  return jan4 - (isoWeekday(jan4) - 1);
}

/** How many ISO weeks `year` has: 53 when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function weeksInYear(year: number): number {
  return (firstMonday(year + 1) - firstMonday(year)) / 7;
}

/** The ISO week (year and number) a China-local day number falls in. */
function isoWeekOfDay(day: number): { year: number; week: number } {
  const thursday = day - isoWeekday(day) + 4; // a week belongs to the year its Thursday is in
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  return { year, week: Math.floor((thursday - firstMonday(year)) / 7) + 1 };
}

const weekCode = (year: number, week: number) => `${year}-W${pad(week)}`;
const monthCode = (year: number, month: number) => `${year}-${pad(month)}`;

function refuse(code: string, reason: string, params: Record<string, unknown> = {}): never {
  throw new InputError(code, `Bad period: ${reason}`, [{ field: 'period', reason, params }], params);
}

/**
 * Resolves '2026-W49' (ISO week) or '2026-11' (month). Anything else is an InputError on the field `period`:
 * the wrong shape, a month 13, or week 53 of a year that has 52.
 */
export function parsePeriod(text: string): Period {
  const code = text.trim();
  const week = WEEK.exec(code);
  if (week) {
    const year = Number(week[1]);
    const index = Number(week[2]);
    const weeks = weeksInYear(year);
    if (index < 1 || index > 53) refuse('period_format', 'period_format');
    if (index > weeks) refuse('briefing_no_such_week', 'briefing_no_such_week', { year, weeks });
    const first = firstMonday(year) + (index - 1) * 7;
    const before = isoWeekOfDay(first - 7);
    return {
      code: weekCode(year, index),
      kind: 'weekly',
      year,
      index,
      from: dateOf(first),
      to: dateOf(first + 6),
      start: chinaMidnight(first),
      end: chinaMidnight(first + 7),
      previous: weekCode(before.year, before.week),
    };
  }
  const month = MONTH.exec(code);
  if (month) {
    const year = Number(month[1]);
    const index = Number(month[2]);
    if (index < 1 || index > 12) refuse('period_format', 'period_format');
    const first = dayOf(year, index, 1);
    const next = index === 12 ? dayOf(year + 1, 1, 1) : dayOf(year, index + 1, 1);
    return {
      code: monthCode(year, index),
      kind: 'monthly',
      year,
      index,
      from: dateOf(first),
      to: dateOf(next - 1),
      start: chinaMidnight(first),
      end: chinaMidnight(next),
      previous: index === 1 ? monthCode(year - 1, 12) : monthCode(year, index - 1),
    };
  }
  return refuse('period_format', 'period_format');
}

/**
 * The period of `text` as of `now`: refused (an InputError on `period`) when it has not started, or, for a
 * briefing to publish (`mustBeOver`), when it has not ended.
 */
export function periodAsOf(text: string, now: Date, mustBeOver: boolean): Period {
  const period = parsePeriod(text);
  if (now < period.start)
    refuse('briefing_period_not_started', 'briefing_period_not_started', { from: period.from });
  if (mustBeOver && now < period.end)
    refuse('briefing_period_not_over', 'briefing_period_not_over', { to: period.to });
  return period;
}

/** The China-local day number of an instant. */
export function chinaDay(at: Date): number {
  return Math.floor((at.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** The week's or month's period holding the instant `at` (China time). */
export function periodAt(kind: BriefingKind, at: Date): Period {
  const day = chinaDay(at);
  if (kind === 'weekly') {
    const { year, week } = isoWeekOfDay(day);
    return parsePeriod(weekCode(year, week));
  }
  const date = new Date(day * DAY_MS);
  return parsePeriod(monthCode(date.getUTCFullYear(), date.getUTCMonth() + 1));
}

/**
 * The house-style number (发文字号) of a briefing: the district's first character, 数运 (data operations), 简 for
 * the weekly and 月 for the monthly, the year in 〔〕 and the issue, e.g. 望数运简〔2026〕第49期 (week 49) and
 * 望数运月〔2026〕第11期 (November).
 */
export function briefingNumber(p: Period, districtName: string): string {
  return `${districtName.slice(0, 1)}数运${p.kind === 'weekly' ? '简' : '月'}〔${p.year}〕第${p.index}期`;
}

/** A China-local date written as people read it: 2026年11月30日. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/**
 * The period as a title line: 2026年第49周（11月30日—12月6日）, or 2026年11月. A week crossing the new year
 * names both years in its range.
 */
export function periodTitle(p: Period): string {
  if (p.kind === 'monthly') return `${p.year}年${p.index}月`;
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  const range = fy === ty ? `${fm}月${fd}日—${tm}月${td}日` : `${fy}年${fm}月${fd}日—${ty}年${tm}月${td}日`;
  return `${p.year}年第${p.index}周（${range}）`;
}

/** The label of a period in a comparison: 本周/上周 or 本月/上月. */
export function periodWord(kind: BriefingKind, previous = false): string {
  if (kind === 'weekly') return previous ? '上周' : '本周';
  return previous ? '上月' : '本月';
}
