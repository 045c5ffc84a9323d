import {
  checkCreditCode,
  checkIdNumber,
  digitsAt,
  isIdNumberBirthDate,
  isIdNumberSex,
  isRealDate,
} from '../../core/cn-codes.ts';
import type { DataItem } from '../catalog/index.ts';
import { EXCEL_FLOAT, EXCEL_ZEROED } from './standardize.ts';

/** The reasons a row is rejected (a contract: scripts and reports rely on these codes). */
export const rejectReasons = [
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
] as const;
export type RejectReason = (typeof rejectReasons)[number];

// Excel keeps 15 significant digits of a number: an ID number typed as one comes back in exponent form
// (EXCEL_FLOAT) or with its last three digits zeroed (EXCEL_ZEROED), as standardization also notes.

/**
 * The reason an ID number is refused: one stored as a number has lost its last digits, and is never guessed
 * back. Ending in 000 with a right check digit, it lost nothing (Excel kept the digits it had).
 */
function checkIdNumberText(value: string, today: string): RejectReason | null {
  if (EXCEL_FLOAT.test(value)) return 'id_number_as_number';
  const reason = checkIdNumber(value, today);
  return reason && EXCEL_ZEROED.test(value) ? 'id_number_as_number' : reason;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** True when the value has the pattern (starting YYYY-MM-DD) and that date is real. */
function realDate(value: string, pattern: RegExp): boolean {
  return (
    pattern.test(value) && isRealDate(digitsAt(value, 0, 4), digitsAt(value, 5, 2), digitsAt(value, 8, 2))
  );
}

function inRange(n: number, item: DataItem) {
  const v = item.validator;
  return (v?.min === undefined || n >= v.min) && (v?.max === undefined || n <= v.max);
}

/** Checks one standardized value against its data item; returns the reason it is rejected, or null. */
export function validateValue(value: string | null, item: DataItem, today: string): RejectReason | null {
  if (value === null) return item.required ? 'missing_required' : null;
  // PostgreSQL cannot store a NUL; U+FFFD stands for bytes the file's encoding could not read (a garbled name).
  if (value.includes('\0')) return 'control_character';
  if (value.includes('\uFFFD')) return 'bad_encoding';
  const v = item.validator;
  switch (item.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) return 'type_invalid';
      if (!inRange(Number(value), item)) return 'value_invalid';
      break;
    case 'decimal':
      if (!/^-?\d+(\.\d+)?$/.test(value)) return 'type_invalid';
      if (!inRange(Number(value), item)) return 'value_invalid';
      break;
    case 'boolean':
      if (value !== 'true' && value !== 'false') return 'type_invalid';
      break;
    case 'date':
      if (!realDate(value, DATE)) return 'date_invalid';
      break;
    case 'datetime':
      if (!realDate(value, DATETIME)) return 'date_invalid';
      break;
    case 'id_number':
      return checkIdNumberText(value, today);
    case 'credit_code':
      return checkCreditCode(value);
    case 'phone':
      if (!/^1[3-9]\d{9}$/.test(value) && !/^0\d{2,3}-\d{7,8}$/.test(value)) return 'value_invalid';
      break;
    case 'enum':
      if (!v?.enum?.includes(value)) return 'value_invalid';
      break;
  }
  if (v?.enum && item.type !== 'enum' && !v.enum.includes(value)) return 'value_invalid';
  if (v?.maxLength !== undefined && value.length > v.maxLength) return 'value_invalid';
  if (v?.pattern && !new RegExp(v.pattern).test(value)) return 'value_invalid';
  return null;
}

// Most rows have no warning; they all share this empty list instead of allocating one.
const NONE: readonly string[] = Object.freeze([]);

/**
 * Warnings about a whole row: a birth date or sex that disagrees with the row's citizen ID number.
 * `get` returns the standardized value of an item code.
 */
export function rowWarnings(
  get: (code: string) => string | null | undefined,
  idNumberCode: string | undefined,
): readonly string[] {
  if (!idNumberCode) return NONE;
  const id = get(idNumberCode);
  if (id?.length !== 18) return NONE;
  const birth = get('birth_date');
  const sex = get('sex');
  const birthDiffers = !!birth && !isIdNumberBirthDate(id, birth);
  const sexDiffers = !!sex && !isIdNumberSex(id, sex);
  if (!birthDiffers && !sexDiffers) return NONE;
  return [...(birthDiffers ? ['birth_date_mismatch'] : []), ...(sexDiffers ? ['sex_mismatch'] : [])];
}
