import { describe, expect, it } from 'vitest';
import { creditCodeCheck, idNumberCheck } from '../../core/cn-codes.ts';
import { checkAnswers, isDateAnswer, isPhoneAnswer, matchesPattern } from './answers.ts';
import type { FormField } from './fields.ts';

const field = (key: string, more: Partial<FormField> = {}): FormField => ({
  key,
  label: key,
  type: 'text',
  required: false,
  ...more,
});
const idNumber = `43011219900101123${idNumberCheck('43011219900101123')}`;
const creditCode = `91430112MA4L00001${creditCodeCheck('91430112MA4L00001')}`;

describe('checkAnswers', () => {
  it('accepts answers that fit their fields, and empty optional ones', () => {
    const fields = [
      field('name', { required: true }),
      field('id', { type: 'id_number', required: true }),
      field('code', { type: 'credit_code' }),
      field('count', { type: 'number' }),
      field('day', { type: 'date' }),
      field('phone', { type: 'phone' }),
      field('choice', { type: 'select', options: ['火车', '飞机'] }),
      field('yes', { type: 'boolean' }),
      field('note', { type: 'textarea' }),
    ];
    expect(
      checkAnswers(
        fields,
        {
          name: '张三',
          id: idNumber,
          code: creditCode,
          count: '12',
          day: '2020-02-01',
          phone: '13800138000',
          choice: '火车',
          yes: 'false',
        },
        '2026-01-01',
      ),
    ).toEqual([]);
  });

  it('names each field whose answer is missing or does not fit, once, in the form’s order', () => {
    const fields = [
      field('name', { required: true }),
      field('id', { type: 'id_number' }),
      field('code', { type: 'credit_code' }),
      field('count', { type: 'number', required: true }),
      field('day', { type: 'date' }),
      field('phone', { type: 'phone' }),
      field('choice', { type: 'select', options: ['火车', '飞机'] }),
      field('yes', { type: 'boolean' }),
    ];
    const problems = checkAnswers(fields, {
      name: '',
      id: `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`,
      code: creditCode.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      count: '十二',
      day: '2020-02-30',
      phone: '12345',
      choice: '轮船',
      yes: '是',
    });
    expect(problems).toEqual([
      { field: 'name', reason: 'required' },
      { field: 'id', reason: 'answer_bad_id_number' },
      { field: 'code', reason: 'answer_bad_credit_code' },
      { field: 'count', reason: 'answer_bad_number' },
      { field: 'day', reason: 'answer_bad_date' },
      { field: 'phone', reason: 'answer_bad_phone' },
      { field: 'choice', reason: 'invalid_value', params: { values: '火车、飞机' } },
      { field: 'yes', reason: 'answer_bad_boolean' },
    ]);
  });

  it('checks the maximum length in characters, then the pattern over the whole answer', () => {
    const fields = [field('city', { maxLength: 3, pattern: '[\\p{Script=Han}]+市' })];
    expect(checkAnswers(fields, { city: '武汉市' })).toEqual([]);
    expect(checkAnswers(fields, { city: '武汉市区' })).toEqual([
      { field: 'city', reason: 'too_long', params: { maximum: 3 } },
    ]);
    expect(checkAnswers(fields, { city: '武汉' })).toEqual([{ field: 'city', reason: 'invalid_format' }]);
    // Anchored: a pattern matching part of the answer is not enough.
    expect(checkAnswers([field('n', { pattern: '\\d+' })], { n: 'a1' })).toEqual([
      { field: 'n', reason: 'invalid_format' },
    ]);
  });

  it('refuses an ID number born after today, and ignores keys the form does not ask', () => {
    const fields = [field('id', { type: 'id_number' })];
    expect(checkAnswers(fields, { id: idNumber, other: 'x' }, '1989-12-31')).toEqual([
      { field: 'id', reason: 'answer_bad_id_number' },
    ]);
  });
});

describe('answer helpers', () => {
  it('tells real dates, phone numbers and compiling patterns', () => {
    expect(isDateAnswer('2024-02-29')).toBe(true);
    expect(isDateAnswer('2023-02-29')).toBe(false);
    expect(isDateAnswer('2023-2-1')).toBe(false);
    expect(isPhoneAnswer('0731-88001234')).toBe(true);
    expect(isPhoneAnswer('19912345678')).toBe(true);
    expect(isPhoneAnswer('1381234')).toBe(false);
    expect(matchesPattern('(', '(')).toBe(false);
  });
});
