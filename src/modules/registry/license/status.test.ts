import { describe, expect, it } from 'vitest';
import { todayInShanghai } from '../../../core/local-date.ts';
import { type LicenseStatusRecord, licenseVerdict } from './status.ts';

const CURRENT: LicenseStatusRecord = { revoked: false, validUntil: '2025-12-31' };

describe('license verdict', () => {
  it('is valid for a known, genuine, unrevoked license in its validity', () => {
    expect(licenseVerdict(CURRENT, true, '2025-06-01')).toBe('valid');
  });

  it('is valid on the last day of validity and expired from the next day', () => {
    expect(licenseVerdict(CURRENT, true, '2025-12-31')).toBe('valid');
    expect(licenseVerdict(CURRENT, true, '2026-01-01')).toBe('expired');
  });

  it('never expires an open-ended license', () => {
    expect(licenseVerdict({ revoked: false, validUntil: null }, true, '2099-12-31')).toBe('valid');
  });

  it('is revoked for a revoked license, in or past its validity', () => {
    expect(licenseVerdict({ ...CURRENT, revoked: true }, true, '2025-06-01')).toBe('revoked');
    expect(licenseVerdict({ ...CURRENT, revoked: true }, true, '2026-06-01')).toBe('revoked');
  });

  it('is forged for an unknown or malformed identifier', () => {
    expect(licenseVerdict(null, true, '2025-06-01')).toBe('forged');
    expect(licenseVerdict(null, false, '2025-06-01')).toBe('forged');
  });

  it('is forged when the signature does not match, whatever else is true of the record', () => {
    expect(licenseVerdict(CURRENT, false, '2025-06-01')).toBe('forged');
    expect(licenseVerdict({ ...CURRENT, revoked: true }, false, '2025-06-01')).toBe('forged');
    expect(licenseVerdict(CURRENT, false, '2026-06-01')).toBe('forged');
  });

  it('refuses a today that would not compare as a date', () => {
    expect(() => licenseVerdict(CURRENT, true, '2026-1-1')).toThrow(RangeError);
  });
});

describe('the day in Shanghai', () => {
  it('turns at midnight China time, 16:00 UTC the day before', () => {
    expect(todayInShanghai(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(todayInShanghai(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });

  it('decides expiry by the Shanghai day, not the UTC day', () => {
    // 2026-01-01 02:00 in Shanghai, still 2025-12-31 in UTC.
    const today = todayInShanghai(new Date('2025-12-31T18:00:00Z'));
    expect(licenseVerdict(CURRENT, true, today)).toBe('expired');
  });
});
