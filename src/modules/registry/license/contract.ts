import { z } from 'zod';

/** Holder code types: 111 a citizen ID number, 001 a unified social credit code. */
export const holderIdTypes = ['111', '001'] as const;

/** A license's state as people read it: valid, run out, or revoked (注销). */
export const licenseStatuses = ['valid', 'expired', 'revoked'] as const;
export type LicenseStatus = (typeof licenseStatuses)[number];

/** What a verification says; `forged` covers unknown identifiers too. */
export const verdicts = ['valid', 'expired', 'revoked', 'forged'] as const;

/** Why a presented license is forged. */
export const forgedReasons = ['bad_format', 'bad_check', 'unknown', 'bad_signature'] as const;
export type ForgedReason = (typeof forgedReasons)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * What issuing a license takes; the issuer is the caller's department unless center staff name another. The holder
 * is either picked from the registries (`holderRef`, an entity's ref in the population registry for 111, the legal
 * person registry for 001: its key and name are the registry's) or given by code and name. The type is one of the
 * listed types (license-types.ts) and is named by the list; a `typeName` sent must be the list's.
 */
export const licenseIssue = z
  .object({
    holderRef: z.string().trim().min(1).max(200).optional(),
    holderId: z.string().trim().min(1).max(18).optional(),
    holderIdType: z.enum(holderIdTypes),
    holderName: z.string().trim().min(1).max(100).optional(),
    typeCode: z.string().trim().min(1).max(21),
    typeName: z.string().trim().min(1).max(60).optional(),
    issueDate: date.optional(),
    validUntil: date.nullable().optional(),
    issuerDepartmentId: z.number().int().positive().optional(),
  })
  .strict();
export type LicenseIssue = z.infer<typeof licenseIssue>;

/** A license type the caller may issue, with the department that issues it. */
export const licenseTypeOption = z.object({
  code: z.string(),
  name: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
});
export type LicenseTypeOption = z.infer<typeof licenseTypeOption>;

/** A license as the API shows it; holder masked (and no QR) unless the caller may see it raw. */
export const license = z.object({
  id: z.string(),
  holderId: z.string(),
  holderIdType: z.enum(holderIdTypes),
  holderName: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  issuerDepartmentId: z.number(),
  issuerCode: z.string(),
  issuerName: z.string(),
  issueDate: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(licenseStatuses),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  issuedBy: z.string(),
  createdAt: z.string(),
  masked: z.boolean(),
  /** The QR payload `OCL1:<id>:<signature>`, for those who see the license raw. */
  qr: z.string().nullable(),
});
export type License = z.infer<typeof license>;

/** `raw=true` asks for personal holders unmasked, with the `reason` (required then, audited); see read.ts. */
const rawFlag = z.enum(['true', 'false']).optional();
const rawReason = z.string().max(200).optional();

/** How one license is read: masked unless asked raw with a reason by someone who may handle it. */
export const licenseViewQuery = z.object({ raw: rawFlag, reason: rawReason });
export type LicenseViewQuery = z.infer<typeof licenseViewQuery>;

export const licenseQuery = z.object({
  holder: z.string().trim().max(100).optional(),
  type: z.string().trim().max(60).optional(),
  status: z.enum(licenseStatuses).optional(),
  issuer: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  raw: rawFlag,
  reason: rawReason,
});
export type LicenseQuery = z.infer<typeof licenseQuery>;

export const licensePage = z.object({ items: z.array(license), total: z.number() });

export const licenseIdParam = z.object({ id: z.string().min(1).max(80) });

export const revokeBody = z.object({ reason: z.string().trim().min(1).max(200) }).strict();

/** Whose licenses: a person by ID number (111) or an organization by credit code (001). */
export type LicenseHolder = { idType: (typeof holderIdTypes)[number]; id: string };

/** A license identifier typed in, or the content of its QR code; exactly one. */
export const verifyQuery = z.object({
  id: z.string().trim().max(120).optional(),
  qr: z.string().trim().max(400).optional(),
});
export type VerifyQuery = z.infer<typeof verifyQuery>;

/**
 * The public answer: the verdict, why a forgery is one, and the license's summary. The holder (masked) is named
 * only when the QR code's signature was presented: an identifier alone can be computed (sequential serials, a
 * computable check character), so it must not lead to a person.
 */
export const verification = z.object({
  verdict: z.enum(verdicts),
  reason: z.enum(forgedReasons).optional(),
  license: z
    .object({
      id: z.string(),
      typeName: z.string(),
      issuerName: z.string(),
      holderName: z.string().optional(),
      issueDate: z.string(),
      validUntil: z.string().nullable(),
      revokedAt: z.string().nullable(),
    })
    .optional(),
});
export type Verification = z.infer<typeof verification>;

/**
 * A license as its holder shows it to someone through a link they made (the citizen app's shares): the holder
 * named in full (they chose to show it), a person's ID number masked, and the public verdict on its signature,
 * expiry and revocation, as `/api/public/licenses/verify` gives it for the license's QR code.
 */
export const presentedLicense = z.object({
  id: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  holderName: z.string(),
  holderId: z.string(),
  holderIdType: z.enum(holderIdTypes),
  issuerName: z.string(),
  issueDate: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(licenseStatuses),
  revokedAt: z.string().nullable(),
  verification: verification,
});
export type PresentedLicense = z.infer<typeof presentedLicense>;
