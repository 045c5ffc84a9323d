/**
 * The QR code printed on or shown with an e-license: `OCL1:<identifier>:<signature>`.
 *
 * `OCL1` names the format (OneCity license, version 1) so a later format can be told apart; the
 * identifier is as issued; the signature is the license's DER SM2 signature in base64url without
 * padding (at most 72 bytes, 96 characters). Colons cannot occur in either part, so splitting is exact.
 * The whole payload stays under 200 characters, a QR code a phone reads at arm's length. The verifier
 * looks the identifier up and checks this signature against the record, so a copied or edited code
 * shows as forged.
 */
import { type LicenseIdProblem, parseLicenseId } from './id.ts';

export const LICENSE_QR_PREFIX = 'OCL1';

// DER SEQUENCE of two INTEGERs of 1 to 33 bytes each.
const MIN_SIGNATURE_BYTES = 8;
const MAX_SIGNATURE_BYTES = 72;

/** Why QR content is refused: not our payload, or an identifier problem. */
export type LicenseQrProblem = 'license_qr_format' | LicenseIdProblem;

/** The QR payload of a license from its identifier and its DER signature as hex (as `signLicense` returns it). */
export function licenseQrPayload(id: string, signatureHex: string): string {
  return `${LICENSE_QR_PREFIX}:${id}:${Buffer.from(signatureHex, 'hex').toString('base64url')}`;
}

/**
 * Reads QR content back into the identifier and the signature (hex, as `verifyLicenseSignature` takes it).
 * Surrounding whitespace is dropped: scanners that type into a field add a line break.
 */
export function parseLicenseQr(
  text: string,
): { ok: true; id: string; signature: string } | { ok: false; problem: LicenseQrProblem } {
  const parts = text.trim().split(':');
  if (parts.length !== 3 || parts[0] !== LICENSE_QR_PREFIX)
    return { ok: false, problem: 'license_qr_format' };
  const [, id, encoded] = parts as [string, string, string];
  const parsed = parseLicenseId(id);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  // Node's decoder skips characters it does not know, so the text is checked first and re-encoded after.
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return { ok: false, problem: 'license_qr_format' };
  const signature = Buffer.from(encoded, 'base64url');
  if (
    signature.length < MIN_SIGNATURE_BYTES ||
    signature.length > MAX_SIGNATURE_BYTES ||
    signature.toString('base64url') !== encoded
  ) {
    return { ok: false, problem: 'license_qr_format' };
  }
  return { ok: true, id, signature: signature.toString('hex') };
}
