import { upgradeIdNumber } from '../../core/cn-codes.ts';
import type { DataItem } from '../catalog/index.ts';

/** A standardized value and what standardizing noticed. */
export type Standardized = { value: string | null; warning?: string };

const NOT_HALF_WIDTH = /[\uff01-\uff5e\u3000\u200b-\u200d\ufeff]/;

/**
 * Full-width ASCII (Ａ１，) and the ideographic space to their half-width forms; zero-width characters removed.
 * A NUL is kept: it rejects its row (control_character, validate.ts) rather than be dropped unseen.
 */
export function toHalfWidth(text: string): string {
  if (!NOT_HALF_WIDTH.test(text)) return text;
  return text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u200b-\u200d\ufeff]/g, '');
}

// 4.30112199001011E+17: a long number that Excel stored as a float, losing its last digits.
export const EXCEL_FLOAT = /^\d(\.\d+)?E\+\d+$/i;
// 430112199001011000: Excel kept 15 significant digits of an ID number typed as a number and zeroed the rest.
export const EXCEL_ZEROED = /^\d{15}000$/;
const pad = (n: string | number) => String(n).padStart(2, '0');

/** A date in the forms people write (1990-01-05, 1990/1/5, 1990.1.5, 19900105, 1990年1月5日, an Excel day number) as YYYY-MM-DD. */
export function standardizeDate(text: string): Standardized {
  let m = text.match(
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]?(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
  );
  if (!m) m = text.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (m) return { value: `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` };
  // Five digits only: a bare year such as 1990 is not a day number.
  if (/^\d{5}$/.test(text)) {
    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
    const date = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000);
    return { value: date.toISOString().slice(0, 10), warning: 'excel_serial_date' };
  }
  return { value: text };
}

/** A date and time as YYYY-MM-DD HH:mm:ss. */
function standardizeDateTime(text: string): Standardized {
  const m = text.match(
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[ T]?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/,
  );
  if (m) return { value: `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)} ${pad(m[4]!)}:${m[5]}:${m[6] ?? '00'}` };
  // A date alone (an XLSX cell at midnight, or a form without time) means the start of that day.
  const date = standardizeDate(text);
  return /^\d{4}-\d{2}-\d{2}$/.test(date.value ?? '')
    ? { ...date, value: `${date.value} 00:00:00` }
    : { value: text };
}

/** A phone number: mobile as 11 digits, landline as area code-number (0731-88001234); +86 dropped. */
export function standardizePhone(text: string): Standardized {
  const compact = text.replace(/[\s\-()（）]/g, '');
  let digits = compact.replace(/^(\+86|0086)/, '');
  // Written internationally, a landline drops its leading 0 (+86 731 88001234).
  if (digits !== compact && /^(10\d{8}|[2-9]\d{8,10})$/.test(digits)) digits = `0${digits}`;
  if (/^1\d{10}$/.test(digits)) return { value: digits };
  if (/^0\d{9,11}$/.test(digits)) {
    // Beijing (010) and the 02x cities have three-digit area codes; all others four.
    const areaLength = /^0(10|2\d)/.test(digits) ? 3 : 4;
    return { value: `${digits.slice(0, areaLength)}-${digits.slice(areaLength)}` };
  }
  return { value: text };
}

/**
 * Standardizes one raw value for its data item; empty text becomes null. What standardizing noticed
 * goes to `warn`, so the common case allocates nothing (this runs for every cell loaded).
 */
export function standardizeValue(
  raw: string | undefined,
  item: DataItem,
  warn: (code: string) => void,
): string | null {
  if (raw === undefined) return null;
  const text = toHalfWidth(raw).trim();
  if (text === '') return null;
  if (item.type === 'id_number' && EXCEL_ZEROED.test(text)) warn('excel_lost_digits');
  if (item.type === 'string' || item.type === 'enum' || alreadyStandard(text, item.type)) return text;
  const result = standardizeTyped(text, item);
  if (result.warning) warn(result.warning);
  return result.value;
}

// The characters JavaScript's trim() removes.
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * True when standardizing the value `text[start, end)` would keep it as it is and notice nothing, which is
 * what most cells of a clean file are. The loader's fast path calls this for every cell instead of
 * standardizing, so it reads the text in place; a test holds it to `standardizeValue`.
 */
export function isStandard(text: string, start: number, end: number, item: DataItem): boolean {
  if (end <= start || isSpace(text.charCodeAt(start)) || isSpace(text.charCodeAt(end - 1))) return false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // What toHalfWidth changes (see NOT_HALF_WIDTH).
    if (c >= 0x200b && (c <= 0x200d || c === 0x3000 || c === 0xfeff || (c >= 0xff01 && c <= 0xff5e)))
      return false;
  }
  if (item.type === 'string' || item.type === 'enum') return true;
  const value = text.slice(start, end);
  if (item.type === 'id_number' && EXCEL_ZEROED.test(value)) return false;
  return alreadyStandard(value, item.type);
}

const STANDARD_FORMS: Partial<Record<DataItem['type'], RegExp>> = {
  id_number: /^\d{17}[\dX]$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  phone: /^1\d{10}$/,
  integer: /^-?\d+$/,
  decimal: /^-?\d+(\.\d+)?$/,
};

/** True when the text is already in its standard form, which is what most cells of a clean file are. */
function alreadyStandard(text: string, type: DataItem['type']): boolean {
  return STANDARD_FORMS[type]?.test(text) ?? false;
}

function standardizeTyped(text: string, item: DataItem): Standardized {
  switch (item.type) {
    case 'id_number': {
      if (EXCEL_FLOAT.test(text)) return { value: text, warning: 'excel_lost_digits' };
      const id = text.replace(/\s/g, '').toUpperCase();
      if (/^\d{15}$/.test(id)) return { value: upgradeIdNumber(id), warning: 'id_number_upgraded' };
      return { value: id };
    }
    case 'credit_code':
      if (EXCEL_FLOAT.test(text)) return { value: text, warning: 'excel_lost_digits' };
      return { value: text.replace(/\s/g, '').toUpperCase() };
    case 'date':
      return standardizeDate(text);
    case 'datetime':
      return standardizeDateTime(text);
    case 'phone':
      if (EXCEL_FLOAT.test(text)) return { value: text, warning: 'excel_lost_digits' };
      return standardizePhone(text);
    case 'integer':
    case 'decimal':
      return { value: text.replace(/[,\s]/g, '') };
    case 'boolean':
      if (/^(是|true|1|y|yes)$/i.test(text)) return { value: 'true' };
      if (/^(否|false|0|n|no)$/i.test(text)) return { value: 'false' };
      return { value: text };
    default:
      return { value: text };
  }
}
