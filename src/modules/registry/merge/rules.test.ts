import { describe, expect, it } from 'vitest';
import { type Candidate, fingerprint, mergeItem } from './rules.ts';

const at = (source: string, value: string, day: number, batchId = day): Candidate => ({
  source,
  value,
  batchId,
  observedAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
});

describe('mergeItem', () => {
  it('gives nothing when no source has a value', () => {
    expect(mergeItem([])).toBeNull();
    expect(mergeItem([at('a', '', 1)])).toBeNull();
  });

  it('takes the only value, and agreeing values without a conflict', () => {
    expect(mergeItem([at('gafj', '张三', 1)])).toMatchObject({ value: '张三', source: 'gafj', rule: 'only' });
    expect(mergeItem([at('gafj', '张三', 1), at('mzj', '张三', 2)])).toMatchObject({
      value: '张三',
      source: 'mzj',
      rule: 'agreed',
      conflict: null,
    });
  });

  it('lets the first source of the precedence list that has a value win, without a conflict', () => {
    const candidates = [at('gafj', '张三', 1), at('mzj', '张叁', 5)];
    expect(mergeItem(candidates, ['gafj'])).toMatchObject({
      value: '张三',
      rule: 'precedence',
      conflict: null,
    });
    expect(mergeItem(candidates, ['wjj', 'mzj', 'gafj'])).toMatchObject({ value: '张叁', source: 'mzj' });
  });

  it('uses the newest value when no rule decides, and returns the disagreement as a conflict', () => {
    const merged = mergeItem([at('gafj', '13800138000', 1), at('mzj', '13900139000', 3)], ['wjj']);
    expect(merged).toMatchObject({ value: '13900139000', source: 'mzj', rule: 'newest' });
    expect(merged?.conflict?.map((c) => c.value).sort()).toEqual(['13800138000', '13900139000']);
  });

  it('applies a resolution while the sources offer the same values, and not after one changes', () => {
    const candidates = [at('gafj', '13800138000', 1), at('mzj', '13900139000', 3)];
    const resolution = { fingerprint: fingerprint(candidates), value: '13800138000', source: 'gafj' };
    expect(mergeItem(candidates, [], resolution)).toMatchObject({ value: '13800138000', rule: 'resolution' });
    const changed = [at('gafj', '13800138000', 1), at('mzj', '13700137000', 4)];
    expect(mergeItem(changed, [], resolution)).toMatchObject({ value: '13700137000', rule: 'newest' });
  });

  it('fingerprints a disagreement by who offered what, whatever the order', () => {
    expect(fingerprint([at('a', 'x', 1), at('b', 'y', 2)])).toBe(
      fingerprint([at('b', 'y', 9), at('a', 'x', 3)]),
    );
    expect(fingerprint([at('a', 'x', 1), at('b', 'y', 2)])).not.toBe(
      fingerprint([at('a', 'y', 1), at('b', 'x', 2)]),
    );
  });
});
