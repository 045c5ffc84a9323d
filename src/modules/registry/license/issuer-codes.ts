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
import { creditCodeCheck, organizationCodeCheck } from '../../../core/cn-codes.ts';

const AUTHORITY_AND_TYPE = '11';
const DIVISION = '430112';
/** The credit code OneCity issues a department's licenses under, derived from its department code. */
export function departmentCreditCode(departmentCode: string): string {
  const digest = createHash('sha256').update(`onecity-department:${departmentCode}`).digest();
  const body = String(digest.readUInt32BE(0) % 100_000_000).padStart(8, '0');
  const first17 = `${AUTHORITY_AND_TYPE}${DIVISION}${body}${organizationCodeCheck(body)}`;
  return first17 + creditCodeCheck(first17);
}
