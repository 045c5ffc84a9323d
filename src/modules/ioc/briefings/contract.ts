import { z } from 'zod';

// The figures a briefing is written from (re-exported by the module's contract.ts). Kept with the briefing, so
// what was published can be compared with the database later; every figure but the devices' snapshot is counted
// from the times the records carry, so the same period gives the same figures when asked again.

/** A count of the period beside the period before: the change, and the change as a share of before (null from 0). */
export const briefingCompared = z.object({
  value: z.number(),
  previous: z.number(),
  change: z.number(),
  changeRate: z.number().nullable(),
});
export type BriefingCompared = z.infer<typeof briefingCompared>;

/** A rate (share 0..1, null with nothing to rate) beside the period before; the change in shares (points / 100). */
export const briefingComparedRate = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  change: z.number().nullable(),
});
export type BriefingComparedRate = z.infer<typeof briefingComparedRate>;

const severityCounts = z.object({
  critical: z.number(),
  major: z.number(),
  minor: z.number(),
  warning: z.number(),
});

export const briefingFigures = z.object({
  period: z.string(),
  kind: z.enum(['weekly', 'monthly']),
  from: z.string(),
  to: z.string(),
  number: z.string(),
  /** e.g. 2026年第49周（11月30日—12月6日）. */
  title: z.string(),
  /** The issuing unit, e.g. 望城区数据资源中心. */
  issuer: z.string(),
  previous: z.object({ period: z.string(), from: z.string(), to: z.string() }),
  /** False while the period is still running (its figures are then partial; such a period is not published). */
  complete: z.boolean(),
  cases: z.object({
    /** Received in the period (merged duplicates left out). */
    received: briefingCompared,
    /** Closed in the period, and of those: on time, satisfied among the called back, reopened. */
    closed: briefingCompared,
    onTimeRate: briefingComparedRate,
    satisfactionRate: briefingComparedRate,
    reopenRate: briefingComparedRate,
    meanHandlingHours: z.number().nullable(),
    /** Open when the period ended, and of those past their due time. */
    openAtEnd: briefingCompared,
    overdueAtEnd: briefingCompared,
    daily: z.array(z.object({ date: z.string(), received: z.number(), closed: z.number() })),
    /** The ten categories with the most cases received, with the period before's count. */
    topCategories: z.array(
      z.object({ code: z.string().nullable(), name: z.string(), count: z.number(), previous: z.number() }),
    ),
    topSubdistricts: z.array(z.object({ code: z.string().nullable(), name: z.string(), count: z.number() })),
    byDepartment: z.array(
      z.object({
        departmentId: z.number().nullable(),
        name: z.string(),
        received: z.number(),
        closed: z.number(),
        onTimeRate: z.number().nullable(),
      }),
    ),
  }),
  alarms: z.object({
    /** Alarms that started in the period. */
    raised: briefingCompared,
    bySeverity: severityCounts,
    byType: z.array(z.object({ profileCode: z.string(), name: z.string(), count: z.number() })),
  }),
  /** The devices when the briefing was generated (a snapshot: the one figure not counted for the period). */
  devices: z.object({
    at: z.string(),
    total: z.number(),
    online: z.number(),
    offline: z.number(),
    fault: z.number(),
    onlineRate: z.number().nullable(),
  }),
  sharing: z.object({
    /** Sharing API calls in the period (refusals without a credential included). */
    calls: briefingCompared,
    served: z.number(),
    refused: z.number(),
    byDepartment: z.array(z.object({ departmentId: z.number(), name: z.string(), calls: z.number() })),
  }),
  aggregation: z.object({
    /** Records aggregated: the accepted rows of the batches loaded in the period. */
    records: briefingCompared,
    batches: briefingCompared,
    rejected: briefingCompared,
    failedBatches: z.number(),
  }),
  /** Entities in the base registries when the period ended (and when the period before ended). */
  registries: z.object({
    people: briefingCompared,
    legalPersons: briefingCompared,
    licenses: briefingCompared,
    components: briefingCompared,
  }),
  notable: z.object({
    /** Emergency-mode incidents open at any time in the period. */
    incidents: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        startedAt: z.string(),
        /** When it ended, if within the period. */
        endedAt: z.string().nullable(),
        subdistrictName: z.string().nullable(),
      }),
    ),
    /** The cases longest past their due time among those open when the period ended. */
    overdueCases: z.array(
      z.object({
        number: z.string(),
        title: z.string(),
        categoryName: z.string().nullable(),
        departmentName: z.string().nullable(),
        dueAt: z.string(),
        overdueDays: z.number(),
      }),
    ),
    /** The device and rule pairs raising the most alarms in the period. */
    repeatedAlarms: z.array(
      z.object({
        deviceCode: z.string(),
        deviceName: z.string(),
        typeName: z.string().nullable(),
        ruleName: z.string().nullable(),
        severity: z.string(),
        count: z.number(),
      }),
    ),
  }),
});
export type BriefingFigures = z.infer<typeof briefingFigures>;

export const briefingDocumentFormats = ['docx', 'pdf'] as const;
export type BriefingDocumentFormat = (typeof briefingDocumentFormats)[number];
