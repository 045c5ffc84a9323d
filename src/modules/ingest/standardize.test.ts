import { describe, expect, it } from 'vitest';
import type { DataItem } from '../catalog/index.ts';
import {
  isStandard,
  standardizeDate,
  standardizePhone,
  standardizeValue,
  toHalfWidth,
} from './standardize.ts';

const item = (type: DataItem['type'], extra: Partial<DataItem> = {}): DataItem => ({
  code: 'x',
  name: 'X',
  type,
  required: false,
  personal: false,
  ...extra,
});

/** Standardizes one value and collects what the standardizer reported. */
function run(raw: string | undefined, type: DataItem['type']) {
  const warnings: string[] = [];
  const value = standardizeValue(raw, item(type), (code) => warnings.push(code));
  return { value, warnings };
}

describe('toHalfWidth', () => {
  it('turns full-width letters and digits into ASCII', () => {
    expect(toHalfWidth('ＡＢＣ１２３')).toBe('ABC123');
    expect(toHalfWidth('ａｂｃ')).toBe('abc');
  });

  it('turns full-width punctuation into ASCII', () => {
    expect(toHalfWidth('张三，男')).toBe('张三,男');
    expect(toHalfWidth('（万元）')).toBe('(万元)');
    expect(toHalfWidth('！～')).toBe('!~');
  });

  it('turns the ideographic space into a plain space', () => {
    expect(toHalfWidth('张\u3000三')).toBe('张 三');
  });

  it('removes zero-width characters and a stray BOM', () => {
    expect(toHalfWidth('43\u200b01\u200c02\u200d\ufeff')).toBe('430102');
  });

  it('leaves plain text, Chinese and other symbols alone', () => {
    expect(toHalfWidth('abc 123')).toBe('abc 123');
    expect(toHalfWidth('长沙市岳麓区')).toBe('长沙市岳麓区');
    expect(toHalfWidth('、。《》')).toBe('、。《》');
  });
});

describe('standardizeValue: empty values and trimming', () => {
  it('gives null for a missing column, empty text and blanks', () => {
    expect(run(undefined, 'string')).toEqual({ value: null, warnings: [] });
    expect(run('', 'string')).toEqual({ value: null, warnings: [] });
    expect(run('   ', 'integer')).toEqual({ value: null, warnings: [] });
    expect(run('\u3000\u3000', 'date')).toEqual({ value: null, warnings: [] });
    expect(run('\u200b', 'id_number')).toEqual({ value: null, warnings: [] });
  });

  it('trims strings (including ideographic spaces) and converts them to half-width', () => {
    expect(run('  张三  ', 'string').value).toBe('张三');
    expect(run('\u3000张三\u3000', 'string').value).toBe('张三');
    expect(run('ＡＢＣ１２３', 'string').value).toBe('ABC123');
    expect(run(' 张 三 ', 'string').value).toBe('张 三');
  });

  it('trims enum values and keeps their text', () => {
    expect(run(' 男 ', 'enum')).toEqual({ value: '男', warnings: [] });
  });
});

describe('standardizeValue: citizen ID numbers', () => {
  it('upper-cases a trailing x', () => {
    expect(run('43010219900105123x', 'id_number')).toEqual({ value: '43010219900105123X', warnings: [] });
  });

  it('removes spaces inside the number and full-width digits', () => {
    expect(run('430102 19900101 1238', 'id_number').value).toBe('430102199001011238');
    expect(run('４３０１０２１９９００１０１１２３８', 'id_number').value).toBe('430102199001011238');
    expect(run(' 43010219900105123ｘ ', 'id_number').value).toBe('43010219900105123X');
  });

  it('upgrades a 15-digit number to 18 digits with a valid check character and warns', () => {
    expect(run('430102900101123', 'id_number')).toEqual({
      value: '430102199001011238',
      warnings: ['id_number_upgraded'],
    });
    expect(run('110105491231002', 'id_number')).toEqual({
      value: '11010519491231002X',
      warnings: ['id_number_upgraded'],
    });
  });

  it('upgrades a 15-digit number written with spaces', () => {
    expect(run('430102 900101 123', 'id_number')).toEqual({
      value: '430102199001011238',
      warnings: ['id_number_upgraded'],
    });
  });

  it('flags an Excel scientific-notation value and keeps it as written', () => {
    expect(run('4.30102199001011E+17', 'id_number')).toEqual({
      value: '4.30102199001011E+17',
      warnings: ['excel_lost_digits'],
    });
    expect(run('4.30102199001011e+17', 'id_number').warnings).toEqual(['excel_lost_digits']);
    expect(run('4E+17', 'id_number').warnings).toEqual(['excel_lost_digits']);
  });

  it('leaves an 18-digit number without warnings', () => {
    expect(run('430102199001011238', 'id_number')).toEqual({ value: '430102199001011238', warnings: [] });
  });
});

describe('standardizeValue: credit codes', () => {
  it('upper-cases and removes spaces', () => {
    expect(run(' 91350100m000100y43 ', 'credit_code')).toEqual({ value: '91350100M000100Y43', warnings: [] });
    expect(run('9135 0100 M000 100Y 43', 'credit_code').value).toBe('91350100M000100Y43');
  });

  it('flags an Excel scientific-notation value', () => {
    expect(run('9.13501E+17', 'credit_code')).toEqual({
      value: '9.13501E+17',
      warnings: ['excel_lost_digits'],
    });
  });
});

describe('standardizeDate', () => {
  it.each([
    ['1990-01-05', '1990-01-05'],
    ['1990/1/5', '1990-01-05'],
    ['1990/01/05', '1990-01-05'],
    ['1990.1.5', '1990-01-05'],
    ['19900105', '1990-01-05'],
    ['1990年1月5日', '1990-01-05'],
    ['1990年01月05日', '1990-01-05'],
    ['1990 年 1 月 5 日', '1990-01-05'],
    ['1990年12月31日', '1990-12-31'],
    ['1990-1-5', '1990-01-05'],
    ['1990-01-05 00:00:00', '1990-01-05'],
    ['1990/1/5 8:30', '1990-01-05'],
    ['1990-01-05T00:00:00', '1990-01-05'],
  ])('reads %s as %s', (text, iso) => {
    expect(standardizeDate(text)).toEqual({ value: iso });
  });

  it.each([
    ['25569', '1970-01-01'],
    ['36526', '2000-01-01'],
    ['33239', '1991-01-01'],
    ['32878', '1990-01-05'],
    ['45352', '2024-03-01'],
  ])('reads the Excel day number %s as %s and warns', (text, iso) => {
    expect(standardizeDate(text)).toEqual({ value: iso, warning: 'excel_serial_date' });
  });

  it('takes only five-digit numbers for day numbers, so a bare year stays as written', () => {
    expect(standardizeDate('1990')).toEqual({ value: '1990' });
    expect(standardizeDate('1000')).toEqual({ value: '1000' });
    expect(standardizeDate('366')).toEqual({ value: '366' });
    expect(standardizeDate('999')).toEqual({ value: '999' });
    expect(standardizeDate('60')).toEqual({ value: '60' });
  });

  it('keeps text it cannot read, for validation to reject', () => {
    expect(standardizeDate('五月')).toEqual({ value: '五月' });
    expect(standardizeDate('1990-01')).toEqual({ value: '1990-01' });
    expect(standardizeDate('123456')).toEqual({ value: '123456' });
  });

  it('does not check the calendar (validation does)', () => {
    expect(standardizeDate('1990年2月30日')).toEqual({ value: '1990-02-30' });
  });
});

describe('standardizeValue: dates', () => {
  it('standardizes full-width and padded dates', () => {
    expect(run(' １９９０年１月５日 ', 'date')).toEqual({ value: '1990-01-05', warnings: [] });
  });

  it('passes the Excel day-number warning to warn', () => {
    expect(run('33239', 'date')).toEqual({ value: '1991-01-01', warnings: ['excel_serial_date'] });
  });
});

describe('standardizeValue: datetimes', () => {
  it.each([
    ['2024-03-01 08:05:09', '2024-03-01 08:05:09'],
    ['2024-03-01 08:05', '2024-03-01 08:05:00'],
    ['2024/3/1 8:05', '2024-03-01 08:05:00'],
    ['2024-03-01T08:05:09', '2024-03-01 08:05:09'],
    ['2024-03-01T08:05:09.123', '2024-03-01 08:05:09'],
    ['2024年3月1日 8:05:09', '2024-03-01 08:05:09'],
    ['2024年3月1日8:05', '2024-03-01 08:05:00'],
  ])('reads %s as %s', (text, expected) => {
    expect(run(text, 'datetime')).toEqual({ value: expected, warnings: [] });
  });

  it('keeps text it cannot read', () => {
    expect(run('昨天下午', 'datetime').value).toBe('昨天下午');
  });

  // The XLSX reader renders a date-time cell at exactly midnight as YYYY-MM-DD (cellText in
  // readers/open-source.ts), so such values reach datetime items and must not be rejected.
  it('reads a bare date (a midnight cell from the XLSX reader) as midnight', () => {
    expect(run('2024-03-01', 'datetime')).toEqual({ value: '2024-03-01 00:00:00', warnings: [] });
  });
});

describe('standardizePhone', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['0086-138-0013-8000', '13800138000'],
  ])('reads the mobile number %s as %s', (text, expected) => {
    expect(standardizePhone(text)).toEqual({ value: expected });
  });

  it.each([
    ['0731 88001234', '0731-88001234'],
    ['0731-88001234', '0731-88001234'],
    ['073188001234', '0731-88001234'],
    ['(0731)88001234', '0731-88001234'],
    ['（0731）88001234', '0731-88001234'],
    ['0731-8800123', '0731-8800123'],
    ['010 12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['021-87654321', '021-87654321'],
    ['+86 0731 88001234', '0731-88001234'],
  ])('reads the landline %s as %s', (text, expected) => {
    expect(standardizePhone(text)).toEqual({ value: expected });
  });

  it('keeps what it cannot read', () => {
    expect(standardizePhone('12345')).toEqual({ value: '12345' });
    expect(standardizePhone('无')).toEqual({ value: '无' });
  });
});

describe('standardizeValue: phones', () => {
  it('converts full-width digits and trims before reading the number', () => {
    expect(run(' １３８００１３８０００ ', 'phone')).toEqual({ value: '13800138000', warnings: [] });
  });

  it('flags an Excel scientific-notation value', () => {
    expect(run('1.38001E+10', 'phone')).toEqual({ value: '1.38001E+10', warnings: ['excel_lost_digits'] });
  });
});

describe('standardizeValue: numbers and booleans', () => {
  it('removes thousands separators and spaces', () => {
    expect(run('1,234,567', 'integer').value).toBe('1234567');
    expect(run('1,234.50', 'decimal').value).toBe('1234.50');
    expect(run('１，２３４', 'integer').value).toBe('1234');
    expect(run('1 234', 'integer').value).toBe('1234');
    expect(run('-12.5', 'decimal').value).toBe('-12.5');
  });

  it.each([
    ['是', 'true'],
    ['否', 'false'],
    ['true', 'true'],
    ['FALSE', 'false'],
    ['1', 'true'],
    ['0', 'false'],
    ['Y', 'true'],
    ['n', 'false'],
    ['Yes', 'true'],
    ['no', 'false'],
  ])('reads the boolean %s as %s', (text, expected) => {
    expect(run(text, 'boolean')).toEqual({ value: expected, warnings: [] });
  });

  it('keeps a boolean it cannot read', () => {
    expect(run('也许', 'boolean').value).toBe('也许');
  });
});

describe('standardizeValue: the warn callback', () => {
  it('is called once per warning and never for clean values', () => {
    const warnings: string[] = [];
    const warn = (code: string) => warnings.push(code);
    standardizeValue('430102199001011238', item('id_number'), warn);
    standardizeValue('2024-01-01', item('date'), warn);
    standardizeValue('13800138000', item('phone'), warn);
    expect(warnings).toEqual([]);
    standardizeValue('430102900101123', item('id_number'), warn);
    standardizeValue('36526', item('date'), warn);
    standardizeValue('4.30102E+17', item('id_number'), warn);
    expect(warnings).toEqual(['id_number_upgraded', 'excel_serial_date', 'excel_lost_digits']);
  });

  it('is not called for strings that look like numbers', () => {
    const warnings: string[] = [];
    expect(standardizeValue('4.30102E+17', item('string'), (c) => warnings.push(c))).toBe('4.30102E+17');
    expect(standardizeValue('33239', item('string'), (c) => warnings.push(c))).toBe('33239');
    expect(warnings).toEqual([]);
  });
});

describe('standardizePhone: international landlines', () => {
  it('puts back the 0 of an area code written after +86', () => {
    expect(standardizePhone('+86 731 88001234')).toEqual({ value: '0731-88001234' });
    expect(standardizePhone('+86-10-12345678')).toEqual({ value: '010-12345678' });
  });
});

describe('standardizeValue: ID numbers Excel zeroed', () => {
  it('warns when the last three digits of an 18-digit number are zeros, and keeps the value', () => {
    const warnings: string[] = [];
    const item = {
      code: 'id_number',
      name: '身份证号',
      type: 'id_number',
      required: true,
      personal: true,
    } as DataItem;
    expect(standardizeValue('430112199001011000', item, (w) => warnings.push(w))).toBe('430112199001011000');
    expect(warnings).toEqual(['excel_lost_digits']);
  });
});

describe('isStandard: agrees with standardizeValue', () => {
  const samples = [
    '张三',
    ' 张三',
    '张三\u3000',
    '张\u00a0三',
    '\u00a0张三',
    'ＡＢＣ',
    'a\u200bb',
    'x\ufeff',
    `a${String.fromCharCode(0)}b`,
    '430102199001011238',
    '43010219900101123x',
    '430102199001011000',
    '430102900101123',
    '4.30102199001011E+17',
    '1990-01-05',
    '1990/1/5',
    '19900105',
    '13800138000',
    '138 0013 8000',
    '0731-88001234',
    '42',
    '1,024',
    '3.14',
    'true',
    '是',
    '2024-01-02 03:04:05',
    '\t',
  ];
  const types: DataItem['type'][] = [
    'string',
    'enum',
    'id_number',
    'date',
    'phone',
    'integer',
    'decimal',
    'boolean',
    'datetime',
    'credit_code',
  ];

  it('says standard only when standardizing keeps the text and notices nothing', () => {
    for (const type of types)
      for (const text of samples) {
        const { value, warnings } = run(text, type);
        // Read in place, inside a longer text, as the loader does.
        const inside = `前,${text},后`;
        const standard = isStandard(inside, 2, 2 + text.length, item(type));
        // It may say no to a text that would stay (the full path then standardizes it), never yes to one that would change.
        if (standard)
          expect(value === text && warnings.length === 0, `${type}: ${JSON.stringify(text)}`).toBe(true);
      }
  });

  it('knows the standard forms of clean cells', () => {
    const at = (text: string, type: DataItem['type']) => isStandard(text, 0, text.length, item(type));
    expect(at('张三', 'string')).toBe(true);
    expect(at('430102199001011238', 'id_number')).toBe(true);
    expect(at('1990-01-05', 'date')).toBe(true);
    expect(at('13800138000', 'phone')).toBe(true);
    expect(at('42', 'integer')).toBe(true);
  });
});
