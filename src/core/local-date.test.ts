import { describe, expect, it } from 'vitest';
import { todayInShanghai } from './local-date.ts';

describe('todayInShanghai', () => {
  it('turns to the next day at 16:00 UTC, midnight in Asia/Shanghai', () => {
    expect(todayInShanghai(new Date('2026-11-24T15:59:59.999Z'))).toBe('2026-11-24');
    expect(todayInShanghai(new Date('2026-11-24T16:00:00Z'))).toBe('2026-11-25');
  });

  it('agrees with the time-zone database through a year of hours', () => {
    const shanghai = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3600_000 + 61_000) {
      expect(todayInShanghai(new Date(t))).toBe(shanghai.format(new Date(t)));
    }
  });
});
