import { z } from 'zod';

// Grants and their API credentials in the console API of sharing (re-exported by ../contract.ts).

/** Whose grants a list shows: the caller's department's, those on its resources, or all (center). */
export const grantScopes = ['consumer', 'provider', 'all'] as const;
/** A grant now: serving, not yet valid (before periodFrom), expired, or revoked. */
export const grantStatuses = ['active', 'not_yet_valid', 'expired', 'revoked'] as const;
export type GrantScope = (typeof grantScopes)[number];
export type GrantStatus = (typeof grantStatuses)[number];

/** The resource fields of an application or grant. */
export const resourceFields = {
  resourceId: z.number(),
  resourceCode: z.string(),
  resourceAlias: z.string().nullable(),
  resourceName: z.string(),
};

export const grant = z.object({
  id: z.number(),
  applicationId: z.number(),
  ...resourceFields,
  providerDepartmentName: z.string(),
  consumerDepartmentId: z.number(),
  consumerDepartmentName: z.string(),
  consumingSystem: z.string(),
  items: z.array(z.string()),
  rawItems: z.array(z.string()),
  rowFilter: z.record(z.string(), z.string()),
  ratePerMinute: z.number(),
  dailyQuota: z.number(),
  validFrom: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
  status: z.enum(grantStatuses),
  can: z.object({ revoke: z.boolean(), setLimits: z.boolean(), manageCredentials: z.boolean() }),
});
export type Grant = z.infer<typeof grant>;

/** A data item of the resource, for showing names and marking personal ones. */
export const itemInfo = z.object({ code: z.string(), name: z.string(), personal: z.boolean() });

export const grantQuery = z.object({
  /** Unset: all for center staff, the caller's department's grants for department users. */
  scope: z.enum(grantScopes).optional(),
  status: z.enum(grantStatuses).optional(),
  resource: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type GrantQuery = z.infer<typeof grantQuery>;

export const grantPage = z.object({ items: z.array(grant), total: z.number() });
export type GrantPage = z.infer<typeof grantPage>;

export const grantDetail = grant.extend({ resourceItems: z.array(itemInfo) });
export type GrantDetail = z.infer<typeof grantDetail>;

export const revokeInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

export const limitsInput = z
  .object({
    ratePerMinute: z.number().int().min(1).max(1_000_000).optional(),
    dailyQuota: z.number().int().min(1).max(100_000_000).optional(),
  })
  .strict();
export type LimitsInput = z.infer<typeof limitsInput>;

export const credential = z.object({
  id: z.number(),
  grantId: z.number(),
  keyId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  /** live; expiring (rotated: works until expiresAt); expired; revoked. */
  status: z.enum(['live', 'expiring', 'expired', 'revoked']),
});
export type Credential = z.infer<typeof credential>;

export const credentialList = z.object({ items: z.array(credential) });

/** A new credential: the secret and the ready-made bearer token are in this answer only. */
export const createdCredential = z.object({
  credential,
  secret: z.string(),
  /** `<keyId>.<secret>`, the value after `Authorization: Bearer `. */
  token: z.string(),
});
export type CreatedCredential = z.infer<typeof createdCredential>;
