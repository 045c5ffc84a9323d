// The answer checks a resident meets when submitting a form: each field type's rule, required fields, the form's
// own pattern and length, and which field each problem names.
import { describe, expect, it } from 'vitest';
import { creditCodeCheck, idNumberCheck } from '../../core/cn-codes.ts';
import { checkAnswers, isPhoneNumber } from './answers.ts';
import type { FieldType, FormField } from './fields.ts';

const ID = `43011219900101123${idNumberCheck('43011219900101123')}`;
const CODE = `91430112MA4L00001${creditCodeCheck('91430112MA4L00001')}`;
const TODAY = '2026-12-07';

const field = (type: FieldType, more: Partial<FormField> = {}): FormField => ({
  key: 'x',
  label: 'X',
  type,
  required: false,
  ...more,
});
const check = (f: FormField, value: string | undefined) => checkAnswers([f], { x: value }, TODAY);

describe('checkAnswers', () => {
  it('asks for every required field left empty or missing, and lets an optional one be empty', () => {
    const fields = [
      field('text', { key: 'a', required: true }),
      field('number', { key: 'b', required: true }),
      field('date', { key: 'c' }),
    ];
    expect(checkAnswers(fields, { a: '', c: '' }, TODAY)).toEqual([
      { field: 'a', reason: 'required' },
      { field: 'b', reason: 'required' },
    ]);
    expect(checkAnswers(fields, { a: '甲', b: '3' }, TODAY)).toEqual([]);
  });

  it('takes numbers, whole or with decimals, and refuses words and half numbers', () => {
    for (const ok of ['0', '42', '-3', '36.8']) expect(check(field('number'), ok)).toEqual([]);
    for (const bad of ['abc', '3.', '.5', '1e3', '１２', '3 5'])
      expect(check(field('number'), bad)).toEqual([{ field: 'x', reason: 'answer_not_a_number' }]);
  });

  it('takes dates written YYYY-MM-DD that exist on the calendar', () => {
    for (const ok of ['2026-12-07', '2024-02-29']) expect(check(field('date'), ok)).toEqual([]);
    for (const bad of ['2026/12/07', '2026-2-7', '2025-02-29', '2026-13-01', '20261207'])
      expect(check(field('date'), bad)).toEqual([{ field: 'x', reason: 'answer_not_a_date' }]);
  });

  it('takes an 11-digit mobile number or a landline, and refuses the rest', () => {
    for (const ok of [
      '13800138000',
      '19912345678',
      '0731-88889999',
      '073188889999',
      '88889999',
      '0731-8888999-12',
    ])
      expect(isPhoneNumber(ok), ok).toBe(true);
    for (const bad of [
      '12800138000',
      '1380013800',
      '138001380001',
      '+8613800138000',
      'call me',
      '0731-0888999',
    ])
      expect(check(field('phone'), bad), bad).toEqual([{ field: 'x', reason: 'answer_not_a_phone' }]);
  });

  it("checks an ID number's format, birth date and check digit", () => {
    expect(check(field('id_number'), ID)).toEqual([]);
    expect(check(field('id_number'), ID.slice(0, 17))).toEqual([{ field: 'x', reason: 'id_number_format' }]);
    const wrongCheck = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    expect(check(field('id_number'), wrongCheck)).toEqual([{ field: 'x', reason: 'id_number_checksum' }]);
    const future = `43011220300101123${idNumberCheck('43011220300101123')}`;
    expect(check(field('id_number'), future)).toEqual([{ field: 'x', reason: 'id_number_date' }]);
  });

  it("checks a credit code's characters and check character", () => {
    expect(check(field('credit_code'), CODE)).toEqual([]);
    expect(check(field('credit_code'), 'not a code')).toEqual([{ field: 'x', reason: 'credit_code_format' }]);
    const wrongCheck = CODE.slice(0, 17) + (CODE[17] === '0' ? '1' : '0');
    expect(check(field('credit_code'), wrongCheck)).toEqual([{ field: 'x', reason: 'credit_code_checksum' }]);
  });

  it("takes only one of a select's options, and names them when refusing", () => {
    const color = field('select', { options: ['绿码', '黄码', '红码'] });
    expect(check(color, '黄码')).toEqual([]);
    expect(check(color, '蓝码')).toEqual([
      { field: 'x', reason: 'invalid_value', params: { values: '绿码、黄码、红码' } },
    ]);
    expect(check(field('select'), '任意')).toMatchObject([{ reason: 'invalid_value' }]);
  });

  it('takes yes or no written true or false', () => {
    expect(check(field('boolean'), 'true')).toEqual([]);
    expect(check(field('boolean'), 'false')).toEqual([]);
    expect(check(field('boolean'), '是')).toEqual([{ field: 'x', reason: 'answer_not_a_boolean' }]);
  });

  it("applies the form's own pattern to the whole answer, and its maximum length in characters", () => {
    const postcode = field('text', { pattern: '\\d{6}' });
    expect(check(postcode, '410200')).toEqual([]);
    expect(check(postcode, 'x410200x')).toEqual([{ field: 'x', reason: 'invalid_format' }]);
    expect(check(field('text', { pattern: '(' }), 'anything')).toEqual([
      { field: 'x', reason: 'invalid_format' },
    ]);
    const short = field('textarea', { maxLength: 4 });
    expect(check(short, '望城高塘')).toEqual([]);
    expect(check(short, '望城高塘岭')).toEqual([{ field: 'x', reason: 'too_long', params: { maximum: 4 } }]);
  });

  it('names each field with a problem once, in the order of the form', () => {
    const fields = [
      field('phone', { key: 'phone', required: true }),
      field('date', { key: 'back_on', required: true }),
      field('text', { key: 'note' }),
      field('number', { key: 'temperature', required: true, maxLength: 2 }),
    ];
    const problems = checkAnswers(fields, { phone: '123', note: 'ok', temperature: '36.8' }, TODAY);
    expect(problems.map((p) => [p.field, p.reason])).toEqual([
      ['phone', 'answer_not_a_phone'],
      ['back_on', 'required'],
      ['temperature', 'too_long'],
    ]);
  });
});
