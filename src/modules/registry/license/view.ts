/** How a stored license is shown: its status, the API view (masked or raw), its registry values and signed fields. */
import { maskIdNumber, maskName } from '../../../core/masking.ts';
import type { License, LicenseStatus } from './contract.ts';
import { licenseQrPayload } from './qr.ts';
import type { LicenseRow } from './repository.ts';
import type { SignedLicenseFields } from './signature.ts';
import { licenseVerdict } from './status.ts';

/** The status of a license on `today` (YYYY-MM-DD, Asia/Shanghai); valid through its `validUntil` day. */
export function licenseStatus(row: LicenseRow, today: string): LicenseStatus {
  // A stored license's own signature is not in question here: the verdict is never "forged".
  return licenseVerdict(
    { revoked: row.revokedAt !== null, validUntil: row.validUntil },
    true,
    today,
  ) as LicenseStatus;
}

const registryStatus: Record<LicenseStatus, string> = { valid: '有效', expired: '过期', revoked: '注销' };

/**
 * True when the holder is a person, whose code and name are personal data. A holder of type 001 is an
 * organization, whose credit code and name are public (企业信用信息公示), so they are never masked.
 */
export const holderIsPerson = (row: Pick<LicenseRow, 'holderIdType'>) => row.holderIdType === '111';

/** The holder's name as shown to someone who does not see the license raw. */
export const shownHolderName = (row: LicenseRow) =>
  holderIsPerson(row) ? maskName(row.holderName) : row.holderName;

/** A license as the API shows it; a masked view has no QR payload, which would let its reader present it. */
export function toLicense(row: LicenseRow, issuerName: string, raw: boolean, today: string): License {
  const masked = !raw && holderIsPerson(row);
  return {
    id: row.licenseId,
    holderId: masked ? maskIdNumber(row.holderId) : row.holderId,
    holderIdType: row.holderIdType,
    holderName: masked ? maskName(row.holderName) : row.holderName,
    typeCode: row.typeCode,
    typeName: row.typeName,
    issuerDepartmentId: row.issuerDepartmentId,
    issuerCode: row.issuerCode,
    issuerName,
    issueDate: row.issueDate,
    validUntil: row.validUntil,
    status: licenseStatus(row, today),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedBy: row.revokedBy,
    revokeReason: row.revokeReason,
    issuedBy: row.issuedBy,
    createdAt: row.createdAt.toISOString(),
    masked,
    qr: raw ? licenseQrPayload(row.licenseId, row.signature) : null,
  };
}

/** The items of the `license` registry resource for a license, as the license source delivers them. */
export function registryValues(row: LicenseRow, today: string): Record<string, string> {
  return {
    license_id: row.licenseId,
    holder_id: row.holderId,
    holder_id_type: row.holderIdType,
    holder_name: row.holderName,
    type_code: row.typeCode,
    type_name: row.typeName,
    issuer_code: row.issuerCode,
    issue_date: row.issueDate,
    ...(row.validUntil !== null && { valid_until: row.validUntil }),
    status: registryStatus[licenseStatus(row, today)],
  };
}

/** The signed fields a stored license's columns say; verification requires them to equal what was signed. */
export function signedFieldsOf(row: LicenseRow): SignedLicenseFields {
  return {
    id: row.licenseId,
    typeCode: row.typeCode,
    holderId: row.holderId,
    holderIdType: row.holderIdType,
    holderName: row.holderName,
    issuerCode: row.issuerCode,
    issueDate: row.issueDate,
    validFrom: row.issueDate,
    validUntil: row.validUntil,
  };
}
