import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.ts';
import { chinaDateOf, dayNumberOf, parseChinaIso, toChinaIso, weekdayOf } from './china-time.ts';

describe('China time', () => {
  it('writes ISO 8601 with +08:00, milliseconds only when there are some', () => {
    expect(toChinaIso(new Date('2026-02-13T09:30:00Z'))).toBe('2026-02-13T17:30:00+08:00');
    expect(toChinaIso(new Date('2026-02-13T16:30:00Z'))).toBe('2026-02-14T00:30:00+08:00');
    expect(toChinaIso(new Date('2026-02-13T09:30:00.045Z'))).toBe('2026-02-13T17:30:00.045+08:00');
    expect(toChinaIso(new Date('1969-12-31T20:00:00Z'))).toBe('1970-01-01T04:00:00+08:00');
    expect(() => toChinaIso(new Date('nonsense'))).toThrow(RangeError);
  });

  it('reads such strings back, with any offset, and without one as China time', () => {
    for (const iso of [
      '2026-02-13T17:30:00+08:00',
      '2026-02-14T00:30:00+08:00',
      '2026-02-13T17:30:00.045+08:00',
    ])
      expect(toChinaIso(parseChinaIso(iso))).toBe(iso);
    expect(parseChinaIso('2026-02-13T09:30:00Z')).toEqual(new Date('2026-02-13T09:30:00Z'));
    expect(parseChinaIso('2026-02-13T04:30:00-05:00')).toEqual(new Date('2026-02-13T09:30:00Z'));
    expect(parseChinaIso('2026-02-13T17:30+0800')).toEqual(new Date('2026-02-13T09:30:00Z'));
    expect(parseChinaIso('2026-02-13 17:30:00')).toEqual(new Date('2026-02-13T09:30:00Z'));
    expect(parseChinaIso('2026-02-14')).toEqual(new Date('2026-02-13T16:00:00Z'));
  });

  it.each([
    '2026-02-30T10:00:00+08:00',
    '2026-02-13T25:00:00+08:00',
    '2026-02-13T10:60:00+08:00',
    '13/02/2026',
    '2026-02-13T10:00:00+15:00',
    '',
  ])('refuses %j with the field named', (text) => {
    expect(() => parseChinaIso(text, 'receivedAt')).toThrow(InputError);
    expect(() => parseChinaIso(text, 'receivedAt')).toThrow(
      expect.objectContaining({ fields: [{ field: 'receivedAt', reason: 'not_an_iso_time' }] }),
    );
  });

  it('takes the China-local date and weekday', () => {
    expect(chinaDateOf(new Date('2026-02-13T15:59:59Z'))).toBe('2026-02-13');
    expect(chinaDateOf(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(weekdayOf(dayNumberOf('2026-02-14'))).toBe(6);
    expect(weekdayOf(dayNumberOf('1969-12-28'))).toBe(0);
    expect(() => dayNumberOf('2026-13-01')).toThrow(RangeError);
  });
});
