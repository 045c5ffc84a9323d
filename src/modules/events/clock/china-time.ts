import { InputError } from '../../../core/errors.ts';

// The district's clock is China Standard Time: UTC+8 all year (China has had no daylight saving since 1991),
// so a fixed offset is exact and no time-zone database is needed. Dates are handled as "day numbers": whole
// China-local days since 1970-01-01, which makes "the next day" and "how many days" plain integer arithmetic.

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** China Standard Time's offset from UTC, in milliseconds. */
export const CHINA_OFFSET_MS = 8 * 3_600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China-local day number (days since 1970-01-01 in China) of an instant. */
export function chinaDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + CHINA_OFFSET_MS) / DAY_MS);
}

/** Milliseconds since China-local midnight of an instant (its China wall-clock time of day). */
export function msIntoChinaDay(instant: Date): number {
  const local = instant.getTime() + CHINA_OFFSET_MS;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

/** The instant at `msIntoDay` after China-local midnight of day number `day`. */
export function chinaInstant(day: number, msIntoDay = 0): Date {
  return new Date(day * DAY_MS + msIntoDay - CHINA_OFFSET_MS);
}

/** The China-local calendar date ('YYYY-MM-DD') of an instant. */
export function chinaDateOf(instant: Date): string {
  return dateOfDayNumber(chinaDayNumber(instant));
}

/** The 'YYYY-MM-DD' date of a day number. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a 'YYYY-MM-DD' date; throws on anything else, including 2026-02-30. */
export function dayNumberOf(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 02-30 over to 03-02; a round trip catches dates that do not exist.
  if (dateOfDayNumber(ms / DAY_MS) !== date) throw new RangeError(`No such date: ${date}`);
  return ms / DAY_MS;
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * An instant as ISO 8601 in China time with its offset, e.g. `2026-02-13T17:30:00+08:00`; milliseconds are
 * written only when there are some, so the text reads back to the same instant.
 */
export function toChinaIso(instant: Date): string {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid date');
  const ms = msIntoChinaDay(instant);
  const h = Math.floor(ms / 3_600_000);
  const min = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const frac = ms % 1000;
  const time = `${pad(h)}:${pad(min)}:${pad(s)}${frac ? `.${pad(frac, 3)}` : ''}`;
  return `${chinaDateOf(instant)}T${time}+08:00`;
}

// Date, then optionally a time with optional seconds and fraction, then optionally an offset (Z or ±hh:mm).
const ISO =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads an ISO 8601 time such as `2026-02-13T17:30:00+08:00` (or with `Z` or another offset). A time without
 * an offset, and a bare date (its midnight), are read as China time, the district's clock. Throws InputError
 * naming `field` for anything else.
 */
export function parseChinaIso(text: string, field = 'time'): Date {
  const bad = () =>
    new InputError('invalid_time', `${field} is not an ISO 8601 time such as 2026-02-13T17:30:00+08:00`, [
      { field, reason: 'not_an_iso_time' },
    ]);
  const m = ISO.exec(text.trim());
  if (!m) throw bad();
  const [, date, hh = '0', mm = '0', ss = '0', fraction = '', offset] = m;
  let day: number;
  try {
    day = dayNumberOf(date!);
  } catch {
    throw bad();
  }
  const h = Number(hh);
  const min = Number(mm);
  const s = Number(ss);
  if (h > 24 || min > 59 || s > 59 || (h === 24 && (min || s || Number(fraction)))) throw bad();
  const ms = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const wallMs = day * DAY_MS + ((h * 60 + min) * 60 + s) * 1000 + ms;
  let offsetMs = CHINA_OFFSET_MS;
  if (offset === 'Z') offsetMs = 0;
  else if (offset) {
    const digits = offset.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) throw bad();
    offsetMs = (digits[0] === '-' ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return new Date(wallMs - offsetMs);
}
