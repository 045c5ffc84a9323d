import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskKindOf, maskName, maskPhone, maskValue } from './masking.ts';

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
