import { describe, expect, it } from 'vitest';
import {
  applyMaskPlan,
  derivedFrom,
  maskAddress,
  maskAge,
  maskAs,
  maskBirthDate,
  maskIdNumber,
  maskKindOf,
  maskName,
  maskPhone,
  maskPlan,
  maskValue,
} from './masking.ts';

describe('masking personal data', () => {
  it('keeps the surname of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧阳**');
    expect(maskName('李')).toBe('李');
  });

  it('keeps the first six and last four of an ID number', () => {
    expect(maskIdNumber('430112199001011234')).toBe('430112********1234');
  });

  it('keeps the prefix and the last four of a phone number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0731-88001234')).toBe('0731-****1234');
  });

  it('hides the house number and what follows it in an address', () => {
    expect(maskAddress('望城区高塘岭街道雷锋大道18号3栋')).toBe('望城区高塘岭街道雷锋大道**');
    expect(maskAddress('望城区乔口镇十八号')).toBe('望城区乔口镇**');
    expect(maskAddress('望城区乔口镇')).toBe('望城区乔口镇');
  });

  it('hides other personal values whole', () => {
    expect(maskValue('湘A12345', 'other')).toBe('***');
  });

  it('tells the kind of personal data from an item’s type, code or name', () => {
    expect(maskKindOf({ type: 'id_number', code: 'legal_rep_id_number', name: '法定代表人身份证号' })).toBe(
      'id_number',
    );
    expect(maskKindOf({ type: 'phone', code: 'phone', name: '联系电话' })).toBe('phone');
    expect(maskKindOf({ type: 'string', code: 'holder_name', name: '持证主体名称' })).toBe('name');
    expect(maskKindOf({ type: 'string', code: 'addr', name: '户籍住址' })).toBe('address');
    expect(maskKindOf({ type: 'string', code: 'plate', name: '车牌号' })).toBe('other');
  });
});

describe('items derived from a masked item', () => {
  const person = [
    { code: 'id_number', name: '公民身份号码', type: 'id_number', personal: true },
    { code: 'name', name: '姓名', type: 'string', personal: true },
    { code: 'birth_date', name: '出生日期', type: 'date', personal: false },
    { code: 'sex', name: '性别', type: 'enum', personal: false },
    { code: 'age', name: '年龄', type: 'integer', personal: false },
    { code: 'address', name: '住址', type: 'string', personal: true },
    { code: 'house_no', name: '门牌号', type: 'string', personal: false },
    { code: 'ethnicity', name: '民族', type: 'string', personal: false },
  ];

  it('knows birth date, sex and age derive from the ID number and the house number from the address', () => {
    expect(Object.fromEntries(derivedFrom(person))).toEqual({
      birth_date: 'id_number',
      sex: 'id_number',
      age: 'id_number',
      house_no: 'address',
    });
    // By name too (a department's own codes), and nothing derives when there is no ID number.
    const coded = [
      { code: 'sfzh', name: '身份证号', type: 'id_number' },
      { code: 'csrq', name: '出生年月', type: 'date' },
      { code: 'xb', name: '性别', type: 'string' },
    ];
    expect(Object.fromEntries(derivedFrom(coded))).toEqual({ csrq: 'sfzh', xb: 'sfzh' });
    expect(derivedFrom(person.filter((i) => i.code !== 'id_number' && i.code !== 'address')).size).toBe(0);
  });

  it('masks derived items with their source, and only then', () => {
    const plan = maskPlan(person, (i) => i.personal);
    const row = {
      id_number: '430112199001011234',
      name: '张伟',
      birth_date: '1990-01-01',
      sex: '男',
      age: '36',
      address: '望城区雷锋大道18号',
      house_no: '18号',
      ethnicity: '汉族',
    };
    expect(applyMaskPlan(plan, row)).toEqual({
      id_number: '430112********1234',
      name: '张*',
      birth_date: '1990-**-**',
      sex: '*',
      age: '30-39',
      address: '望城区雷锋大道**',
      house_no: '**',
      ethnicity: '汉族',
    });
    // The ID number seen raw: what derives from it is shown too.
    const idRaw = maskPlan(person, (i) => i.personal && i.code !== 'id_number');
    expect(applyMaskPlan(idRaw, row)).toMatchObject({ birth_date: '1990-01-01', sex: '男', age: '36' });
  });

  it('keeps only the year of a birth date and a ten-year band of an age', () => {
    expect(maskBirthDate('1990-01-01')).toBe('1990-**-**');
    expect(maskBirthDate('19900101')).toBe('1990-**-**');
    expect(maskBirthDate('1990年1月1日')).toBe('1990-**-**');
    expect(maskBirthDate('一九九〇')).toBe('****-**-**');
    expect(maskAge('36')).toBe('30-39');
    expect(maskAge('5')).toBe('0-9');
    expect(maskAge('abc')).toBe('**');
    expect(maskAs('', 'birth_date')).toBe('');
  });

  it('cannot rebuild an ID number from its masked form and the masked birth date', () => {
    const id = '430112199001011234';
    const shown = `${maskIdNumber(id)} ${maskBirthDate('1990-01-01')}`;
    expect(shown).not.toContain('0101');
    expect(shown).not.toContain('19900101');
  });
});
