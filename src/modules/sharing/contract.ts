import { z } from 'zod';

// The console API of sharing (共享交换): applications, decisions, grants, credentials and notifications.
// Shared by server and web; the web imports types only (sharing-api.ts repeats the lists it needs).

export const applicationStatuses = [
  'pending_provider',
  'pending_center',
  'approved',
  'rejected',
  'withdrawn',
] as const;
/** Whose applications a list shows: the caller's department's, those waiting for the caller, or all (center). */
export const applicationScopes = ['mine', 'inbox', 'all'] as const;
/** Whose grants a list shows: the caller's department's, those on its resources, or all (center). */
export const grantScopes = ['consumer', 'provider', 'all'] as const;
/** A grant now: serving, not yet valid (before periodFrom), expired, or revoked. */
export const grantStatuses = ['active', 'not_yet_valid', 'expired', 'revoked'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export type ApplicationScope = (typeof applicationScopes)[number];
export type GrantScope = (typeof grantScopes)[number];
export type GrantStatus = (typeof grantStatuses)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const itemCode = z.string().trim().min(1).max(63);
const day = z.iso.date();
/** Equality conditions on data items, e.g. { subdistrict: '高塘岭街道' }. */
const rowFilter = z.record(z.string().max(63), z.string().trim().min(1).max(200));

/** What a department asks for: checked further against the resource by the service. */
export const applicationInput = z
  .object({
    /** The resource's alias or code. */
    resource: text(60),
    /** Center staff apply on behalf of a department; department users always for their own (omit it). */
    applicantDepartmentId: z.number().int().positive().optional(),
    purpose: text(2000),
    legalBasis: text(1000),
    items: z.array(itemCode).min(1).max(300),
    rawItems: z.array(itemCode).max(300).default([]),
    rowFilter: rowFilter.default({}),
    consumingSystem: text(200),
    periodFrom: day,
    periodTo: day,
    expectedDailyCalls: z.number().int().min(1).max(10_000_000),
  })
  .strict();
export type ApplicationInput = z.infer<typeof applicationInput>;

/** An approver's decision: approve (maybe fewer items, fewer raw items, a narrower row filter) or reject. */
export const decisionInput = z
  .object({
    decision: z.enum(['approve', 'reject']),
    items: z.array(itemCode).min(1).max(300).optional(),
    rawItems: z.array(itemCode).max(300).optional(),
    rowFilter: rowFilter.optional(),
    reason: z.string().trim().max(2000).optional(),
  })
  .strict();
export type DecisionInput = z.infer<typeof decisionInput>;

export const withdrawInput = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export const idParam = z.object({ id: z.coerce.number().int().positive() });

export const applicationQuery = z.object({
  /** Unset: all for center staff, the caller's department's for department users. */
  scope: z.enum(applicationScopes).optional(),
  status: z.enum(applicationStatuses).optional(),
  /** A resource's alias or code. */
  resource: z.string().trim().max(60).optional(),
  /** The applying department. */
  departmentId: z.coerce.number().int().positive().optional(),
  /** Words of the purpose, consuming system, applicant or resource name. */
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.enum(['newest', 'oldest', 'updated']).default('newest'),
});
export type ApplicationQuery = z.infer<typeof applicationQuery>;

const resourceRef = {
  resourceId: z.number(),
  resourceCode: z.string(),
  resourceAlias: z.string().nullable(),
  resourceName: z.string(),
};

export const application = z.object({
  id: z.number(),
  ...resourceRef,
  shareType: z.string(),
  providerDepartmentId: z.number(),
  providerDepartmentName: z.string(),
  applicantDepartmentId: z.number(),
  applicantDepartmentName: z.string(),
  applicantName: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  items: z.array(z.string()),
  rawItems: z.array(z.string()),
  rowFilter: z.record(z.string(), z.string()),
  consumingSystem: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  expectedDailyCalls: z.number(),
  status: z.enum(applicationStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** What the caller may do now, so the console does not repeat the server's rules. */
  can: z.object({ decide: z.boolean(), withdraw: z.boolean() }),
});
export type Application = z.infer<typeof application>;

export const decision = z.object({
  id: z.number(),
  stage: z.enum(['auto', 'provider', 'center', 'applicant']),
  decision: z.enum(['approved', 'rejected', 'withdrawn']),
  items: z.array(z.string()).nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof decision>;

export const grant = z.object({
  id: z.number(),
  applicationId: z.number(),
  ...resourceRef,
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

/** One application with its decisions (oldest first), its grant once approved, and the resource's items. */
export const applicationDetail = application.extend({
  decisions: z.array(decision),
  grant: grant.nullable(),
  resourceItems: z.array(itemInfo),
  shareBasis: z.string().nullable(),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

export const applicationPage = z.object({ items: z.array(application), total: z.number() });
export type ApplicationPage = z.infer<typeof applicationPage>;

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

export const revokeInput = z.object({ reason: text(2000) }).strict();

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

export const notification = z.object({
  id: z.number(),
  kind: z.string(),
  applicationId: z.number().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof notification>;

export const notificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type NotificationQuery = z.infer<typeof notificationQuery>;

export const notificationPage = z.object({
  items: z.array(notification),
  total: z.number(),
  unread: z.number(),
});
export type NotificationPage = z.infer<typeof notificationPage>;

export const unreadCount = z.object({ unread: z.number() });
export const markedCount = z.object({ marked: z.number() });
