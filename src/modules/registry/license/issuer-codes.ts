/**
 * The unified social credit codes (GB 32100) of the district's departments, which issue e-licenses.
 *
 * The org module keeps departments by their short codes (GAFJ, 430112001 …) and knows no credit code, yet a
 * license identifier names its issuer by one. So each department's code is derived from its department code,
 * always the same: registration authority 1 (机构编制, i.e. 机关), type 1 (机关), division 430112 (Wangcheng),
 * a 9-character organization code (GB 11714: 8 characters and their check character), then the GB 32100 check
 * character. The 8 characters are digits taken from the SHA-256 of the department code, so they are stable
 * across databases and restarts; a real deployment would record the departments' published codes instead.
 */
import { createHash } from 'node:crypto';
import { creditCodeCheck } from '../../../core/cn-codes.ts';

const AUTHORITY_AND_TYPE = '11';
const DIVISION = '430112';
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 11714 check character of an 8-character organization code body (digits and A–Z): 0–9 or X. */
export function organizationCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8.charCodeAt(i);
    sum += (c <= 57 ? c - 48 : c - 55) * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** The credit code OneCity issues a department's licenses under, derived from its department code. */
export function departmentCreditCode(departmentCode: string): string {
  const digest = createHash('sha256').update(`onecity-department:${departmentCode}`).digest();
  const body = String(digest.readUInt32BE(0) % 100_000_000).padStart(8, '0');
  const first17 = `${AUTHORITY_AND_TYPE}${DIVISION}${body}${organizationCodeCheck(body)}`;
  return first17 + creditCodeCheck(first17);
}
