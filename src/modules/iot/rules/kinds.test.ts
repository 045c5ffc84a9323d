import { describe, expect, it } from 'vitest';
import { ruleSeeds } from '../profiles/seed-data.ts';
import { paramsByKind } from './contract.ts';
import {
  combinationHolds,
  durationVerdict,
  levelMessage,
  levelOf,
  overweight,
  overweightMessage,
  rateVerdict,
  thresholdVerdict,
  weightLimit,
} from './kinds.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 8, minute));

describe('threshold with hysteresis', () => {
  const tilt = { key: 'tilt', op: '>' as const, value: 15, hysteresis: 3 };
  it('raises over the level and clears only once back past it by the hysteresis', () => {
    expect(thresholdVerdict(tilt, 23.5, 15, false)).toBe('raise');
    expect(thresholdVerdict(tilt, 15, 15, false)).toBe('hold');
    expect(thresholdVerdict(tilt, 14, 15, true)).toBe('hold');
    expect(thresholdVerdict(tilt, 12, 15, true)).toBe('clear');
    expect(thresholdVerdict(tilt, 12, 15, false)).toBe('hold');
  });
  it('works downwards for a low-battery rule', () => {
    const battery = { key: 'battery', op: '<' as const, value: 10, hysteresis: 5 };
    expect(thresholdVerdict(battery, 8, 10, false)).toBe('raise');
    expect(thresholdVerdict(battery, 12, 10, true)).toBe('hold');
    expect(thresholdVerdict(battery, 15, 10, true)).toBe('clear');
  });
  it("reads a level from the device's attributes, and has none when it is missing", () => {
    expect(levelOf({ attr: 'warning_level' }, { warning_level: 32.5 })).toBe(32.5);
    expect(levelOf({ attr: 'warning_level' }, { warning_level: '33' })).toBe(33);
    expect(levelOf({ attr: 'warning_level' }, {})).toBeUndefined();
    expect(levelOf(7, {})).toBe(7);
  });
});

describe('duration', () => {
  const water = { key: 'water', op: '>' as const, value: 80, minutes: 10 };
  it('raises once the condition has held for the minutes, and forgets when it stops', () => {
    const first = durationVerdict(water, 85, 80, at(0), null);
    expect(first).toEqual({ verdict: 'hold', since: at(0) });
    expect(durationVerdict(water, 90, 80, at(9), first.since).verdict).toBe('hold');
    expect(durationVerdict(water, 90, 80, at(10), first.since)).toEqual({ verdict: 'raise', since: at(0) });
    expect(durationVerdict(water, 70, 80, at(11), first.since)).toEqual({ verdict: 'clear', since: null });
  });
});

describe('rate of change', () => {
  const level = { key: 'level', delta: 0.5, minutes: 60 };
  it('compares with every earlier reading inside the window, either way', () => {
    const earlier = [
      { ts: at(0), num: 30 },
      { ts: at(30), num: 30.2 },
    ];
    expect(rateVerdict(level, { ts: at(50), num: 30.6 }, earlier)).toMatchObject({ verdict: 'raise' });
    expect(rateVerdict(level, { ts: at(50), num: 30.6 }, earlier).change).toBeCloseTo(0.6);
    expect(rateVerdict(level, { ts: at(50), num: 30.4 }, earlier).verdict).toBe('clear');
    // The reading at minute 0 is out of the window an hour and a half later.
    expect(
      rateVerdict(level, { ts: new Date(at(0).getTime() + 90 * 60_000), num: 30.6 }, earlier).verdict,
    ).toBe('clear');
    expect(rateVerdict(level, { ts: at(40), num: 29.4 }, earlier)).toMatchObject({ verdict: 'raise' });
  });
});

describe('combination', () => {
  const rule = {
    all: [
      { key: 'level', op: '>' as const, value: { attr: 'warning_level' } },
      { key: 'rainfall', op: '>' as const, value: 30 },
    ],
  };
  const values = (level: number, rainfall?: number) =>
    new Map([
      ['level', { num: level, txt: null }],
      ...(rainfall === undefined ? [] : [['rainfall', { num: rainfall, txt: null }] as const]),
    ]);
  it('holds when every condition holds; cannot judge without a value or a level', () => {
    expect(combinationHolds(rule, values(33, 40), { warning_level: 32 })).toBe(true);
    expect(combinationHolds(rule, values(33, 20), { warning_level: 32 })).toBe(false);
    expect(combinationHolds(rule, values(33), { warning_level: 32 })).toBeUndefined();
    expect(combinationHolds(rule, values(33, 40), {})).toBeUndefined();
  });
});

describe('overweight (GB 1589)', () => {
  const rule = { plateKey: 'plate', axlesKey: 'axles', weightKey: 'gross_weight', tolerancePercent: 5 };
  it('knows the limit of each axle count', () => {
    expect([2, 3, 4, 5, 6, 8].map(weightLimit)).toEqual([18, 25, 31, 43, 49, 49]);
    expect(weightLimit(1)).toBeUndefined();
  });
  it('lets a truck within the tolerance pass and reports one beyond it', () => {
    expect(overweight(rule, { plate: '湘A12345', axles: 6, weight: 51 })).toBeNull();
    const over = overweight(rule, { plate: '湘A12345', axles: 6, weight: 55 });
    expect(over).toEqual({ limit: 49, overPercent: 12.2 });
    expect(overweightMessage('车辆超限', 'WIM-01', { plate: '湘A12345', axles: 6, weight: 55 }, over!)).toBe(
      '车辆超限：WIM-01 湘A12345 6 轴 总重 55t，限值 49t，超限 12.2%',
    );
  });
});

describe('messages', () => {
  it('name the device, the key, the value and the level', () => {
    expect(levelMessage('井盖倾斜', 'MH-0001', { name: '倾角', unit: '°' }, '>', 23.5, 15)).toBe(
      '井盖倾斜：MH-0001 倾角 23.5° > 15°',
    );
  });
});

describe('the seeded rules', () => {
  it('each have the parameters their kind asks for (the engine reads them unchecked)', () => {
    for (const rule of ruleSeeds) {
      const parsed = paramsByKind[rule.kind].safeParse(rule.params);
      expect(parsed.success, `${rule.profileCode} ${rule.name}`).toBe(true);
    }
  });
});
