import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

export const sharingSchema = pgSchema('sharing');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Equality conditions on data items a grant limits rows to, e.g. { subdistrict: '高塘岭街道' }. */
export type RowFilter = Record<string, string>;

export type ApplicationStatus = 'pending_provider' | 'pending_center' | 'approved' | 'rejected' | 'withdrawn';

/** A department's application (共享申请) for a catalog resource. */
export const applications = sharingSchema.table(
  'applications',
  {
    id: serial('id').primaryKey(),
    resourceId: integer('resource_id').notNull(),
    /** The resource's provider department at the time of applying: its approvers decide the first stage. */
    providerDepartmentId: integer('provider_department_id').notNull(),
    applicantDepartmentId: integer('applicant_department_id').notNull(),
    applicantUserId: integer('applicant_user_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** Whether center staff applied for a department they do not belong to (said in the timeline). */
    onBehalf: boolean('on_behalf').notNull().default(false),
    purpose: text('purpose').notNull(),
    legalBasis: text('legal_basis').notNull(),
    /** Data item codes asked for; the grant may hold fewer. */
    items: text('items').array().notNull(),
    /** Personal items asked for unmasked (a subset of items); the rest are masked. */
    rawItems: text('raw_items').array().notNull().default([]),
    rowFilter: jsonb('row_filter').$type<RowFilter>().notNull().default({}),
    consumingSystem: text('consuming_system').notNull(),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    expectedDailyCalls: integer('expected_daily_calls').notNull(),
    status: text('status').$type<ApplicationStatus>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('applications_applicant_idx').on(t.applicantDepartmentId, t.createdAt),
    index('applications_status_idx').on(t.status, t.providerDepartmentId),
  ],
);

/** One decision on an application: by the system (无条件共享), the provider department or the center. */
export const decisions = sharingSchema.table(
  'decisions',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id').notNull(),
    stage: text('stage').$type<'auto' | 'provider' | 'center' | 'applicant'>().notNull(),
    decision: text('decision').$type<'approved' | 'rejected' | 'withdrawn'>().notNull(),
    /** Items approved at this stage (fewer than asked when narrowed); null for a rejection. */
    items: text('items').array(),
    reason: text('reason'),
    decidedBy: text('decided_by').notNull(),
    /** The department an administrator decided for without belonging to it (the provider stage); else null. */
    onBehalfOf: integer('on_behalf_of'),
    decidedAt: ts('decided_at').notNull().defaultNow(),
  },
  (t) => [index('decisions_application_idx').on(t.applicationId)],
);

/** What an approved application allows: checked on every sharing API call. */
export const grants = sharingSchema.table(
  'grants',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id').notNull(),
    resourceId: integer('resource_id').notNull(),
    consumerDepartmentId: integer('consumer_department_id').notNull(),
    consumingSystem: text('consuming_system').notNull(),
    items: text('items').array().notNull(),
    rawItems: text('raw_items').array().notNull().default([]),
    rowFilter: jsonb('row_filter').$type<RowFilter>().notNull().default({}),
    ratePerMinute: integer('rate_per_minute').notNull(),
    dailyQuota: integer('daily_quota').notNull(),
    validFrom: ts('valid_from').notNull(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
    revokeReason: text('revoke_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('grants_application_idx').on(t.applicationId),
    index('grants_resource_idx').on(t.resourceId),
    index('grants_consumer_idx').on(t.consumerDepartmentId),
  ],
);

/**
 * An API credential of a grant: a public key id and a secret kept only as its SHA-256 (the secret is shown
 * once). A grant can hold two live credentials while a consumer rotates from the old to the new.
 */
export const credentials = sharingSchema.table(
  'credentials',
  {
    id: serial('id').primaryKey(),
    grantId: integer('grant_id').notNull(),
    keyId: text('key_id').notNull(),
    secretHash: text('secret_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Set on the old credential when rotated: it keeps working until then. */
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [uniqueIndex('credentials_key_idx').on(t.keyId), index('credentials_grant_idx').on(t.grantId)],
);

/**
 * Every sharing API call (调用日志): who, under which grant, what was asked and returned, and the outcome.
 * Written before the reply is sent, so no served call is missing.
 */
export const calls = sharingSchema.table(
  'calls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    keyId: text('key_id'),
    grantId: integer('grant_id'),
    consumerDepartmentId: integer('consumer_department_id'),
    resourceId: integer('resource_id'),
    /** get | list | changes */
    endpoint: text('endpoint').notNull(),
    items: text('items').array(),
    /** The keys asked for (get) or the filter and cursor (list, changes), as sent. */
    query: jsonb('query').$type<Record<string, unknown>>(),
    rows: integer('rows').notNull().default(0),
    /** ok, or the refusal code: no_credential, bad_signature, revoked, expired, no_grant, item_not_granted … */
    outcome: text('outcome').notNull(),
    status: integer('status').notNull(),
    ms: real('ms'),
    ip: text('ip'),
  },
  (t) => [index('calls_resource_idx').on(t.resourceId, t.at), index('calls_grant_idx').on(t.grantId, t.at)],
);

/**
 * Refused calls that showed no live credential (401: none, unknown, wrong secret, revoked, expired), counted per
 * source address, reason and minute instead of logged one by one: anyone can send them, so their record must stay
 * bounded however many arrive. Calls of a live credential, served or refused, go to sharing.calls.
 */
export const refusals = sharingSchema.table(
  'refusals',
  {
    minute: ts('minute').notNull(),
    /** The source address; '' when unknown. */
    ip: text('ip').notNull(),
    /** The refusal code (no_credential, bad_signature, revoked, expired_credential, bad_filter …). */
    outcome: text('outcome').notNull(),
    status: integer('status').notNull(),
    calls: integer('calls').notNull(),
    lastAt: ts('last_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.minute, t.ip, t.outcome, t.status] })],
);

/**
 * Calls counted per grant and period ('day' or 'minute' windows), for the daily quota and the rate limit.
 * Shared by every process on the database, updated once per flushed group of calls.
 */
export const usage = sharingSchema.table(
  'usage',
  {
    grantId: integer('grant_id').notNull(),
    period: text('period').$type<'day' | 'minute'>().notNull(),
    startsAt: ts('starts_at').notNull(),
    calls: integer('calls').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.grantId, t.period, t.startsAt] })],
);

/** Console notifications (站内通知) for applicants and approvers. */
export const notifications = sharingSchema.table(
  'notifications',
  {
    id: serial('id').primaryKey(),
    /** One row per user told (a department's approvers each get their own). */
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    applicationId: integer('application_id'),
    /** Message code and its parameters, translated in the console. */
    params: jsonb('params').$type<Record<string, string | number>>().notNull().default({}),
    read: boolean('read').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.read, t.createdAt)],
);
