/**
 * What a verification tells the person holding the license (or the QR code): valid, expired, revoked or
 * forged. Pure, so the public endpoint, the page and the CLI all answer alike.
 */

// Dates are compared as YYYY-MM-DD text, which orders like the dates themselves only in this exact form.
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type LicenseVerdict = 'valid' | 'expired' | 'revoked' | 'forged';

/** What the verdict needs from the registry's record. `validUntil` is the last valid day, null when open-ended. */
export type LicenseStatusRecord = { revoked: boolean; validUntil: string | null };

/**
 * Decides the verdict. `record` is null when the identifier is malformed or unknown; `signatureMatches`
 * says whether the presented (or stored) signature verifies against the record with the issuer's key.
 * `today` is YYYY-MM-DD in Asia/Shanghai (see `todayInShanghai`).
 *
 * Order matters: forged first (nothing else about a forgery is true), then revoked (a revoked license that
 * has also run out is reported as revoked, the stronger statement), then expired. A license is still
 * valid on its `validUntil` day ("有效期至 2025-12-31" includes that day) and expired from the next.
 */
export function licenseVerdict(
  record: LicenseStatusRecord | null,
  signatureMatches: boolean,
  today: string,
): LicenseVerdict {
  if (!DATE.test(today)) throw new RangeError(`today is not YYYY-MM-DD: ${today}`);
  if (!record || !signatureMatches) return 'forged';
  if (record.revoked) return 'revoked';
  if (record.validUntil !== null && today > record.validUntil) return 'expired';
  return 'valid';
}
