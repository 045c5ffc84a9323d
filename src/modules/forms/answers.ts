// The check of a form's answers against its fields: pure (no zod, no database), so the server, the app's pages
// and the console's preview check alike.
import { checkCreditCode, checkIdNumber, isRealDate } from '../../core/cn-codes.ts';
import type { FormField } from './fields.ts';

/** One answer that does not fit its field: the field's key, a message code and its parameters (a FieldError). */
export type AnswerProblem = { field: string; reason: string; params?: Record<string, unknown> };

/** How a yes-or-no answer is written in submissions, exports and the sharing API. */
export const booleanAnswers = ['true', 'false'] as const;

const NUMBER = /^-?\d{1,15}(\.\d{1,6})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A mainland mobile number, or a landline with or without its area code and extension. */
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$/;
/** The longest answer any field takes when it sets no maxLength of its own. */
export const ANSWER_MAX = 2000;

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isDateAnswer(text: string): boolean {
  const m = DATE.exec(text);
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when `text` is a phone number: an 11-digit mobile or a landline. */
export function isPhoneAnswer(text: string): boolean {
  return MOBILE.test(text) || LANDLINE.test(text);
}

/**
 * Whether a whole answer matches a field's pattern (anchored: the pattern must cover the answer). A pattern that
 * does not compile matches nothing; definitions refuse such patterns, so this only guards old data.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u').test(value);
  } catch {
    return false;
  }
}

/** The problem of one non-empty answer, by its field's type, options, length and pattern; null when it fits. */
function answerProblem(field: FormField, value: string, today: Date | string): AnswerProblem | null {
  const problem = (reason: string, params?: Record<string, unknown>): AnswerProblem => ({
    field: field.key,
    reason,
    ...(params && { params }),
  });
  switch (field.type) {
    case 'number':
      if (!NUMBER.test(value)) return problem('answer_bad_number');
      break;
    case 'date':
      if (!isDateAnswer(value)) return problem('answer_bad_date');
      break;
    case 'phone':
      if (!isPhoneAnswer(value)) return problem('answer_bad_phone');
      break;
    case 'id_number':
      if (checkIdNumber(value, today)) return problem('answer_bad_id_number');
      break;
    case 'credit_code':
      if (checkCreditCode(value)) return problem('answer_bad_credit_code');
      break;
    case 'select':
      if (!(field.options ?? []).includes(value))
        return problem('invalid_value', { values: (field.options ?? []).join('、') });
      break;
    case 'boolean':
      if (!(booleanAnswers as readonly string[]).includes(value)) return problem('answer_bad_boolean');
      break;
    case 'text':
    case 'textarea':
      break;
  }
  const maximum = field.maxLength ?? ANSWER_MAX;
  if ([...value].length > maximum) return problem('too_long', { maximum });
  if (field.pattern && !matchesPattern(field.pattern, value)) return problem('invalid_format');
  return null;
}

/**
 * The problems of a form's answers, at most one per field, in the form's order: a required field left empty, or
 * an answer that does not fit its field's type (number, date YYYY-MM-DD, phone, ID number, credit code, one of a
 * select's options, `true`/`false`), its maximum length or its pattern. Answers are strings as submitted (the
 * caller trims them); an empty or missing optional answer is fine. Keys the form does not ask are not looked at:
 * the caller decides what to do with them. `today` bounds an ID number's birth date.
 */
export function checkAnswers(
  fields: readonly FormField[],
  answers: Readonly<Record<string, string | null | undefined>>,
  today: Date | string = new Date(),
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  for (const field of fields) {
    const value = answers[field.key] ?? '';
    if (value === '') {
      if (field.required) problems.push({ field: field.key, reason: 'required' });
      continue;
    }
    const problem = answerProblem(field, value, today);
    if (problem) problems.push(problem);
  }
  return problems;
}
