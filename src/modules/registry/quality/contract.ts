import { z } from 'zod';

// The quality API of the base registries (under /api/registry/:registry/quality), shared by server and web.

export const qualityParam = z.object({ registry: z.string().min(1).max(40) });

/** An entity a quality check names: its key as the caller may see it, and the console path segment to open it. */
export const qualitySample = z.object({ key: z.string(), ref: z.string() });

export const consistencyChecks = [
  'birth_date_matches_id',
  'sex_matches_id',
  'legal_rep_id_valid',
  'legal_rep_in_population',
  'holder_exists',
  'location_in_district',
  'code_division_matches',
] as const;

export const freshness = ['fresh', 'late', 'never'] as const;

/** Completeness, validity, consistency and timeliness of one registry, as ratios 0..1 with their counts. */
export const qualityReport = z.object({
  registry: z.string(),
  entities: z.number(),
  computedAt: z.string(),
  completeness: z.object({ ratio: z.number().nullable(), filled: z.number(), expected: z.number() }),
  validity: z.object({ ratio: z.number().nullable(), checked: z.number(), valid: z.number() }),
  consistency: z.object({
    ratio: z.number().nullable(),
    checked: z.number(),
    passed: z.number(),
    checks: z.array(
      z.object({
        code: z.enum(consistencyChecks),
        checked: z.number(),
        passed: z.number(),
        ratio: z.number().nullable(),
        samples: z.array(qualitySample),
      }),
    ),
  }),
  timeliness: z.object({
    ratio: z.number().nullable(),
    sources: z.array(
      z.object({
        source: z.string(),
        resourceCode: z.string(),
        resourceName: z.string(),
        departmentName: z.string(),
        updateCycle: z.string(),
        lastDelivery: z.string().nullable(),
        dueBy: z.string().nullable(),
        status: z.enum(freshness),
      }),
    ),
  }),
  /** Per item: how many entities fill it, and (for items with a check) how many of those values pass. */
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      type: z.string(),
      required: z.boolean(),
      filled: z.number(),
      completeness: z.number().nullable(),
      /** False for free text without a validator: nothing to check. */
      checked: z.boolean(),
      valid: z.number(),
      validity: z.number().nullable(),
      samples: z.array(qualitySample),
    }),
  ),
});
export type QualityReport = z.infer<typeof qualityReport>;
