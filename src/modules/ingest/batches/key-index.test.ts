import { describe, expect, it } from 'vitest';
import { createKeyIndex } from './key-index.ts';

describe('key index', () => {
  it('keeps the latest row hash per key hash across growth', () => {
    const index = createKeyIndex(4);
    for (let k = 0; k < 10_000; k++) index.set(k * 7919, k);
    index.set(0, 42);
    expect(index.size).toBe(10_000);
    expect(index.get(0)).toBe(42);
    expect(index.get(9_999 * 7919)).toBe(9_999);
    expect(index.get(123)).toBeUndefined();
  });

  it('holds 53-bit hashes and zero exactly', () => {
    const index = createKeyIndex();
    const big = 2 ** 53 - 2;
    index.set(big, 0);
    expect(index.get(big)).toBe(0);
    expect(index.get(big - 1)).toBeUndefined();
  });
});
