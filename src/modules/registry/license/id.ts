/**
 * E-license identifiers (电子证照标识, GB/T 36904): building, parsing and checking the form OneCity issues.
 *
 * GB/T 36904 writes an identifier as the e-license OID root and five dot-separated fields:
 *
 *   1.2.156.3005.2 . type code . issuer code . serial . version . check
 *
 * The standard's full text is not at hand; the widths below follow the published identifiers in
 * test/fixtures/cn-code-test-vectors.json, and where those vary we fix one width for what we issue:
 * - type code (证照类型代码), 21 characters: the 18-character credit code of the authority that defines the
 *   license type, then a 3-digit number it assigns (e.g. `11100000000013338W011`). Every published example
 *   has this shape. We check its form only: type codes come from the national catalog and are taken as given.
 * - issuer code (颁发机构代码), the issuing department's 18-character unified social credit code (GB 32100),
 *   checked with its mod-31 check. (Some provinces write a 6-digit division code here; we never issue that.)
 * - serial (流水号), 10 digits, zero-padded: published serials run 9 to 11 digits (some date-prefixed, one
 *   32 hex characters); a fixed width keeps our identifiers one length and sortable, and 10 digits is room
 *   for ten billion licenses per type and issuer.
 * - version (版本号), 3 digits (`001`, `002`): every published example has three, so not two.
 * - check (校验位), one character, ISO 7064 MOD 37,36 over the four fields with the dots removed; this is
 *   `licenseIdCheck` in src/core/cn-codes.ts, so `checkLicenseId` accepts every identifier built here.
 */
import {
  checkCreditCode,
  checkLicenseId,
  LICENSE_ID_PREFIX,
  licenseIdCheck,
} from '../../../core/cn-codes.ts';

export const LICENSE_TYPE_CODE_LENGTH = 21;
export const LICENSE_SERIAL_DIGITS = 10;
export const LICENSE_VERSION_DIGITS = 3;

/** The parts an identifier is built from. */
export type LicenseIdParts = { typeCode: string; issuerCode: string; serial: number; version: number };

/** A parsed identifier: its parts, the identifier itself and its check character. */
export type ParsedLicenseId = LicenseIdParts & { id: string; check: string };

/**
 * Why an identifier is refused: `license_id_format` (not our shape), `license_id_checksum` (the check
 * character does not match, which is what a mistyped identifier shows), `license_id_issuer` (well formed
 * and correctly checked, but the issuer field is not a valid credit code, so no genuine issuer made it).
 */
export type LicenseIdProblem = 'license_id_format' | 'license_id_checksum' | 'license_id_issuer';

// A credit code's character set (GB 32100: no I, O, S, V, Z) for the defining authority, then 3 digits.
const TYPE_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/;
const FIELDS = /^([0-9A-Z]{21})\.([0-9A-Z]{18})\.(\d{10})\.(\d{3})\.([0-9A-Z])$/;

/** True when `code` has the form of a license type code (21 characters: a credit code and 3 digits). */
export function isLicenseTypeCode(code: string): boolean {
  return TYPE_CODE.test(code);
}

/**
 * Builds the identifier of a license from its parts, computing the check character. Throws a RangeError
 * on a bad part: the parts come from the registry's own tables and sequence, so a bad one is a bug.
 */
export function buildLicenseId(parts: LicenseIdParts): string {
  const { typeCode, issuerCode, serial, version } = parts;
  if (!isLicenseTypeCode(typeCode)) throw new RangeError(`Bad license type code: ${typeCode}`);
  if (checkCreditCode(issuerCode)) throw new RangeError(`Bad issuer credit code: ${issuerCode}`);
  if (!Number.isSafeInteger(serial) || serial < 1 || serial >= 10 ** LICENSE_SERIAL_DIGITS) {
    throw new RangeError(`License serial out of range: ${serial}`);
  }
  if (!Number.isSafeInteger(version) || version < 1 || version >= 10 ** LICENSE_VERSION_DIGITS) {
    throw new RangeError(`License version out of range: ${version}`);
  }
  const body = [
    LICENSE_ID_PREFIX + typeCode,
    issuerCode,
    String(serial).padStart(LICENSE_SERIAL_DIGITS, '0'),
    String(version).padStart(LICENSE_VERSION_DIGITS, '0'),
  ].join('.');
  return `${body}.${licenseIdCheck(body)}`;
}

/**
 * Parses an identifier of the form OneCity issues into its parts, or says why it cannot. Checks run in
 * the order format, check character, issuer, so for any identifier `checkLicenseId` refuses, this gives
 * the same reason. The text is taken as is: trimming or upper-casing typed input is the caller's choice.
 */
export function parseLicenseId(
  id: string,
): { ok: true; value: ParsedLicenseId } | { ok: false; problem: LicenseIdProblem } {
  const m = id.startsWith(LICENSE_ID_PREFIX) ? FIELDS.exec(id.slice(LICENSE_ID_PREFIX.length)) : null;
  if (!m || !isLicenseTypeCode(m[1]!)) return { ok: false, problem: 'license_id_format' };
  // A zero serial or version is never issued (both count from 1).
  const serial = Number(m[3]);
  const version = Number(m[4]);
  if (serial === 0 || version === 0) return { ok: false, problem: 'license_id_format' };
  const problem = checkLicenseId(id);
  if (problem) return { ok: false, problem };
  if (checkCreditCode(m[2]!)) return { ok: false, problem: 'license_id_issuer' };
  return { ok: true, value: { id, typeCode: m[1]!, issuerCode: m[2]!, serial, version, check: m[5]! } };
}

/** Checks an identifier of the form OneCity issues; returns the problem or null. */
export function checkOwnLicenseId(id: string): LicenseIdProblem | null {
  const parsed = parseLicenseId(id);
  return parsed.ok ? null : parsed.problem;
}
