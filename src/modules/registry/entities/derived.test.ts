import { describe, expect, it } from 'vitest';
import { idNumberCheck } from '../../../core/cn-codes.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import { ageOn, birthDateFromId, birthplaceOf, deriveValues, orgTypeOf } from './derived.ts';

const id = (first17: string) => first17 + idNumberCheck(first17);

describe('derived registry values', () => {
  it('counts full years, changing on the birthday', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageOn('2030-01-01', '2026-01-01')).toBeNull();
    expect(ageOn('not a date', '2026-01-01')).toBeNull();
  });

  it('takes the date in Asia/Shanghai, not UTC', () => {
    // 2026-03-31 20:00 UTC is already 1 April in Changsha.
    expect(todayInShanghai(new Date('2026-03-31T20:00:00Z'))).toBe('2026-04-01');
    expect(todayInShanghai(new Date('2026-03-31T15:00:00Z'))).toBe('2026-03-31');
  });

  it('reads the birth date from 18- and 15-digit ID numbers', () => {
    expect(birthDateFromId(id('43011219900101123'))).toBe('1990-01-01');
    expect(birthDateFromId('430112850315001')).toBe('1985-03-15');
    expect(birthDateFromId('12345')).toBeNull();
  });

  it('names the birthplace, including codes withdrawn from use', () => {
    expect(birthplaceOf(id('43011219900101123'))).toEqual({
      code: '430112',
      name: '湖南省长沙市望城区',
      historical: false,
    });
    expect(birthplaceOf(id('43012219800101123'))).toEqual({
      code: '430122',
      name: '湖南省长沙市望城县',
      historical: true,
    });
    expect(birthplaceOf(id('11010319700101123'))).toMatchObject({ name: '北京市崇文区', historical: true });
    expect(birthplaceOf(id('11010119700101123'))).toMatchObject({ name: '北京市东城区', historical: false });
    expect(birthplaceOf(id('99999919700101123'))).toEqual({ code: '999999', name: null, historical: false });
  });

  it('says the kind of organization from the credit code (GB 32100)', () => {
    expect(orgTypeOf('91430112MA4L0RH7XX')).toBe('企业');
    expect(orgTypeOf('11430112000000000X')).toBe('机关');
    expect(orgTypeOf('12430112000000000X')).toBe('事业单位');
    expect(orgTypeOf('51430112000000000X')).toBe('社会团体');
    expect(orgTypeOf('92430112000000000X')).toBe('个体工商户');
    expect(orgTypeOf('N2430112000000000X')).toBe('村级集体经济组织');
    expect(orgTypeOf('00430112000000000X')).toBeNull();
  });

  it('derives per registry: age from the birth date, else the ID number', () => {
    const key = id('43012219800101123');
    expect(deriveValues('population', key, { birth_date: '1980-01-02' }, '2026-01-01')).toEqual({
      age: 45,
      birthplace: { code: '430122', name: '湖南省长沙市望城县', historical: true },
    });
    expect(deriveValues('population', key, {}, '2026-01-01').age).toBe(46);
    expect(deriveValues('legal_person', '91430112MA4L0RH7XX', {})).toEqual({ orgType: '企业' });
    expect(deriveValues('component', '4301120101000001', {})).toEqual({});
  });
});
