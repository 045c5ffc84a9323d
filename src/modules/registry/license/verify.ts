/**
 * Verifying a license someone presents (its identifier, or its QR code's content) against the registry's
 * record: valid, expired, revoked or forged, with the license's summary; the holder, masked, only for a QR code.
 */
import type { Db } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { ForgedReason, Verification, VerifyQuery } from './contract.ts';
import { departmentName, type LicenseDeps } from './deps.ts';
import { type LicenseIdProblem, parseLicenseId } from './id.ts';
import { type LicenseQrProblem, parseLicenseQr } from './qr.ts';
import { findLicense, findSigningKey, type LicenseRow } from './repository.ts';
import { canonicalLicense, type SignedLicenseFields, verifyLicenseSignature } from './signature.ts';
import { licenseVerdict } from './status.ts';
import { shownHolderName, signedFieldsOf } from './view.ts';

const forgedBecause: Record<LicenseQrProblem | LicenseIdProblem, ForgedReason> = {
  license_qr_format: 'bad_format',
  license_id_format: 'bad_format',
  license_id_checksum: 'bad_check',
  // Well formed and checked, but the issuer field is no valid credit code: its check character is wrong.
  license_id_issuer: 'bad_check',
};

/** What was presented: the identifier and, from a QR code, the signature it carries. */
export function readPresented(
  q: VerifyQuery,
): { ok: true; id: string; signature: string | null } | { ok: false; reason: ForgedReason } {
  if (q.qr) {
    const parsed = parseLicenseQr(q.qr);
    return parsed.ok
      ? { ok: true, id: parsed.id, signature: parsed.signature }
      : { ok: false, reason: forgedBecause[parsed.problem] };
  }
  // Typed identifiers: people drop the capitals of the check letter; nothing we issue has lower case.
  const id = (q.id ?? '').trim().toUpperCase();
  const parsed = parseLicenseId(id);
  return parsed.ok ? { ok: true, id, signature: null } : { ok: false, reason: forgedBecause[parsed.problem] };
}

/** True when the stored signed fields are what the license's columns say (neither was edited apart). */
function columnsMatchSigned(row: LicenseRow): boolean {
  try {
    return (
      canonicalLicense(row.signedFields as SignedLicenseFields) === canonicalLicense(signedFieldsOf(row))
    );
  } catch {
    return false;
  }
}

/**
 * The verdict on a presented license. The signature checked is the QR code's when one was presented, else the
 * stored one; either must be the issuing department's, over fields equal to the record's columns.
 */
export async function verifyPresented(
  db: Db,
  issuerName: (departmentId: number) => Promise<string>,
  q: VerifyQuery,
  today: string,
): Promise<Verification> {
  const presented = readPresented(q);
  if (!presented.ok) return { verdict: 'forged', reason: presented.reason };
  const row = await findLicense(db, presented.id);
  if (!row) return { verdict: 'forged', reason: 'unknown' };
  const key = await findSigningKey(db, row.keyId);
  const signatureMatches =
    !!key &&
    key.departmentId === row.issuerDepartmentId &&
    columnsMatchSigned(row) &&
    verifyLicenseSignature(signedFieldsOf(row), presented.signature ?? row.signature, key.publicKey);
  const verdict = licenseVerdict(
    { revoked: row.revokedAt !== null, validUntil: row.validUntil },
    signatureMatches,
    today,
  );
  if (verdict === 'forged') return { verdict, reason: 'bad_signature' };
  return {
    verdict,
    license: {
      id: row.licenseId,
      typeName: row.typeName,
      issuerName: await issuerName(row.issuerDepartmentId),
      // Only with the QR code's signature, which only a copy of the license carries (see the contract).
      ...(presented.signature ? { holderName: shownHolderName(row) } : {}),
      issueDate: row.issueDate,
      validUntil: row.validUntil,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    },
  };
}

/** The public verdict on a license identifier or QR content: valid, expired, revoked or forged. */
export async function verifyLicense(deps: LicenseDeps, q: VerifyQuery): Promise<Verification> {
  if (!q.id === !q.qr)
    throw new InputError('verify_input', 'Give either a license identifier or QR content', [
      { field: q.id ? 'qr' : 'id', reason: q.id ? 'invalid' : 'required' },
    ]);
  return verifyPresented(deps.database.db, (id) => departmentName(deps, id), q, todayInShanghai());
}
