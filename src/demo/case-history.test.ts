import { beforeAll, describe, expect, it } from 'vitest';
import { seedCategories } from '../modules/events/index.ts';
import { generateDemoCases, openStates } from './case-history.ts';
import { type District, loadDistrict } from './places.ts';

let district: District;
beforeAll(async () => {
  district = await loadDistrict();
});

const now = new Date('2026-12-06T10:30:00+08:00');
const generate = (seed: number, count = 2_000) => [
  ...generateDemoCases({
    seed,
    count,
    now,
    district,
    categories: seedCategories.map((c) => ({ code: c.code, timeLimit: c.limit })),
    departmentOf: () => 7,
    perState: 3,
  }),
];

describe("the demo district's cases", () => {
  it('are the same for the same seed and now, and others for another seed', () => {
    const a = generate(1);
    const b = generate(1);
    const c = generate(2);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.map((x) => x.content)).not.toEqual(a.map((x) => x.content));
  });

  it('have unique numbers of their day, all received within the year before now, none closed after it', () => {
    const cases = generate(3);
    expect(cases).toHaveLength(2_000 + 3 * openStates.length);
    expect(new Set(cases.map((c) => c.number)).size).toBe(cases.length);
    const yearAgo = now.getTime() - 366 * 86_400_000;
    for (const c of cases) {
      const day = new Date(c.receivedAt.getTime() + 8 * 3600_000)
        .toISOString()
        .slice(0, 10)
        .replaceAll('-', '');
      expect(c.number.slice(0, 8)).toBe(day);
      expect(c.receivedAt.getTime()).toBeGreaterThan(yearAgo);
      expect(c.receivedAt.getTime()).toBeLessThanOrEqual(now.getTime());
      if (c.closedAt) {
        expect(c.closedAt.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(c.closedAt.getTime()).toBeGreaterThanOrEqual(c.receivedAt.getTime());
      }
    }
  });

  it('leave open cases with their history in order, received and returned ones without a department', () => {
    const open = generate(4, 0);
    expect(open).toHaveLength(3 * openStates.length);
    for (const c of open) {
      const times = c.steps!.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(c.steps![0]!.action).toBe('receive');
      if (c.status === 'received' || c.status === 'returned') expect(c.departmentId).toBeNull();
    }
    expect(open.filter((c) => c.extensionRequest)).toHaveLength(3);
    expect(open.filter((c) => c.escalated)).toHaveLength(3);
    expect(open.filter((c) => c.status === 'merged' && c.mergedInto)).toHaveLength(3);
  });
});
