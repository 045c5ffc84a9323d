import { describe, expect, it } from 'vitest';
import type { Resource } from '../../catalog/index.ts';
import { demoResources } from '../../catalog/index.ts';
import { inColumnOrder, keySearch } from './service.ts';

const resource = (alias: string) =>
  ({ ...demoResources.find((r) => r.alias === alias)!, id: 1, code: 'x' }) as unknown as Resource;
const population = resource('population'); // keyed by id_number
const levels = resource('slj_water_level'); // keyed by station_code and observed_at

describe('keySearch', () => {
  it('reads `key` as the value of the key item, made half-width, trimmed and, for ID numbers, upper case', () => {
    expect(keySearch(population, { key: ' ４３０１０２１９９００１０１１２３x ' })).toEqual({
      id_number: '43010219900101123X',
    });
  });

  it('reads one `key.<item>` parameter per key item of a key of several', () => {
    expect(
      keySearch(levels, { page: 1, 'key.station_code': 'SW01', 'key.observed_at': '2026-11-24' }),
    ).toEqual({ station_code: 'SW01', observed_at: '2026-11-24' });
    expect(keySearch(levels, { key: 'SW0', 'key.observed_at': '' })).toEqual({ station_code: 'SW0' });
  });

  it('refuses a value the database could not take, for callers that skip the HTTP guards', () => {
    for (const value of ['4301\0', '4'.repeat(101)])
      expect(() => keySearch(population, { 'key.id_number': value })).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          fields: [expect.objectContaining({ field: 'key.id_number', reason: 'invalid' })],
        }),
      );
  });

  it('refuses an item that is not part of the key, naming the parameter', () => {
    expect(() => keySearch(levels, { 'key.level_m': '3' })).toThrow(
      expect.objectContaining({
        code: 'not_key_item',
        fields: [expect.objectContaining({ field: 'key.level_m' })],
      }),
    );
    expect(() => keySearch(levels, { 'key.nothing': '3' })).toThrow(
      expect.objectContaining({ code: 'not_key_item' }),
    );
  });

  it('refuses a parameter given twice or too long', () => {
    expect(() => keySearch(levels, { 'key.station_code': ['a', 'b'] })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => keySearch(levels, { 'key.station_code': 'x'.repeat(101) })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});

describe('inColumnOrder', () => {
  it('orders values as the file had its columns, however they were stored', () => {
    const stored = { 性别: '男', 身份证号: '1', 姓名: '张三' };
    expect(Object.keys(inColumnOrder(stored, ['姓名', '身份证号', '性别']))).toEqual([
      '姓名',
      '身份证号',
      '性别',
    ]);
  });

  it('puts columns the header list does not name last, and leaves values alone without one', () => {
    const stored = { b: '2', a: '1', c: '3' };
    expect(Object.keys(inColumnOrder(stored, ['c', 'missing']))).toEqual(['c', 'b', 'a']);
    expect(inColumnOrder(stored, null)).toBe(stored);
  });
});
