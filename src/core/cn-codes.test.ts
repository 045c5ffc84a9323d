import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  checkIdNumber,
  checkLicenseId,
  idNumberBirthDate,
  idNumberSex,
  upgradeIdNumber,
} from './cn-codes.ts';

// Public test vectors collected by the center (a copy of shared/data/cn-code-test-vectors.json).
const vectorsFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../test/fixtures/cn-code-test-vectors.json',
);
const vectors = JSON.parse(fs.readFileSync(vectorsFile, 'utf8')) as Record<string, string[]>;

describe('GB 11643 citizen ID numbers', () => {
  it.each(vectors.gb11643_valid!)('accepts %s', (id) => expect(checkIdNumber(id)).toBeNull());
  it.each(vectors.gb11643_invalid_checksum!)('finds the bad check character in %s', (id) =>
    expect(checkIdNumber(id)).toBe('id_number_checksum'),
  );

  it('tells format, date and checksum problems apart', () => {
    expect(checkIdNumber('43011219900101123')).toBe('id_number_format');
    expect(checkIdNumber('43011219900101123x')).toBe('id_number_format');
    expect(checkIdNumber('430112199002301234')).toBe('id_number_date'); // 30 February
    expect(checkIdNumber('430112209901011234', new Date('2026-01-01'))).toBe('id_number_date'); // born in the future
    expect(checkIdNumber('430102199001011239')).toBe('id_number_checksum');
  });

  it('upgrades 15-digit numbers to valid 18-digit ones, and reads birth date and sex', () => {
    const upgraded = upgradeIdNumber('430102900101123');
    expect(upgraded).toBe('430102199001011238');
    expect(checkIdNumber(upgraded)).toBeNull();
    expect(idNumberBirthDate(upgraded)).toBe('1990-01-01');
    expect(idNumberSex(upgraded)).toBe('male');
    expect(idNumberSex('11010519491231002X')).toBe('female');
  });
});

describe('GB 32100 unified social credit codes', () => {
  it.each(vectors.gb32100_valid!)('accepts %s', (code) => expect(checkCreditCode(code)).toBeNull());
  it.each(vectors.gb32100_invalid_checksum!)('finds the bad check character in %s', (code) =>
    expect(checkCreditCode(code)).toBe('credit_code_checksum'),
  );
  it.each(vectors.gb32100_real_but_nonconforming!)('flags the real but non-conforming %s', (code) =>
    expect(checkCreditCode(code)).toBe('credit_code_checksum'),
  );
  it('refuses characters outside the code set and wrong lengths', () => {
    expect(checkCreditCode('91350100M000100YI3')).toBe('credit_code_format');
    expect(checkCreditCode('91350100M000100Y4')).toBe('credit_code_format');
  });
});

describe('GB/T 36904 e-license identifiers', () => {
  it.each(vectors.license_id_iso7064_mod37_36_ok!)('accepts %s', (id) =>
    expect(checkLicenseId(id)).toBeNull(),
  );
  it.each(vectors.license_id_example_not_matching!)('does not accept the suspect example %s', (id) =>
    expect(checkLicenseId(id)).toBe('license_id_checksum'),
  );
  it('refuses identifiers without the prefix', () =>
    expect(checkLicenseId('1.2.3.X')).toBe('license_id_format'));
});
