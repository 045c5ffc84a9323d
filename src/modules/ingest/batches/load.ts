import type { RawTx } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import {
  applyLaterVersions,
  createStaging,
  dataColumns,
  dataTableName,
  ensureDataTable,
  isEmpty,
  mergeStaging,
} from '../data-table.ts';
import type { TabularSource } from '../readers/open-source.ts';
import { createRowProcessor, type ItemQuality, type RowIssue } from './row-processor.ts';

// Advisory lock keys for "a batch is loading this resource": base + resource id.
export const RESOURCE_LOCK_BASE = 4301130000;

/** What a batch did, as recorded on the batch and printed by `onecity ingest --json`. */
export type BatchCounts = {
  total: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  inserted: number;
  updated: number;
  unchanged: number;
  warnings: number;
  rejectedByReason: Record<string, number>;
};

export type LoadResult = BatchCounts & { quality: ItemQuality[] };

/**
 * Loads one batch inside a transaction: standardize, validate, de-duplicate, then COPY straight into an
 * empty data table, or into a staging table merged by key. Rejected and flagged rows are stored with
 * the batch, and the batch is marked done in the same transaction, so a crash leaves nothing half-loaded.
 */
export async function loadBatch(
  tx: RawTx,
  args: {
    batchId: number;
    resource: Resource;
    source: TabularSource;
    mapping: Record<string, string | null>;
    onProgress?: (rows: number) => void;
  },
): Promise<LoadResult> {
  const { batchId, resource, source, mapping } = args;
  // One batch per resource at a time; taken first so that creating the data table cannot race either.
  await tx.query('select pg_advisory_xact_lock($1)', [RESOURCE_LOCK_BASE + resource.id]);
  await ensureDataTable(tx, resource);
  const direct = await isEmpty(tx, resource);
  const processor = createRowProcessor(resource, source.headers, mapping, batchId);
  const laterVersions: string[][] = [];

  async function* csvChunks() {
    for await (const rows of source.csv ?? source.batches) {
      const out = processor.process(rows, !direct);
      if (direct) laterVersions.push(...out.laterVersions);
      if (out.csv.length) yield out.csv;
      args.onProgress?.(processor.stats.total);
    }
  }

  let inserted: number;
  let updated: number;
  let unchanged: number;
  if (direct) {
    await tx.copyIn(dataTableName(resource.id), dataColumns(resource, processor.columns), csvChunks());
    inserted =
      processor.seen.size + (await applyLaterVersions(tx, resource, processor.columns, laterVersions));
    updated = 0;
    unchanged = 0;
  } else {
    const staging = await createStaging(tx, resource);
    await tx.copyIn(staging, ['_row', ...dataColumns(resource, processor.columns)], csvChunks());
    const merged = await mergeStaging(tx, resource);
    inserted = merged.inserted;
    updated = merged.updated;
    unchanged = merged.keys - merged.inserted - merged.updated;
  }
  await storeIssues(tx, batchId, processor.issues);
  return { ...processor.stats, inserted, updated, unchanged, quality: processor.quality };
}

/** Saves rejected and flagged rows in slices, as arrays unnested by the server. */
async function storeIssues(tx: RawTx, batchId: number, issues: RowIssue[]) {
  for (let i = 0; i < issues.length; i += 5000) {
    const slice = issues.slice(i, i + 5000);
    await tx.query(
      `insert into ingest.row_issues (batch_id, row, kind, reasons, raw, fields)
       select $1, r, k, string_to_array(rs, ','), j, f from unnest($2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) as t(r, k, rs, j, f)`,
      [
        batchId,
        slice.map((s) => s.row),
        slice.map((s) => s.kind),
        slice.map((s) => s.reasons.join(',')),
        slice.map((s) => JSON.stringify(s.raw)),
        slice.map((s) => JSON.stringify(s.fields)),
      ],
    );
  }
}

/** Marks a batch done with its counts, in the load's transaction, so data and status commit together. */
export async function markBatchDone(tx: RawTx, batchId: number, result: LoadResult, seconds: number) {
  const { quality, ...c } = result;
  await tx.query(
    `update ingest.batches set status = 'done', total = $2, accepted = $3, rejected = $4, duplicates = $5, inserted = $6,
       updated = $7, unchanged = $8, warnings = $9, rejected_by_reason = $10, quality = $11, finished_at = now(), seconds = $12
     where id = $1`,
    [
      batchId,
      c.total,
      c.accepted,
      c.rejected,
      c.duplicates,
      c.inserted,
      c.updated,
      c.unchanged,
      c.warnings,
      JSON.stringify(c.rejectedByReason),
      JSON.stringify(quality),
      seconds,
    ],
  );
}
