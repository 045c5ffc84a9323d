import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { BatchErrorCode } from './batches/errors.ts';
import type { IssueField } from './batches/row-processor.ts';
import type { BatchMerge, SourceLayout } from './contract.ts';

export const ingestSchema = pgSchema('ingest');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One delivery of data for a resource (a file, a push or a pull) and what became of it. */
export const batches = ingestSchema.table(
  'batches',
  {
    id: serial('id').primaryKey(),
    resourceId: integer('resource_id').notNull(),
    resourceCode: text('resource_code').notNull(),
    sourceKind: text('source_kind').$type<'file' | 'push' | 'pull'>().notNull(),
    sourceDepartmentId: integer('source_department_id'),
    fileName: text('file_name'),
    fileHash: text('file_hash'),
    storedFile: text('stored_file'),
    format: text('format'),
    encoding: text('encoding'),
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull(),
    // The file's columns in its order: jsonb keeps `mapping` (and each issue's `raw`) with its keys reordered.
    headers: text('headers').array(),
    status: text('status').$type<'running' | 'done' | 'failed' | 'interrupted'>().notNull(),
    total: integer('total').notNull().default(0),
    accepted: integer('accepted').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    warnings: integer('warnings').notNull().default(0),
    rejectedByReason: jsonb('rejected_by_reason').$type<Record<string, number>>().notNull().default({}),
    quality: jsonb('quality').$type<unknown>(),
    // Header rows, sheets loaded and skipped and rows skipped, as the reader found them (CSV and XLSX files).
    layout: jsonb('layout').$type<SourceLayout>(),
    // Why a batch failed: a stable code to translate, and the detail as the driver or reader said it.
    errorCode: text('error_code').$type<BatchErrorCode>(),
    error: text('error'),
    createdBy: text('created_by').notNull(),
    startedAt: ts('started_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
    seconds: doublePrecision('seconds'),
    /** What the registry merge of the committed batch did (see BatchMerge); null when nothing merged it. */
    merge: jsonb('merge').$type<BatchMerge>(),
  },
  (t) => [index('batches_resource_idx').on(t.resourceId, t.startedAt)],
);

/** Rows a batch rejected or flagged, with the data-row number, the raw values, the reason codes and where each came from. */
export const rowIssues = ingestSchema.table(
  'row_issues',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    kind: text('kind').$type<'rejected' | 'warning'>().notNull(),
    reasons: text('reasons').array().notNull(),
    raw: jsonb('raw').$type<Record<string, string>>().notNull(),
    // For each reason, the data item and the file column it came from (null: the file has no such column).
    fields: jsonb('fields').$type<IssueField[]>().notNull().default([]),
  },
  (t) => [index('row_issues_batch_idx').on(t.batchId, t.kind, t.row)],
);

/** Departmental APIs the center pulls on a schedule; the schedule lives here so any process can run it. */
export const pullSources = ingestSchema.table(
  'pull_sources',
  {
    id: serial('id').primaryKey(),
    resourceId: integer('resource_id').notNull(),
    resourceCode: text('resource_code').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    recordsPath: text('records_path'),
    intervalMinutes: integer('interval_minutes').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    nextRunAt: ts('next_run_at').notNull().defaultNow(),
    lastRunAt: ts('last_run_at'),
    lastBatchId: integer('last_batch_id'),
    lastError: text('last_error'),
    createdBy: text('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('pull_sources_due_idx').on(t.enabled, t.nextRunAt)],
);
