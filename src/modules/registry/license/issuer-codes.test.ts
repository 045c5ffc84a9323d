import { describe, expect, it } from 'vitest';
import { checkCreditCode, organizationCodeCheck } from '../../../core/cn-codes.ts';
import { seedDepartments } from '../../org/index.ts';
import { departmentCreditCode } from './issuer-codes.ts';

describe('department credit codes', () => {
  it('computes the GB 11714 check character of published organization codes', () => {
    // From the credit codes 91350100M000100Y43 and 91110000600037341L (organization codes M000100Y4, 60003734-1).
    expect(organizationCodeCheck('M000100Y')).toBe('4');
    expect(organizationCodeCheck('60003734')).toBe('1');
  });

  it('gives every department a valid, distinct code of a Wangcheng government body, the same each time', () => {
    const codes = [...seedDepartments.map((d) => d.code), '430112001', '430112002'].map(departmentCreditCode);
    for (const code of codes) {
      expect(checkCreditCode(code)).toBeNull();
      expect(code.slice(0, 8)).toBe('11430112');
      expect(organizationCodeCheck(code.slice(8, 16))).toBe(code[16]);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(departmentCreditCode('GAFJ')).toBe(codes[1]);
  });
});
