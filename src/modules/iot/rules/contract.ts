import { z } from 'zod';
import { severities } from '../ports.ts';

/** A level: a number, or the name of a device attribute holding it (a station's own warning level). */
export const level = z.union([z.number(), z.object({ attr: z.string().trim().min(1).max(60) }).strict()]);
export type Level = z.infer<typeof level>;

const key = z.string().trim().min(1).max(60);
const order = z.enum(['>', '<', '>=', '<=']);

export const thresholdParams = z
  .object({ key, op: order, value: level, hysteresis: z.number().min(0).optional() })
  .strict();
export const durationParams = z
  .object({ key, op: order, value: level, minutes: z.number().positive().max(10_080) })
  .strict();
export const rateParams = z
  .object({ key, delta: z.number().positive(), minutes: z.number().positive().max(10_080) })
  .strict();
export const nodataParams = z.object({ minutes: z.number().positive().max(10_080).optional() }).strict();
export const combinationParams = z
  .object({
    all: z
      .array(
        z
          .object({
            key,
            op: z.enum(['=', '>', '<', '>=', '<=']),
            value: z.union([level, z.string().max(200)]),
          })
          .strict(),
      )
      .min(1)
      .max(10),
  })
  .strict();
export const overweightParams = z
  .object({ plateKey: key, axlesKey: key, weightKey: key, tolerancePercent: z.number().min(0).max(50) })
  .strict();

export type ThresholdParams = z.infer<typeof thresholdParams>;
export type DurationParams = z.infer<typeof durationParams>;
export type RateParams = z.infer<typeof rateParams>;
export type NodataParams = z.infer<typeof nodataParams>;
export type CombinationParams = z.infer<typeof combinationParams>;
export type OverweightParams = z.infer<typeof overweightParams>;

/** The parameters of each rule kind. */
export const paramsByKind = {
  threshold: thresholdParams,
  duration: durationParams,
  rate: rateParams,
  nodata: nodataParams,
  combination: combinationParams,
  overweight: overweightParams,
} as const;
export const ruleKinds = Object.keys(paramsByKind) as (keyof typeof paramsByKind)[];

const common = {
  name: z.string().trim().min(1).max(60),
  severity: z.enum(severities),
  caseCategory: z.string().trim().min(1).max(60).nullable().optional(),
  enabled: z.boolean().default(true),
  /** A rule of every device of the profile … */
  profileCode: z.string().trim().min(1).max(40).optional(),
  /** … or of one device. */
  deviceCode: z.string().trim().min(1).max(60).optional(),
};

/** A new rule: its parameters checked by its kind (errors name the field, e.g. params.minutes). */
export const ruleCreate = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('threshold'), params: thresholdParams }).strict(),
  z.object({ ...common, kind: z.literal('duration'), params: durationParams }).strict(),
  z.object({ ...common, kind: z.literal('rate'), params: rateParams }).strict(),
  z.object({ ...common, kind: z.literal('nodata'), params: nodataParams }).strict(),
  z.object({ ...common, kind: z.literal('combination'), params: combinationParams }).strict(),
  z.object({ ...common, kind: z.literal('overweight'), params: overweightParams }).strict(),
]);
export type RuleCreate = z.infer<typeof ruleCreate>;

/** A change to a rule; its kind stays, and new parameters are checked against it. */
export const ruleUpdate = z
  .object({
    name: common.name,
    severity: common.severity,
    caseCategory: common.caseCategory,
    enabled: z.boolean(),
    params: z.record(z.string(), z.unknown()),
  })
  .partial()
  .strict();
export type RuleUpdate = z.infer<typeof ruleUpdate>;

export const ruleView = z.object({
  id: z.number(),
  profileCode: z.string().nullable(),
  deviceCode: z.string().nullable(),
  name: z.string(),
  kind: z.enum(ruleKinds as [string, ...string[]]),
  params: z.record(z.string(), z.unknown()),
  severity: z.string(),
  caseCategory: z.string().nullable(),
  enabled: z.boolean(),
});
export type RuleView = z.infer<typeof ruleView>;

export const ruleList = z.object({ items: z.array(ruleView) });
export const ruleQuery = z.object({
  profile: z.string().trim().max(40).optional(),
  device: z.string().trim().max(60).optional(),
});
export const ruleIdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
