import { describe, expect, it } from 'vitest';
import type { DataItem } from '../catalog/index.ts';
import { rejectReasons, rowWarnings, validateValue } from './validate.ts';

const TODAY = '2024-06-15';

const item = (
  type: DataItem['type'],
  validator?: DataItem['validator'],
  extra: Partial<DataItem> = {},
): DataItem => ({
  code: 'x',
  name: 'X',
  type,
  required: false,
  personal: false,
  ...(validator ? { validator } : {}),
  ...extra,
});

const check = (value: string | null, it: DataItem) => validateValue(value, it, TODAY);

describe('rejectReasons', () => {
  it('is the contract list of codes', () => {
    expect([...rejectReasons]).toEqual([
      'missing_required',
      'id_number_format',
      'id_number_checksum',
      'id_number_date',
      'credit_code_format',
      'credit_code_checksum',
      'date_invalid',
      'value_invalid',
      'type_invalid',
      'control_character',
      'bad_encoding',
      'id_number_as_number',
    ]);
  });
});

describe('validateValue: required and optional', () => {
  it('rejects a missing required value of every type', () => {
    for (const type of ['string', 'integer', 'date', 'id_number', 'credit_code', 'phone', 'enum'] as const)
      expect(check(null, item(type, undefined, { required: true }))).toBe('missing_required');
  });

  it('accepts a missing optional value, even with a validator', () => {
    expect(check(null, item('string'))).toBeNull();
    expect(check(null, item('enum', { enum: ['男', '女'] }))).toBeNull();
    expect(check(null, item('integer', { min: 1 }))).toBeNull();
    expect(check(null, item('id_number'))).toBeNull();
  });
});

describe('validateValue: integer', () => {
  it('accepts integers', () => {
    expect(check('0', item('integer'))).toBeNull();
    expect(check('-42', item('integer'))).toBeNull();
    expect(check('1234567', item('integer'))).toBeNull();
  });

  it('rejects other text as type_invalid', () => {
    expect(check('1.5', item('integer'))).toBe('type_invalid');
    expect(check('abc', item('integer'))).toBe('type_invalid');
    expect(check('1e3', item('integer'))).toBe('type_invalid');
    expect(check('+5', item('integer'))).toBe('type_invalid');
  });

  it('checks min and max (inclusive) as value_invalid', () => {
    const axles = item('integer', { min: 2, max: 8 });
    expect(check('2', axles)).toBeNull();
    expect(check('8', axles)).toBeNull();
    expect(check('1', axles)).toBe('value_invalid');
    expect(check('9', axles)).toBe('value_invalid');
    expect(check('-1', item('integer', { min: 0 }))).toBe('value_invalid');
    expect(check('1000', item('integer', { max: 999 }))).toBe('value_invalid');
  });
});

describe('validateValue: decimal', () => {
  it('accepts decimals and integers', () => {
    expect(check('12.5', item('decimal'))).toBeNull();
    expect(check('-0.25', item('decimal'))).toBeNull();
    expect(check('100', item('decimal'))).toBeNull();
  });

  it('rejects other text as type_invalid', () => {
    expect(check('12.', item('decimal'))).toBe('type_invalid');
    expect(check('.5', item('decimal'))).toBe('type_invalid');
    expect(check('12.5万', item('decimal'))).toBe('type_invalid');
    expect(check('1.2.3', item('decimal'))).toBe('type_invalid');
  });

  it('checks min and max as value_invalid', () => {
    const lng = item('decimal', { min: 112.6, max: 113.1 });
    expect(check('112.6', lng)).toBeNull();
    expect(check('113.1', lng)).toBeNull();
    expect(check('112.93', lng)).toBeNull();
    expect(check('112.59', lng)).toBe('value_invalid');
    expect(check('113.11', lng)).toBe('value_invalid');
  });
});

describe('validateValue: boolean', () => {
  it('accepts only the standardized true and false', () => {
    expect(check('true', item('boolean'))).toBeNull();
    expect(check('false', item('boolean'))).toBeNull();
    expect(check('是', item('boolean'))).toBe('type_invalid');
    expect(check('TRUE', item('boolean'))).toBe('type_invalid');
  });
});

describe('validateValue: date', () => {
  it('accepts real dates, including 29 February of a leap year', () => {
    expect(check('1990-01-05', item('date'))).toBeNull();
    expect(check('2000-02-29', item('date'))).toBeNull();
    expect(check('2024-02-29', item('date'))).toBeNull();
  });

  it('rejects impossible dates as date_invalid', () => {
    expect(check('1990-02-30', item('date'))).toBe('date_invalid');
    expect(check('1900-02-29', item('date'))).toBe('date_invalid');
    expect(check('2023-02-29', item('date'))).toBe('date_invalid');
    expect(check('1990-13-01', item('date'))).toBe('date_invalid');
    expect(check('1990-04-31', item('date'))).toBe('date_invalid');
    expect(check('1990-00-10', item('date'))).toBe('date_invalid');
    expect(check('1990-01-00', item('date'))).toBe('date_invalid');
  });

  it('rejects text that is not YYYY-MM-DD as date_invalid', () => {
    expect(check('1990/01/05', item('date'))).toBe('date_invalid');
    expect(check('1990-1-5', item('date'))).toBe('date_invalid');
    expect(check('1990-01-05 00:00:00', item('date'))).toBe('date_invalid');
    expect(check('五月', item('date'))).toBe('date_invalid');
  });
});

describe('validateValue: datetime', () => {
  it('accepts YYYY-MM-DD HH:mm:ss', () => {
    expect(check('2024-03-01 08:05:09', item('datetime'))).toBeNull();
    expect(check('2024-02-29 23:59:59', item('datetime'))).toBeNull();
    expect(check('2024-03-01 00:00:00', item('datetime'))).toBeNull();
  });

  it('rejects impossible dates and times as date_invalid', () => {
    expect(check('2023-02-29 08:00:00', item('datetime'))).toBe('date_invalid');
    expect(check('2024-03-01 24:00:00', item('datetime'))).toBe('date_invalid');
    expect(check('2024-03-01 08:60:00', item('datetime'))).toBe('date_invalid');
    expect(check('2024-03-01 08:00:60', item('datetime'))).toBe('date_invalid');
    expect(check('2024-03-01 08:00', item('datetime'))).toBe('date_invalid');
    expect(check('2024-03-01', item('datetime'))).toBe('date_invalid');
  });
});

describe('validateValue: citizen ID numbers (GB 11643)', () => {
  const id = item('id_number');

  it('accepts valid numbers, with digit or X check characters', () => {
    expect(check('430102199001011238', id)).toBeNull();
    expect(check('43010219900105123X', id)).toBeNull();
    expect(check('11010519491231002X', id)).toBeNull();
  });

  it('rejects a wrong format as id_number_format', () => {
    expect(check('43010219900101123', id)).toBe('id_number_format'); // 17 characters
    expect(check('4301021990010112380', id)).toBe('id_number_format'); // 19 characters
    expect(check('43010219900105123x', id)).toBe('id_number_format'); // lower-case x
    expect(check('030102199001011238', id)).toBe('id_number_format'); // no province 0
    expect(check('4301021990010112X8', id)).toBe('id_number_format'); // X not last
    expect(check('430102900101123', id)).toBe('id_number_format'); // 15 digits (not upgraded)
  });

  it('rejects a wrong check character as id_number_checksum', () => {
    expect(check('430102199001011239', id)).toBe('id_number_checksum');
    expect(check('430102199001011230', id)).toBe('id_number_checksum');
    expect(check('110105194912310021', id)).toBe('id_number_checksum');
  });

  it('rejects 30 February as id_number_date even with a correct check character', () => {
    expect(check('430102199002301237', id)).toBe('id_number_date');
  });

  it('rejects a birth date after today as id_number_date', () => {
    expect(check('43010220990101123X', id)).toBe('id_number_date');
    // Born the day after today (with a correct check character).
    expect(validateValue('430102202406161239', id, TODAY)).toBe('id_number_date');
    expect(validateValue('430102202406161239', id, '2024-06-16')).toBeNull();
    // Born today: allowed.
    expect(validateValue('430102202406151233', id, TODAY)).toBeNull();
  });

  it('rejects a birth date before 1900 as id_number_date', () => {
    expect(check('430102189912311232', id)).toBe('id_number_date');
    expect(check('430102190001011237', id)).toBeNull();
  });

  it('does not apply the item pattern or enum to ID numbers (the code check decides)', () => {
    expect(check('430102199001011238', item('id_number', { maxLength: 5 }))).toBeNull();
  });
});

describe('validateValue: unified social credit codes (GB 32100)', () => {
  const code = item('credit_code');

  it('accepts valid codes', () => {
    expect(check('91350100M000100Y43', code)).toBeNull();
    expect(check('91430100MA4L12345A', code)).toBeNull();
    expect(check('91110000100000000R', code)).toBeNull();
  });

  it('rejects characters outside the code set and wrong lengths as credit_code_format', () => {
    expect(check('91350100M000100YI3', code)).toBe('credit_code_format'); // I
    expect(check('91350100M000100YO3', code)).toBe('credit_code_format'); // O
    expect(check('91350100M000100Y4S', code)).toBe('credit_code_format'); // S
    expect(check('91350100M000100Y4', code)).toBe('credit_code_format'); // 17 characters
    expect(check('91350100M000100Y433', code)).toBe('credit_code_format'); // 19 characters
    expect(check('91350100m000100y43', code)).toBe('credit_code_format'); // lower case
    expect(check('9135A100M000100Y43', code)).toBe('credit_code_format'); // letter in the division code
    expect(check('9.13501E+17', code)).toBe('credit_code_format');
  });

  it('rejects a wrong check character as credit_code_checksum', () => {
    expect(check('91350100M000100Y44', code)).toBe('credit_code_checksum');
    expect(check('91430100MA4L12345B', code)).toBe('credit_code_checksum');
  });
});

describe('validateValue: phone', () => {
  const phone = item('phone');

  it('accepts mobile numbers and area-code landlines', () => {
    expect(check('13800138000', phone)).toBeNull();
    expect(check('19912345678', phone)).toBeNull();
    expect(check('0731-88001234', phone)).toBeNull();
    expect(check('0731-8800123', phone)).toBeNull();
    expect(check('010-12345678', phone)).toBeNull();
  });

  it('rejects anything else as value_invalid', () => {
    expect(check('12800138000', phone)).toBe('value_invalid'); // 12x is not a mobile prefix
    expect(check('1380013800', phone)).toBe('value_invalid');
    expect(check('138001380001', phone)).toBe('value_invalid');
    expect(check('073188001234', phone)).toBe('value_invalid'); // no dash
    expect(check('0731-123456', phone)).toBe('value_invalid'); // 6-digit local number
    expect(check('0731-123456789', phone)).toBe('value_invalid');
    expect(check('1.38001E+10', phone)).toBe('value_invalid');
    expect(check('无', phone)).toBe('value_invalid');
  });
});

describe('validateValue: enum, pattern and maxLength', () => {
  it('accepts only the listed enum values', () => {
    const sex = item('enum', { enum: ['男', '女'] });
    expect(check('男', sex)).toBeNull();
    expect(check('女', sex)).toBeNull();
    expect(check('未知', sex)).toBe('value_invalid');
    expect(check('男 ', sex)).toBe('value_invalid');
  });

  it('rejects every value of an enum item without a list', () => {
    expect(check('男', item('enum'))).toBe('value_invalid');
  });

  it('applies an enum list to other types too', () => {
    const holderType = item('string', { enum: ['111', '001'] });
    expect(check('111', holderType)).toBeNull();
    expect(check('112', holderType)).toBe('value_invalid');
    expect(check('3', item('integer', { enum: ['1', '2'] }))).toBe('value_invalid');
  });

  it('checks a pattern', () => {
    const componentCode = item('string', { pattern: '^\\d{16}$' });
    expect(check('4301120100000001', componentCode)).toBeNull();
    expect(check('430112010000000', componentCode)).toBe('value_invalid');
    expect(check('43011201000000AB', componentCode)).toBe('value_invalid');
  });

  it('checks a pattern on enum items', () => {
    expect(check('A1', item('enum', { enum: ['A1', 'B'], pattern: '^[A-Z]$' }))).toBe('value_invalid');
  });

  it('checks maxLength in characters, not bytes', () => {
    const name = item('string', { maxLength: 4 });
    expect(check('张三丰', name)).toBeNull();
    expect(check('欧阳娜娜', name)).toBeNull();
    expect(check('欧阳娜娜娜', name)).toBe('value_invalid');
  });

  it('checks maxLength and pattern on phones and dates after their type check', () => {
    expect(check('13800138000', item('phone', { pattern: '^1' }))).toBeNull();
    expect(check('0731-88001234', item('phone', { pattern: '^1' }))).toBe('value_invalid');
    expect(check('1990-01-05', item('date', { maxLength: 5 }))).toBe('value_invalid');
  });

  it('reports type_invalid before a range, enum or pattern problem', () => {
    expect(check('abc', item('integer', { min: 0, enum: ['1'], pattern: '^\\d$' }))).toBe('type_invalid');
  });

  it('accepts a string without a validator', () => {
    expect(check('任何文字', item('string'))).toBeNull();
  });
});

describe('rowWarnings', () => {
  const row =
    (values: Record<string, string | null>) =>
    (code: string): string | null | undefined =>
      values[code];

  it('gives none when birth date and sex agree with the ID number', () => {
    expect(
      rowWarnings(row({ id_number: '430102199001011238', birth_date: '1990-01-01', sex: '男' }), 'id_number'),
    ).toEqual([]);
    expect(
      rowWarnings(row({ id_number: '11010519491231002X', birth_date: '1949-12-31', sex: '女' }), 'id_number'),
    ).toEqual([]);
  });

  it('gives none when the row has no birth date or sex', () => {
    expect(rowWarnings(row({ id_number: '430102199001011238' }), 'id_number')).toEqual([]);
    expect(
      rowWarnings(row({ id_number: '430102199001011238', birth_date: null, sex: null }), 'id_number'),
    ).toEqual([]);
  });

  it('flags a birth date that disagrees', () => {
    expect(
      rowWarnings(row({ id_number: '430102199001011238', birth_date: '1990-01-02', sex: '男' }), 'id_number'),
    ).toEqual(['birth_date_mismatch']);
  });

  it('flags a sex that disagrees', () => {
    expect(rowWarnings(row({ id_number: '430102199001011238', sex: '女' }), 'id_number')).toEqual([
      'sex_mismatch',
    ]);
    expect(rowWarnings(row({ id_number: '11010519491231002X', sex: '男' }), 'id_number')).toEqual([
      'sex_mismatch',
    ]);
  });

  it('flags both, birth date first', () => {
    expect(
      rowWarnings(row({ id_number: '430102199001011238', birth_date: '1991-01-01', sex: '女' }), 'id_number'),
    ).toEqual(['birth_date_mismatch', 'sex_mismatch']);
  });

  it('reads the ID number from the given item code', () => {
    expect(rowWarnings(row({ holder: '430102199001011238', birth_date: '1990-01-02' }), 'holder')).toEqual([
      'birth_date_mismatch',
    ]);
  });

  it('gives none without an ID number item or an 18-character ID number', () => {
    expect(
      rowWarnings(row({ id_number: '430102199001011238', birth_date: '2000-01-01' }), undefined),
    ).toEqual([]);
    expect(rowWarnings(row({ id_number: null, birth_date: '2000-01-01' }), 'id_number')).toEqual([]);
    expect(rowWarnings(row({ id_number: '430102900101123', sex: '女' }), 'id_number')).toEqual([]);
  });
});

describe('validateValue: an ID number stored as a number', () => {
  it('rejects the exponent form Excel shows with its own reason', () => {
    expect(check('4.30112199001011E+17', item('id_number'))).toBe('id_number_as_number');
    expect(check('4.30112199001011e+17', item('id_number'))).toBe('id_number_as_number');
  });

  it('rejects 15 digits then 000 whose check digit fails with its own reason', () => {
    // 430112199001011233 typed as a number: Excel keeps 430112199001011 and zeroes the rest.
    expect(check('430112199001011000', item('id_number'))).toBe('id_number_as_number');
  });

  it('accepts 15 digits then 000 with a right check digit: Excel lost nothing', () => {
    expect(check('430102199001011000', item('id_number'))).toBeNull();
  });

  it('keeps other ID number reasons as they are', () => {
    expect(check('430102199001011239', item('id_number'))).toBe('id_number_checksum');
    expect(check('43010219900101123', item('id_number'))).toBe('id_number_format');
  });
});
