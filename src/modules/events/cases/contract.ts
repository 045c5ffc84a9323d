import { z } from 'zod';

import { caseActions, caseChannels, caseStatuses, satisfactions, urgencies } from './codes.ts';

export * from './codes.ts';

export const clockStates = ['normal', 'warning', 'overdue'] as const;
export type ClockState = (typeof clockStates)[number];

/** `4h` (calendar hours) or `3wd` (working days). */
export const timeLimit = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,3}(h|wd)$/, 'time_limit_format');

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();
const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

/** A case taken at the desk (a 12345 call) or reported by a grid inspector. */
export const intakeInput = z
  .object({
    content: text(4000),
    title: optionalText(200),
    address: optionalText(300),
    lng: lng.optional(),
    lat: lat.optional(),
    /** The category the operator confirmed (the classifier only suggests). */
    categoryCode: optionalText(60),
    urgency: z.enum(urgencies).default('normal'),
    reporterName: optionalText(60),
    reporterPhone: z
      .string()
      .trim()
      .regex(/^[0-9+\-() ]{3,20}$/, 'phone_format')
      .optional(),
    wantsReply: z.boolean().default(true),
    mediaUrls: z.array(z.string().trim().max(1000)).max(9).default([]),
    /** Dispatch at once by the rules (the operator's usual choice when the category is clear). */
    dispatch: z.boolean().default(false),
    /** Merge into this open case (并案) instead of opening a new one. */
    mergeInto: optionalText(40),
  })
  .strict();
export type IntakeInput = z.infer<typeof intakeInput>;

/** An action on a case; which fields it needs depends on the action. */
export const actionInput = z
  .object({
    action: z.enum(caseActions),
    reason: optionalText(1000),
    note: optionalText(1000),
    departmentId: z.number().int().positive().optional(),
    assistDepartmentIds: z.array(z.number().int().positive()).max(10).optional(),
    categoryCode: optionalText(60),
    reply: optionalText(4000),
    approve: z.boolean().optional(),
    satisfaction: z.enum(satisfactions).optional(),
    /** The extension asked for, e.g. `2wd`. */
    limit: timeLimit.optional(),
    /** For merge: the case this one joins. */
    intoNumber: optionalText(40),
  })
  .strict();
export type ActionInput = z.infer<typeof actionInput>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v),
    z.array(z.enum(values)).max(values.length),
  );

export const caseQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  status: csv(caseStatuses).optional(),
  channel: csv(caseChannels).optional(),
  category: z.string().trim().max(60).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  subdistrict: z.string().trim().max(12).optional(),
  clock: z.enum(['warning', 'overdue']).optional(),
  /** Only cases waiting for the caller's own department (its inbox) or for the desk. */
  inbox: z.enum(['department', 'desk']).optional(),
  from: z.string().date().optional(),
  to: z.string().date().optional(),
  sort: z.enum(['receivedAt', 'dueAt']).default('receivedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CaseQuery = z.infer<typeof caseQuery>;

export const clock = z.object({
  state: z.enum(clockStates),
  /** Share of the allowed time used, 0..1+ (null without a due time). */
  elapsedShare: z.number().nullable(),
});

export const caseSummary = z.object({
  id: z.number(),
  number: z.string(),
  channel: z.enum(caseChannels),
  status: z.enum(caseStatuses),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  departmentId: z.number().nullable(),
  departmentName: z.string().nullable(),
  subdistrictCode: z.string().nullable(),
  communityCode: z.string().nullable(),
  address: z.string().nullable(),
  title: z.string().nullable(),
  content: z.string(),
  urgency: z.enum(urgencies),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  clock,
  supervised: z.boolean(),
  escalated: z.boolean(),
  extensionRequested: z.boolean(),
  reopenCount: z.number(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const casePage = z.object({ items: z.array(caseSummary), total: z.number() });

export const caseStep = z.object({
  id: z.number(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string(),
  departmentName: z.string().nullable(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type CaseStep = z.infer<typeof caseStep>;

export const caseDetail = caseSummary.extend({
  assistDepartments: z.array(z.object({ id: z.number(), name: z.string() })),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  /** Masked (张*, 138****5678); the unmasked contact is its own, audited read. */
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  wantsReply: z.boolean(),
  mediaUrls: z.array(z.string()),
  reply: z.string().nullable(),
  satisfaction: z.enum(satisfactions).nullable(),
  repliedAt: z.string().nullable(),
  mergedInto: z.string().nullable(),
  extensionRequest: z
    .object({ limit: z.string(), reason: z.string(), by: z.string(), at: z.string() })
    .nullable(),
  steps: z.array(caseStep),
  /** The actions the caller may take now. */
  actions: z.array(z.enum(caseActions)),
  canReadContact: z.boolean(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const caseContact = z.object({
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  reporterEmail: z.string().nullable(),
});

export const numberParam = z.object({ number: z.string().trim().min(1).max(40) });

/** Possible duplicates of a case being taken: same category, near, similar text, still open. */
export const duplicateQuery = z.object({
  content: z.string().trim().min(1).max(4000),
  categoryCode: z.string().trim().max(60).optional(),
  address: z.string().trim().max(300).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
});
export const duplicateList = z.object({
  items: z.array(caseSummary.extend({ distanceMetres: z.number().nullable(), similarity: z.number() })),
});

/** What the desk's form shows while the operator types: suggested categories and the resolved place. */
export const suggestQuery = z.object({
  content: z.string().trim().min(1).max(4000),
  address: z.string().trim().max(300).optional(),
});
export const suggestion = z.object({
  top: z.array(
    z.object({
      category: z.string(),
      name: z.string(),
      departmentName: z.string().nullable(),
      score: z.number(),
    }),
  ),
  place: z
    .object({
      lng: z.number(),
      lat: z.number(),
      subdistrictCode: z.string().nullable(),
      subdistrictName: z.string().nullable(),
      communityCode: z.string().nullable(),
      communityName: z.string().nullable(),
      approximate: z.boolean(),
    })
    .nullable(),
});
