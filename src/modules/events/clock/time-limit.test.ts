import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.ts';
import { toChinaIso } from './china-time.ts';
import { dueAt, extendDue, formatTimeLimit, parseTimeLimit } from './time-limit.ts';

const at = (iso: string) => new Date(iso);
const due = (received: string, limit: string) => toChinaIso(dueAt(at(received), limit));

describe('parseTimeLimit', () => {
  it('reads hours and working days', () => {
    expect(parseTimeLimit('4h')).toEqual({ unit: 'hours', amount: 4 });
    expect(parseTimeLimit('24h')).toEqual({ unit: 'hours', amount: 24 });
    expect(parseTimeLimit('3wd')).toEqual({ unit: 'workdays', amount: 3 });
    expect(parseTimeLimit(' 5WD ')).toEqual({ unit: 'workdays', amount: 5 });
    expect(formatTimeLimit(parseTimeLimit('8h'))).toBe('8h');
    expect(formatTimeLimit({ unit: 'workdays', amount: 2 })).toBe('2wd');
  });

  it.each([
    ['3d', 'not_a_time_limit'],
    ['', 'not_a_time_limit'],
    ['4', 'not_a_time_limit'],
    ['wd', 'not_a_time_limit'],
    ['1.5h', 'not_a_time_limit'],
    ['-2h', 'not_a_time_limit'],
    ['0h', 'too_small'],
    ['0wd', 'too_small'],
    ['9000h', 'too_big'],
    ['300wd', 'too_big'],
  ])('refuses %j: %s, naming the field', (text, reason) => {
    let error: unknown;
    try {
      parseTimeLimit(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const input = error as InputError;
    expect(input.code).toBe('invalid_time_limit');
    expect(input.status).toBe(400);
    expect(input.params.limit).toBe(text);
    expect(input.fields).toMatchObject([{ field: 'limit', reason }]);
  });

  it('names another field when asked', () => {
    expect(() => parseTimeLimit('x', 'extension')).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ field: 'extension' })] }),
    );
  });
});

describe('dueAt with calendar hours', () => {
  it('adds hours across midnight and across a holiday alike', () => {
    expect(due('2026-03-06T22:30:00+08:00', '4h')).toBe('2026-03-07T02:30:00+08:00');
    expect(due('2026-02-14T20:00:00+08:00', '24h')).toBe('2026-02-15T20:00:00+08:00');
    expect(due('2026-09-30T23:59:00+08:00', '8h')).toBe('2026-10-01T07:59:00+08:00');
  });
});

describe('dueAt with working days', () => {
  it('keeps the clock time on an ordinary week; Friday evening with 2wd is due Tuesday evening', () => {
    expect(due('2026-03-02T09:15:00+08:00', '3wd')).toBe('2026-03-05T09:15:00+08:00');
    expect(due('2026-03-06T21:45:00+08:00', '2wd')).toBe('2026-03-10T21:45:00+08:00');
  });

  it('crosses 春节 2026 (15–23 Feb off, Saturdays 14 and 28 Feb worked)', () => {
    expect(due('2026-02-13T17:30:00+08:00', '1wd')).toBe('2026-02-14T17:30:00+08:00');
    expect(due('2026-02-13T17:30:00+08:00', '2wd')).toBe('2026-02-24T17:30:00+08:00');
    expect(due('2026-02-13T17:30:00+08:00', '3wd')).toBe('2026-02-25T17:30:00+08:00');
    expect(due('2026-02-27T09:00:00+08:00', '1wd')).toBe('2026-02-28T09:00:00+08:00');
    expect(due('2026-02-27T09:00:00+08:00', '2wd')).toBe('2026-03-02T09:00:00+08:00');
  });

  it('counts from a make-up Saturday like any working day', () => {
    expect(due('2026-02-14T10:00:00+08:00', '1wd')).toBe('2026-02-24T10:00:00+08:00');
    expect(due('2026-02-28T16:00:00+08:00', '2wd')).toBe('2026-03-03T16:00:00+08:00');
  });

  it('counts from a day off: the n-th working day after the day of receipt', () => {
    expect(due('2026-02-18T10:00:00+08:00', '1wd')).toBe('2026-02-24T10:00:00+08:00');
    expect(due('2026-02-18T10:00:00+08:00', '5wd')).toBe('2026-02-28T10:00:00+08:00');
    // An ordinary Sunday.
    expect(due('2026-03-08T11:00:00+08:00', '1wd')).toBe('2026-03-09T11:00:00+08:00');
  });

  it('uses the China-local day, not the UTC one, late at night and just after midnight', () => {
    // 23:30 on Friday 13 Feb in China is 15:30 UTC the same day.
    expect(due('2026-02-13T23:30:00+08:00', '1wd')).toBe('2026-02-14T23:30:00+08:00');
    // 00:30 on the make-up Saturday in China is still Friday in UTC.
    expect(due('2026-02-13T16:30:00Z', '1wd')).toBe('2026-02-24T00:30:00+08:00');
  });

  it('crosses 国庆 2026 (1–7 Oct off, Sunday 20 Sep and Saturday 10 Oct worked; 中秋 25–27 Sep off)', () => {
    expect(due('2026-09-19T10:00:00+08:00', '1wd')).toBe('2026-09-20T10:00:00+08:00');
    expect(due('2026-09-24T10:00:00+08:00', '1wd')).toBe('2026-09-28T10:00:00+08:00');
    expect(due('2026-09-30T15:00:00+08:00', '1wd')).toBe('2026-10-08T15:00:00+08:00');
    expect(due('2026-09-30T15:00:00+08:00', '3wd')).toBe('2026-10-10T15:00:00+08:00');
    expect(due('2026-09-30T15:00:00+08:00', '4wd')).toBe('2026-10-12T15:00:00+08:00');
  });

  it("follows 2025's notices (春节 28 Jan–4 Feb with 26 Jan and 8 Feb worked; 国庆 1–8 Oct with 28 Sep and 11 Oct)", () => {
    expect(due('2025-01-24T20:00:00+08:00', '2wd')).toBe('2025-01-27T20:00:00+08:00');
    expect(due('2025-01-27T09:00:00+08:00', '1wd')).toBe('2025-02-05T09:00:00+08:00');
    expect(due('2025-02-07T09:00:00+08:00', '1wd')).toBe('2025-02-08T09:00:00+08:00');
    expect(due('2025-09-26T18:00:00+08:00', '2wd')).toBe('2025-09-29T18:00:00+08:00');
    expect(due('2025-09-30T10:00:00+08:00', '1wd')).toBe('2025-10-09T10:00:00+08:00');
    expect(due('2025-09-30T10:00:00+08:00', '3wd')).toBe('2025-10-11T10:00:00+08:00');
  });

  it('counts Monday to Friday in a year without a notice', () => {
    // 2099-01-01 is a Thursday and, without a notice, a working day.
    expect(due('2098-12-31T10:00:00+08:00', '1wd')).toBe('2099-01-01T10:00:00+08:00');
    expect(due('2099-01-02T10:00:00+08:00', '1wd')).toBe('2099-01-05T10:00:00+08:00');
  });

  it('accepts a parsed limit as well as its text', () => {
    expect(dueAt(at('2026-03-02T09:00:00+08:00'), { unit: 'workdays', amount: 1 })).toEqual(
      at('2026-03-03T09:00:00+08:00'),
    );
    expect(() => dueAt(at('2026-03-02T09:00:00+08:00'), '3 days')).toThrow(InputError);
  });
});

describe('extendDue', () => {
  it('moves the due time from the current due time, by the same rule', () => {
    const first = dueAt(at('2026-09-28T15:00:00+08:00'), '2wd');
    expect(toChinaIso(first)).toBe('2026-09-30T15:00:00+08:00');
    const extended = extendDue(first, '2wd');
    expect(toChinaIso(extended)).toBe('2026-10-09T15:00:00+08:00');
    expect(toChinaIso(extendDue(extended, '24h'))).toBe('2026-10-10T15:00:00+08:00');
  });
});
