import { describe, expect, it } from 'vitest';
import { share, todosOf } from './rules.ts';

describe('dashboard rules', () => {
  it('keeps the to-dos with something to do, late ones first, each with its tone and page', () => {
    const todos = todosOf({ offlineDevices: 3, caseInbox: 0, overdueCases: 2, registryConflicts: 1 });
    expect(todos).toEqual([
      { key: 'overdueCases', count: 2, tone: 'danger', link: '/events/cases?clock=overdue' },
      { key: 'registryConflicts', count: 1, tone: 'warning', link: '/registry/conflicts?status=open' },
      { key: 'offlineDevices', count: 3, tone: 'warning', link: '/iot/devices?status=offline' },
    ]);
    expect(todosOf({})).toEqual([]);
  });

  it('rates a part of a whole to four places, and nothing of nothing', () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(5, 5)).toBe(1);
    expect(share(0, 0)).toBeNull();
  });
});
