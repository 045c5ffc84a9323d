/**
 * Signing e-licenses: SM2 signatures over an SM3 digest (GB/T 32918, GB/T 32905), one key pair per
 * issuing department. Signatures are made and checked in core/sm2.ts.
 *
 * What is signed is the canonical JSON of the fields that make the license what it is (see
 * `canonicalLicense`). Revocation is not signed: it is the registry's live state, looked up at every
 * verification, while the signature says the content is what the issuer issued.
 *
 * The digest is e = SM3(Z || M) with Z from the signer's public key and the default user ID
 * 1234567812345678 (GM/T 0009), and the signature is DER SEQUENCE { r, s }: the form OpenSSL
 * (`pkeyutl -digest sm3 -pkeyopt distid:1234567812345678`) and other SM2 tools use.
 */

import { generateSm2KeyPair, type Sm2KeyPair, sm2Sign, sm2Verify } from '../../../core/sm2.ts';
import { parseLicenseId } from './id.ts';

/** An issuing department's SM2 key pair as hex. */
export type DepartmentKeyPair = Sm2KeyPair;

/** Holder code types of the e-license standard: 111 a citizen ID number, 001 a unified social credit code. */
export type HolderIdType = '111' | '001';

/** The fields a license signature covers. Dates are YYYY-MM-DD; `validUntil` is inclusive, null when open-ended (长期). */
export type SignedLicenseFields = {
  id: string;
  typeCode: string;
  holderId: string;
  holderIdType: HolderIdType;
  holderName: string;
  issuerCode: string;
  issueDate: string;
  validFrom: string;
  validUntil: string | null;
};

const SIGNED_KEYS = (
  [
    'id',
    'typeCode',
    'holderId',
    'holderIdType',
    'holderName',
    'issuerCode',
    'issueDate',
    'validFrom',
    'validUntil',
  ] satisfies (keyof SignedLicenseFields)[]
).sort();
const DATE_KEYS = new Set<string>(['issueDate', 'validFrom', 'validUntil']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A new SM2 key pair for an issuing department. */
export const generateDepartmentKeyPair = generateSm2KeyPair;

/**
 * The canonical JSON of a license: only the signed fields, keys sorted, no whitespace, strings as they
 * are (no Unicode normalization: a changed spelling is a changed license). For this flat object of
 * strings and null it is the RFC 8785 (JCS) form. Other properties of `license` (status, revocation,
 * timestamps) are left out, so a whole record can be passed. Throws on values that would make the text
 * depend on how a record was read: a Date instead of YYYY-MM-DD, or an unpaired surrogate.
 */
export function canonicalLicense(license: SignedLicenseFields): string {
  for (const key of SIGNED_KEYS) {
    const value = license[key];
    if (value === null && key === 'validUntil') continue;
    if (typeof value !== 'string' || !value.isWellFormed()) {
      throw new TypeError(`License field ${key} is not text`);
    }
    if (DATE_KEYS.has(key) && !DATE.test(value)) throw new TypeError(`License field ${key} is not a date`);
  }
  // An array replacer both picks the keys and fixes their order.
  return JSON.stringify(license, SIGNED_KEYS);
}

/** The UTF-8 bytes of the canonical JSON: what the signature is over. */
export function canonicalLicenseBytes(license: SignedLicenseFields): Uint8Array {
  return new TextEncoder().encode(canonicalLicense(license));
}

/**
 * Signs a license with its issuing department's private key; returns the DER signature as lower-case hex.
 * Refuses (RangeError) a license whose identifier does not parse or names another type or issuer than
 * its fields, so a signature never vouches for an inconsistent record.
 */
export function signLicense(license: SignedLicenseFields, privateKey: string): string {
  const parsed = parseLicenseId(license.id);
  if (!parsed.ok) throw new RangeError(`Cannot sign license ${license.id}: ${parsed.problem}`);
  if (parsed.value.typeCode !== license.typeCode || parsed.value.issuerCode !== license.issuerCode) {
    throw new RangeError(`License ${license.id} does not match its type or issuer fields`);
  }
  return sm2Sign(canonicalLicenseBytes(license), privateKey);
}

/**
 * True when `signature` (DER, hex) is the issuer's signature over exactly these fields. Never throws on a
 * bad signature or key (they come from QR codes and requests): those are simply not a match.
 */
export function verifyLicenseSignature(
  license: SignedLicenseFields,
  signature: string,
  publicKey: string,
): boolean {
  if (!/^(?:[0-9a-f]{2})+$/.test(signature)) return false;
  return sm2Verify(canonicalLicenseBytes(license), signature, publicKey);
}
