// Checks of a form's answers, without zod or the database, so the server and the app's pages check alike.
import { checkCreditCode, checkIdNumber, isRealDate } from '../../core/cn-codes.ts';
import type { FormField } from './fields.ts';

/** One answer that does not fit its field: the field's key, a message code and its parameters. */
export type AnswerProblem = { field: string; reason: string; params?: Record<string, unknown> };

/** A mainland mobile number (11 digits from 1[3-9]), or a landline with or without its area code and extension. */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** How a yes-or-no answer is written in submissions and exports. */
export const booleanAnswers = ['true', 'false'] as const;

/** True when `text` is a phone number people in the district give: an 11-digit mobile or a landline. */
export function isPhoneNumber(text: string): boolean {
  return MOBILE.test(text) || LANDLINE.test(text);
}

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isDateAnswer(text: string): boolean {
  const m = DATE.exec(text);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The problem of one non-empty answer to a field, by the field's type and its own rules; null when it fits. */
function problemOf(field: FormField, value: string, today: Date | string): AnswerProblem | null {
  const at = (reason: string, params?: Record<string, unknown>): AnswerProblem => ({
    field: field.key,
    reason,
    ...(params && { params }),
  });
  switch (field.type) {
    case 'number':
      if (!NUMBER.test(value)) return at('answer_not_a_number');
      break;
    case 'date':
      if (!isDateAnswer(value)) return at('answer_not_a_date');
      break;
    case 'phone':
      if (!isPhoneNumber(value)) return at('answer_not_a_phone');
      break;
    case 'id_number': {
      const problem = checkIdNumber(value, today);
      if (problem) return at(problem);
      break;
    }
    case 'credit_code': {
      const problem = checkCreditCode(value);
      if (problem) return at(problem);
      break;
    }
    case 'select':
      if (!(field.options ?? []).includes(value))
        return at('invalid_value', { values: (field.options ?? []).join('、') });
      break;
    case 'boolean':
      if (!(booleanAnswers as readonly string[]).includes(value)) return at('answer_not_a_boolean');
      break;
    case 'text':
    case 'textarea':
      break;
  }
  if (field.maxLength !== undefined && [...value].length > field.maxLength)
    return at('too_long', { maximum: field.maxLength });
  if (field.pattern !== undefined && !matches(field.pattern, value)) return at('invalid_format');
  return null;
}

/** Whether the whole answer matches the form's pattern; a pattern that is not a regular expression matches nothing. */
function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return false;
  }
}

/**
 * The problems of a form's answers (keyed by field key, already trimmed strings; a yes-or-no as `true`/`false`),
 * one per field at most, in the form's order: a required field left empty, or an answer that does not fit the
 * field's type (number, date YYYY-MM-DD, phone, ID number, credit code, one of a select's options, yes or no), its
 * pattern or its maximum length. An empty optional answer is fine. Answers to keys the form does not have are
 * not looked at (the caller decides what to do with them). `today` bounds an ID number's birth date.
 */
export function checkAnswers(
  fields: readonly FormField[],
  answers: Readonly<Record<string, string | undefined>>,
  today: Date | string = new Date(),
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const field of fields) {
    const value = answers[field.key] ?? '';
    if (value === '') {
      if (field.required) problems.push({ field: field.key, reason: 'required' });
      continue;
    }
    const problem = problemOf(field, value, today);
    if (problem) problems.push(problem);
  }
  return problems;
}
