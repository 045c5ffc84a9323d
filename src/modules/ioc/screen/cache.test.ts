import { describe, expect, it } from 'vitest';
import { createFigureCache } from './cache.ts';

describe('the figure cache', () => {
  it('reads a figure once while fresh, however many ask, and again once it is old', async () => {
    let clock = 0;
    let reads = 0;
    const cache = createFigureCache(
      () => 1000,
      () => clock,
    );
    const read = () => cache.get('panel:cases', async () => ++reads);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    clock = 999;
    expect(await read()).toBe(1);
    clock = 1000;
    expect(await read()).toBe(2);
  });

  it('forgets what a change touched, and keeps the rest', async () => {
    let reads = 0;
    const cache = createFigureCache(() => 60_000);
    const read = (key: string) => cache.get(key, async () => `${key}#${++reads}`);
    await read('a');
    await read('b');
    cache.drop(['a']);
    expect(await read('a')).toBe('a#3');
    expect(await read('b')).toBe('b#2');
    cache.drop();
    expect(await read('b')).toBe('b#4');
  });

  it('keeps no failed read: the next one tries again', async () => {
    const cache = createFigureCache(() => 60_000);
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', async () => 'up')).toBe('up');
  });
});
