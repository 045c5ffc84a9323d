/**
 * Chinese national identifiers: citizen ID numbers (GB 11643), unified social credit codes
 * (GB 32100) and e-license identifiers (GB/T 36904, ISO 7064 MOD 37,36 check character).
 */

export type IdNumberProblem = 'id_number_format' | 'id_number_checksum' | 'id_number_date';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idNumberCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** Upgrades a 15-digit (pre-1999) ID number to 18 digits: century 19 and a check character. */
export function upgradeIdNumber(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idNumberCheck(first17);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True when year, month (1-12) and day make a real calendar date. Plain arithmetic: this runs for every row loaded. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** The birth date in an 18-digit ID number as YYYY-MM-DD, or null when it is not a real date. */
export function idNumberBirthDate(id: string): string | null {
  if (!isRealDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

const ID_FORMAT = /^[1-9]\d{16}[\dX]$/;

// The number a run of digits spells (no sign, no checks): this runs for every ID number and date loaded.
export function digitsAt(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

/**
 * Checks an 18-character ID number: format (province code, digits, X), a real birth date from
 * 1900 on and not after `today` (a Date or YYYY-MM-DD), and the mod-11 check. Returns the problem or null.
 */
export function checkIdNumber(id: string, today: Date | string = new Date()): IdNumberProblem | null {
  if (!ID_FORMAT.test(id)) return 'id_number_format';
  const day = typeof today === 'string' ? today : today.toISOString().slice(0, 10);
  // Dates compared as numbers YYYYMMDD.
  const birth = digitsAt(id, 6, 8);
  const latest = digitsAt(day, 0, 4) * 10000 + digitsAt(day, 5, 2) * 100 + digitsAt(day, 8, 2);
  const real = isRealDate(digitsAt(id, 6, 4), digitsAt(id, 10, 2), digitsAt(id, 12, 2));
  if (!real || birth < 19000101 || birth > latest) return 'id_number_date';
  if (idNumberCheck(id) !== id[17]) return 'id_number_checksum';
  return null;
}

// Where each character of YYYY-MM-DD is in an 18-digit ID number (-1: a dash).
const BIRTH_DATE_AT = [6, 7, 8, 9, -1, 10, 11, -1, 12, 13];

/** True when `date` (YYYY-MM-DD) is the birth date written in the 18-digit ID number. */
export function isIdNumberBirthDate(id: string, date: string): boolean {
  if (date.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const at = BIRTH_DATE_AT[i]!;
    if (date.charCodeAt(i) !== (at < 0 ? 45 : id.charCodeAt(at))) return false;
  }
  return isRealDate(digitsAt(id, 6, 4), digitsAt(id, 10, 2), digitsAt(id, 12, 2));
}

/** Sex from an 18-digit ID number: the 17th digit is odd for men. */
export function idNumberSex(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** True when `sex` as the registries write it (男 / 女) is the one an 18-digit ID number carries. */
export function isIdNumberSex(id: string, sex: string): boolean {
  return sex === (idNumberSex(id) === 'male' ? '男' : '女');
}

export type CreditCodeProblem = 'credit_code_format' | 'credit_code_checksum';

/** The GB 32100 character set (no I, O, S, V, Z); the organization code part of a credit code uses it too. */
export const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character of the first 17 characters. */
export function creditCodeCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11714 check character of an 8-character organization code body (digits and A–Z): 0–9 or X. */
export function organizationCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number.parseInt(body8[i]!, 36) * ORG_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Checks a unified social credit code: 18 characters of the GB 32100 set (no I, O, S, V, Z) and the mod-31 check. */
export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return 'credit_code_format';
  if (creditCodeCheck(code) !== code[17]) return 'credit_code_checksum';
  return null;
}

/** The prefix of every GB/T 36904 e-license identifier (OID of Chinese e-licenses). */
export const LICENSE_ID_PREFIX = '1.2.156.3005.2.';

function mod3736Value(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** ISO 7064 MOD 37,36 check character over digits and upper-case letters. */
export function iso7064Mod3736(text: string): string {
  let p = 36;
  for (const c of text) {
    const s = (p + mod3736Value(c)) % 36 || 36;
    p = (s * 2) % 37;
  }
  const check = (37 - p) % 36;
  return check < 10 ? String(check) : String.fromCharCode(check + 55);
}

/** The check character of a license identifier body: everything after the prefix, dots removed. */
export function licenseIdCheck(bodyWithoutCheck: string): string {
  return iso7064Mod3736(bodyWithoutCheck.slice(LICENSE_ID_PREFIX.length).replaceAll('.', ''));
}

/** Checks an e-license identifier's form and check character. */
export function checkLicenseId(id: string): 'license_id_format' | 'license_id_checksum' | null {
  if (!id.startsWith(LICENSE_ID_PREFIX) || !/^[0-9A-Z.]+\.[0-9A-Z]$/.test(id)) return 'license_id_format';
  const cut = id.lastIndexOf('.');
  return licenseIdCheck(id.slice(0, cut)) === id.slice(cut + 1) ? null : 'license_id_checksum';
}
