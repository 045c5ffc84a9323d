/**
 * Which department may issue which license types. A type code (GB/T 36904) begins with the 18-character credit
 * code of the authority that defines the type, so the binding is kept per defining authority: each ministry's
 * types are issued by the one district department under it (公安部 → 公安分局, 民政部 → 民政局, 市场监管总局 →
 * 市场监管局). A type whose authority is not listed is issued by nobody until it is added here; a small explicit
 * table, since the org module knows no ministry and the national catalog is not at hand.
 */

/** Defining authority's credit code → the code of the department that issues its types. */
const ISSUER_BY_AUTHORITY: Readonly<Record<string, string>> = {
  // 公安部's published code (as in the published identifiers), and the one the demo makes up for it.
  '11100000000013338W': 'GAFJ',
  '11100000000013127D': 'GAFJ',
  // The demo's made-up codes of 民政部 and 市场监管总局 (src/demo/licenses.ts).
  '11100000000014286D': 'MZJ',
  '11100000MB0143028R': 'SCJGJ',
};

/** Whether the department with `departmentCode` may issue licenses of `typeCode` (a well-formed type code). */
export const issuesLicenseType = (departmentCode: string, typeCode: string): boolean =>
  ISSUER_BY_AUTHORITY[typeCode.slice(0, 18)] === departmentCode;
