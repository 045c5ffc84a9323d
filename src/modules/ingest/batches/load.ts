import type { RawTx } from '../../../core/db.ts';
import type { Resource } from '../../catalog/index.ts';
import type { BatchCounts } from '../contract.ts';
import type { TabularSource } from '../readers/open-source.ts';
import * as bulk from './load-repository.ts';
import { createRowProcessor, type ItemQuality } from './row-processor.ts';

export type LoadResult = BatchCounts & { quality: ItemQuality[] };

/**
 * Loads one batch inside a transaction: standardize, validate, de-duplicate, then COPY straight into an
 * empty data table, or into a staging table merged by key. Rejected and flagged rows are stored with
 * the batch; the caller marks it done in the same transaction, so a crash leaves nothing half-loaded.
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
  await bulk.lockResource(tx, resource.id);
  await bulk.ensureDataTable(tx, resource);
  const direct = await bulk.isEmpty(tx, resource);
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
    await bulk.copyIntoDataTable(tx, resource, processor.columns, csvChunks());
    inserted =
      processor.seen.size + (await bulk.applyLaterVersions(tx, resource, processor.columns, laterVersions));
    updated = 0;
    unchanged = 0;
  } else {
    await bulk.copyIntoStaging(tx, resource, processor.columns, csvChunks());
    const merged = await bulk.mergeStaging(tx, resource);
    inserted = merged.inserted;
    updated = merged.updated;
    unchanged = merged.keys - merged.inserted - merged.updated;
  }
  await bulk.storeIssues(tx, batchId, processor.issues);
  return { ...processor.stats, inserted, updated, unchanged, quality: processor.quality };
}
