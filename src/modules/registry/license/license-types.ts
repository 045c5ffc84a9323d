/**
 * The license types the district issues, each bound to the department that issues it. A type code (GB/T 36904)
 * begins with the 18-character credit code of the authority that defines the type (公安部 → 公安分局, 民政部 → 民政局,
 * 市场监管总局 → 市场监管局). The type's name is the list's, never what a form typed: a type not listed is issued by
 * nobody until it is added here. A small explicit table, since the org module knows no ministry and the national
 * catalog is not at hand.
 */

/** A license type: its 21-character code, its name, and the code of the department that issues it. */
export type LicenseType = { code: string; name: string; issuer: string };

export const licenseTypes: readonly LicenseType[] = [
  // 公安部's published code (as in the published identifiers), and the one the demo makes up for it.
  { code: '11100000000013338W011', name: '居民身份证明', issuer: 'GAFJ' },
  { code: '11100000000013338W022', name: '居住证', issuer: 'GAFJ' },
  { code: '11100000000013127D001', name: '居民身份证电子证照', issuer: 'GAFJ' },
  // The demo's made-up codes of 民政部 and 市场监管总局 (src/demo/licenses.ts).
  { code: '11100000000014286D003', name: '结婚证', issuer: 'MZJ' },
  { code: '11100000000014286D004', name: '离婚证', issuer: 'MZJ' },
  { code: '11100000MB0143028R001', name: '营业执照', issuer: 'SCJGJ' },
];

/** The listed type with this code (upper case), if any. */
export const licenseTypeOf = (typeCode: string): LicenseType | undefined =>
  licenseTypes.find((type) => type.code === typeCode);

/** Whether the department with `departmentCode` may issue licenses of `typeCode` (a listed type bound to it). */
export const issuesLicenseType = (departmentCode: string, typeCode: string): boolean =>
  licenseTypeOf(typeCode)?.issuer === departmentCode;
