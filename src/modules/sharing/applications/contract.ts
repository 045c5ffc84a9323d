import { z } from 'zod';
import { grant, itemInfo, resourceFields } from '../grants/contract.ts';

// Applications and decisions in the console API of sharing (re-exported by ../contract.ts).

export const applicationStatuses = [
  'pending_provider',
  'pending_center',
  'approved',
  'rejected',
  'withdrawn',
] as const;
/** Whose applications a list shows: the caller's department's, those waiting for the caller, or all (center). */
export const applicationScopes = ['mine', 'inbox', 'all'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export type ApplicationScope = (typeof applicationScopes)[number];

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
    /**
     * The department the decider acts for without belonging to it: an administrator deciding the provider stage
     * must name the providing department (the console asks to confirm it); others omit it.
     */
    onBehalfOf: z.number().int().positive().optional(),
  })
  .strict();
export type DecisionInput = z.infer<typeof decisionInput>;

export const withdrawInput = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

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

export const application = z.object({
  id: z.number(),
  ...resourceFields,
  shareType: z.string(),
  providerDepartmentId: z.number(),
  providerDepartmentName: z.string(),
  applicantDepartmentId: z.number(),
  applicantDepartmentName: z.string(),
  applicantName: z.string(),
  /** Whether the applicant (center staff) applied for the department without belonging to it. */
  onBehalf: z.boolean(),
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
  /**
   * What the caller may do now, so the console does not repeat the server's rules. `decideRefusal` says why an
   * approver of the stage may not decide this one (own application, decided an earlier stage); `onBehalfOf` is the
   * department a decision would be made for, to be confirmed (an administrator at the provider stage).
   */
  can: z.object({
    decide: z.boolean(),
    withdraw: z.boolean(),
    decideRefusal: z.enum(['own_application', 'already_decided_earlier_stage']).nullable(),
    onBehalfOf: z.number().nullable(),
  }),
});
export type Application = z.infer<typeof application>;

export const decision = z.object({
  id: z.number(),
  stage: z.enum(['auto', 'provider', 'center', 'applicant']),
  decision: z.enum(['approved', 'rejected', 'withdrawn']),
  items: z.array(z.string()).nullable(),
  reason: z.string().nullable(),
  decidedBy: z.string(),
  /** The department an administrator decided for without belonging to it, by id and name. */
  onBehalfOf: z.number().nullable(),
  onBehalfOfName: z.string().nullable(),
  decidedAt: z.string(),
});
export type Decision = z.infer<typeof decision>;

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
