import { z } from 'zod';

import { type caseStatuses, satisfactions } from './codes.ts';

/**
 * Where a resident's report stands, in the few stages a resident follows (the app words each): taken in, sent to a
 * department, being handled, paused, answered, done, or joined to another report of the same problem.
 */
export const reporterStages = [
  'received',
  'dispatched',
  'handling',
  'paused',
  'replied',
  'closed',
  'merged',
] as const;
export type ReporterStage = (typeof reporterStages)[number];

/** The steps of a case a resident sees (no internal notes, no staff names). */
export const reporterStepKinds = [
  'received',
  'dispatched',
  'transferred',
  'accepted',
  'handling',
  'paused',
  'resumed',
  'replied',
  'rated',
  'reopened',
  'closed',
  'merged',
] as const;
export type ReporterStepKind = (typeof reporterStepKinds)[number];

export const reporterStep = z.object({
  kind: z.enum(reporterStepKinds),
  at: z.string(),
  /** The department the step names: the one sent to, or the one that accepted or replied. */
  departmentName: z.string().nullable(),
  /** The department's reply (replied) or the resident's own comment (rated). */
  text: z.string().nullable(),
  satisfaction: z.enum(satisfactions).nullable(),
});
export type ReporterStep = z.infer<typeof reporterStep>;

/** A resident's report in their list. */
export const reporterCaseSummary = z.object({
  number: z.string(),
  stage: z.enum(reporterStages),
  categoryName: z.string().nullable(),
  departmentName: z.string().nullable(),
  content: z.string(),
  address: z.string().nullable(),
  subdistrictName: z.string().nullable(),
  communityName: z.string().nullable(),
  receivedAt: z.string(),
  /** The photos' names (read through the citizen app's photo route). */
  photos: z.array(z.string()),
  /** Whether the resident may rate the reply now (回访). */
  canRate: z.boolean(),
});
export type ReporterCaseSummary = z.infer<typeof reporterCaseSummary>;

/** A resident's report whole, as the resident sees it. */
export const reporterCaseDetail = reporterCaseSummary.extend({
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The resident's own rating of the latest reply, once given. */
  satisfaction: z.enum(satisfactions).nullable(),
  steps: z.array(reporterStep),
});
export type ReporterCaseDetail = z.infer<typeof reporterCaseDetail>;

export const reporterCasePage = z.object({ items: z.array(reporterCaseSummary), total: z.number() });

/** The statuses of cases a resident may filter their list by. */
export const reporterStatusFilter = z.enum(reporterStages);

/** Only these statuses of a case have a reply a resident may rate (once per reply). */
export const rateableStatuses = [
  'replied',
  'reviewed',
  'closed',
] as const satisfies readonly (typeof caseStatuses)[number][];

/** A resident's rating of the reply (回访 from the app). */
export const reporterRating = z
  .object({
    satisfaction: z.enum(satisfactions),
    comment: z.string().trim().max(500).optional(),
  })
  .strict();
export type ReporterRating = z.infer<typeof reporterRating>;
