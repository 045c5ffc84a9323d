import { describe, expect, it } from 'vitest';
import type { Resource } from '../../catalog/index.ts';
import type { Conditions, SourceRow } from './reader.ts';
import { createRowBatch } from './row-batch.ts';

const resource = (id: number) => ({ id }) as Resource;
const rowOf = (key: string): SourceRow => ({ key, values: { name: key }, at: '2026-01-01T00:00:00.000000Z' });

/** A batch over a table of `keys`, recording each read it is asked for. */
function batchOver(keys: string[]) {
  const reads: { resource: number; keys: string[]; where: Conditions }[] = [];
  const batch = createRowBatch(async (r, asked, where) => {
    reads.push({ resource: r.id, keys: asked, where });
    return asked.filter((k) => keys.includes(k)).map(rowOf);
  });
  return { batch, reads };
}

describe('row batch', () => {
  it('reads the lookups of one turn with one query per resource and condition set', async () => {
    const { batch, reads } = batchOver(['a', 'b', 'c']);
    const found = await Promise.all([
      batch.row(resource(1), 'a', []),
      batch.row(resource(1), 'b', []),
      batch.row(resource(1), 'a', []),
      batch.row(resource(1), 'x', []),
      batch.row(resource(1), 'c', [['sex', '女']]),
      batch.row(resource(2), 'a', []),
    ]);
    expect(found.map((row) => row?.key)).toEqual(['a', 'b', 'a', undefined, 'c', 'a']);
    expect(reads).toEqual([
      { resource: 1, keys: ['a', 'b', 'x'], where: [] },
      { resource: 1, keys: ['c'], where: [['sex', '女']] },
      { resource: 2, keys: ['a'], where: [] },
    ]);
  });

  it('starts a new batch for lookups asked after the last one was sent', async () => {
    const { batch, reads } = batchOver(['a', 'b']);
    expect((await batch.row(resource(1), 'a', []))?.key).toBe('a');
    expect((await batch.row(resource(1), 'b', []))?.key).toBe('b');
    expect(reads.map((r) => r.keys)).toEqual([['a'], ['b']]);
  });

  it('reads a large group in slices of at most 1,000 keys', async () => {
    const keys = Array.from({ length: 2500 }, (_, i) => `k${i}`);
    const { batch, reads } = batchOver(keys);
    const found = await Promise.all(keys.map((k) => batch.row(resource(1), k, [])));
    expect(found.every((row, i) => row?.key === keys[i])).toBe(true);
    expect(reads.map((r) => r.keys.length)).toEqual([1000, 1000, 500]);
  });

  it('fails every lookup of a read that fails, and only those', async () => {
    const batch = createRowBatch(async (r, asked) => {
      if (r.id === 1) throw new Error('connection lost');
      return asked.map(rowOf);
    });
    const failed = batch.row(resource(1), 'a', []);
    const other = batch.row(resource(2), 'a', []);
    await expect(failed).rejects.toThrow('connection lost');
    expect((await other)?.key).toBe('a');
  });
});
