import { z } from 'zod';

export const batchStatuses = ['running', 'done', 'failed', 'interrupted'] as const;

export const batchCounts = z.object({
  total: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  duplicates: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  warnings: z.number(),
  rejectedByReason: z.record(z.string(), z.number()),
});
/** What a batch did, as recorded on the batch and printed by `onecity ingest --json`. */
export type BatchCounts = z.infer<typeof batchCounts>;

export const itemQuality = z.object({
  code: z.string(),
  name: z.string(),
  /** False when no column of the source fed the item: its counts say nothing of the data's quality. */
  supplied: z.boolean(),
  filled: z.number(),
  valid: z.number(),
});

/**
 * The merge of a committed batch into the registry its resource feeds: while it runs (in this process), how many
 * of its keys are merged; then what it did (`keys` merged, entities whose values `changed`, new `conflicts`) and
 * how long it took. Null for a batch of a resource that feeds no registry, or merged before this was recorded.
 */
export const batchMerge = z.object({
  status: z.enum(['running', 'done', 'failed']),
  done: z.number(),
  total: z.number(),
  keys: z.number().nullable(),
  changed: z.number().nullable(),
  conflicts: z.number().nullable(),
  seconds: z.number().nullable(),
  /** Seconds per step of a finished merge (staging, source records, entities, history …): where the time went. */
  steps: z.record(z.string(), z.number()).optional(),
});
export type BatchMerge = z.infer<typeof batchMerge>;
/** What the reader detected and did (readers/layout.ts): shown in the upload wizard and kept on the batch. */
export const sourceLayout = z.object({
  headerRows: z.array(z.number()),
  /** True when the header is two rows, the upper merged over the lower (its columns named 上-下). */
  merged: z.boolean(),
  sheets: z.array(
    z.object({
      name: z.string(),
      loaded: z.boolean(),
      /** Why a sheet was not loaded. */
      reason: z.enum(['not_chosen', 'empty', 'no_header', 'different_header']).optional(),
      /** Its data rows, when loaded. */
      rows: z.number(),
    }),
  ),
  /** Rows read but not loaded: above the header (title, unit/date), or totals and notes rows. */
  skippedRows: z.array(
    z.object({
      sheet: z.string().nullable(),
      row: z.number(),
      kind: z.enum(['title', 'total', 'note']),
      text: z.string(),
    }),
  ),
  /** Rows skipped in all, listed or not. */
  skippedCount: z.number(),
});
export type SourceLayout = z.infer<typeof sourceLayout>;
export type SheetReport = SourceLayout['sheets'][number];
export type SkippedRow = SourceLayout['skippedRows'][number];

/** The user's correction of what was detected, applied to every sheet: header row numbers (one or two) and sheets. */
export const layoutChoice = z
  .object({
    headerRows: z.array(z.number().int().min(1).max(1000)).min(1).max(2).optional(),
    sheets: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
  })
  .strict();
export type LayoutChoice = z.infer<typeof layoutChoice>;

export const batch = batchCounts.extend({
  id: z.number(),
  resourceCode: z.string(),
  sourceKind: z.enum(['file', 'push', 'pull']),
  sourceDepartmentId: z.number().nullable(),
  fileName: z.string().nullable(),
  fileHash: z.string().nullable(),
  format: z.string().nullable(),
  encoding: z.string().nullable(),
  mapping: z.record(z.string(), z.string().nullable()),
  /** The source's columns in its order (`mapping` comes with its keys reordered); null for older batches. */
  headers: z.array(z.string()).nullable(),
  status: z.enum(batchStatuses),
  quality: z.array(itemQuality).nullable(),
  /** Why the batch failed or was interrupted: a stable code (see batch-errors.ts) and the untranslated detail. */
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  seconds: z.number().nullable(),
  /** Header rows, sheets loaded and skipped, rows skipped (title, totals, notes); null for other sources. */
  layout: sourceLayout.nullable(),
  /** Rows read so far, while the batch runs in this process. */
  progress: z.number().nullable(),
  merge: batchMerge.nullable(),
});
export type Batch = z.infer<typeof batch>;

export const batchQuery = z.object({
  resource: z.string().max(60).optional(),
  status: z.enum(batchStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type BatchQuery = z.infer<typeof batchQuery>;

export const batchPage = z.object({ items: z.array(batch), total: z.number() });

/** Where one reason of a row came from: the data item and the source column (null when no column fed it). */
export const issueField = z.object({ reason: z.string(), item: z.string(), column: z.string().nullable() });

export const rowIssue = z.object({
  row: z.number(),
  kind: z.enum(['rejected', 'warning']),
  reasons: z.array(z.string()),
  fields: z.array(issueField),
  raw: z.record(z.string(), z.string()),
});

export const issueQuery = z.object({
  kind: z.enum(['rejected', 'warning']).default('rejected'),
  reason: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export type IssueQuery = z.infer<typeof issueQuery>;

export const issuePage = z.object({ items: z.array(rowIssue), total: z.number() });

export const uploadQuery = z.object({
  resource: z.string().min(1).max(60),
  fileName: z.string().min(1).max(200),
});

export const preview = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  format: z.string(),
  encoding: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()),
  sample: z.array(z.array(z.string())),
  /** What was detected in the whole file, and the first rows as they are (to choose the header rows from). */
  layout: sourceLayout.nullable(),
  firstRows: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })),
});

/** Reads an upload again with the user's choice of header rows and sheets. */
export const previewBody = z
  .object({
    resource: z.string().min(1).max(60),
    uploadId: z.string().regex(/^[0-9a-f]{64}\.(csv|txt|xlsx|json|ndjson|jsonl)$/),
    fileName: z.string().min(1).max(200),
    layout: layoutChoice.optional(),
  })
  .strict();

export const runBody = z
  .object({
    resource: z.string().min(1).max(60),
    uploadId: z.string().regex(/^[0-9a-f]{64}\.(csv|txt|xlsx|json|ndjson|jsonl)$/),
    fileName: z.string().min(1).max(200),
    mapping: z.record(z.string(), z.string().nullable()).optional(),
    sourceDepartmentId: z.number().int().positive().optional(),
    /** The header rows and sheets the user chose in the wizard; the loader reads the file so. */
    layout: layoutChoice.optional(),
  })
  .strict();

export const pushBody = z
  .object({ records: z.array(z.record(z.string(), z.unknown())).min(1).max(10000) })
  .strict();

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const resourceParam = z.object({ resource: z.string().min(1).max(60) });

export const qualityPoint = z.object({
  batchId: z.number(),
  at: z.string(),
  total: z.number(),
  rejected: z.number(),
  completeness: z.number(),
  validity: z.number(),
});

export const pullSourceInput = z
  .object({
    resource: z.string().min(1).max(60),
    name: z.string().trim().min(1).max(60),
    url: z.url({ protocol: /^https?$/ }),
    headers: z.record(z.string().max(100), z.string().max(2000)).optional(),
    recordsPath: z
      .string()
      .regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'dot-separated property names, e.g. data.items')
      .nullable()
      .optional(),
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    enabled: z.boolean().optional(),
  })
  .strict();
export type PullSourceInput = z.infer<typeof pullSourceInput>;

export const pullSourceUpdate = pullSourceInput.omit({ resource: true }).partial().strict();
export type PullSourceUpdate = z.infer<typeof pullSourceUpdate>;

export const pullSource = z.object({
  id: z.number(),
  resourceCode: z.string(),
  name: z.string(),
  url: z.string(),
  headerNames: z.array(z.string()),
  recordsPath: z.string().nullable(),
  intervalMinutes: z.number(),
  enabled: z.boolean(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastBatchId: z.number().nullable(),
  lastError: z.string().nullable(),
  createdBy: z.string(),
});
export type PullSource = z.infer<typeof pullSource>;

/**
 * `key`: the start of the first key item's value (a resource's only key item, mostly). `key.<item code>`: the
 * start of that key item's value, one parameter per key item searched. The service checks the `key.` parameters
 * against the resource's key items, which the schema cannot know.
 */
export const recordQuery = z.looseObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  key: z.string().trim().max(100).optional(),
  /** `raw=true` asks for personal items unmasked (the resource's provider and admins only) with a `reason`. */
  raw: z.enum(['true', 'false']).optional(),
  reason: z.string().max(200).optional(),
});
export type RecordQuery = z.infer<typeof recordQuery>;

export const recordPage = z.object({
  items: z.array(z.record(z.string(), z.string().nullable())),
  total: z.number(),
  masked: z.boolean(),
  /** Whether the caller may ask for this resource's personal items raw (with a reason). */
  rawAllowed: z.boolean(),
});
