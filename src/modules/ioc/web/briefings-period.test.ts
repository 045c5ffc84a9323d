import { describe, expect, it } from 'vitest';
import { isoWeekCode, monthCode } from './briefings-period.ts';

describe('the period a picked date stands for', () => {
  it('is the ISO week, across year ends, or the month', () => {
    expect(isoWeekCode(2026, 12, 2)).toBe('2026-W49');
    expect(isoWeekCode(2026, 11, 30)).toBe('2026-W49'); // its Monday
    expect(isoWeekCode(2026, 12, 6)).toBe('2026-W49'); // its Sunday
    expect(isoWeekCode(2025, 12, 29)).toBe('2026-W01');
    expect(isoWeekCode(2021, 1, 3)).toBe('2020-W53');
    expect(isoWeekCode(2027, 1, 1)).toBe('2026-W53');
    expect(monthCode(2026, 3)).toBe('2026-03');
  });
});
