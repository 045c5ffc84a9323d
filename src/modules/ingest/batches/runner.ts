import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { Resource } from '../../catalog/index.ts';
import type { Batch } from '../contract.ts';
import type { TabularSource } from '../readers/open-source.ts';
import { batchErrorOf } from './errors.ts';
import { loadBatch } from './load.ts';
import { inLoadTransaction, markBatchDone } from './load-repository.ts';
import * as repo from './repository.ts';

/** Told of a batch that committed, with its resource. */
export type BatchListener = (batch: Batch, resource: Resource) => Promise<void>;

export type BatchRunner = ReturnType<typeof createBatchRunner>;

/** Records, runs and reports batches; shared by files, uploads, pushes and pulls. */
export function createBatchRunner(deps: {
  database: Database;
  audit: AuditService;
  onListenerError?: (error: unknown) => void;
}) {
  const { database, audit, onListenerError } = deps;
  const db = database.db;
  // Rows read so far by batches running in this process (progress for the console).
  const progress = new Map<number, number>();
  // Their rows as recorded at the start, so that polling one needs no database (PGlite is busy loading it).
  const startedRows = new Map<number, repo.BatchRow>();
  // Who is told of each batch that committed (the registries merge it), and their work still running.
  const listeners: BatchListener[] = [];
  const pending = new Set<Promise<void>>();

  async function toBatch(row: repo.BatchRow): Promise<Batch> {
    // A batch marked running whose loader no longer holds the resource's lock died with its process.
    if (
      row.status === 'running' &&
      !progress.has(row.id) &&
      !(await repo.isResourceLocked(db, row.resourceId))
    ) {
      await repo.interruptBatch(db, row.id);
      return toBatch((await repo.findBatch(db, row.id))!);
    }
    const { resourceId: _, storedFile: __, ...rest } = row;
    return {
      ...rest,
      quality: (row.quality as Batch['quality']) ?? null,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      progress: progress.get(row.id) ?? null,
    };
  }

  /**
   * Starts one batch: records it, then loads it. `finished` settles when the data and the batch's
   * "done" have committed together (one transaction) or the batch has been marked failed.
   */
  async function start(
    ctx: Ctx,
    resource: Resource,
    source: TabularSource,
    meta: {
      sourceKind: 'file' | 'push' | 'pull';
      mapping: Record<string, string | null>;
      fileName?: string;
      fileHash?: string;
      storedFile?: string;
      sourceDepartmentId?: number | null;
    },
    onProgress?: (rows: number) => void,
  ): Promise<{ batchId: number; finished: Promise<Batch> }> {
    const batch = await repo.insertBatch(db, {
      resourceId: resource.id,
      resourceCode: resource.code,
      sourceKind: meta.sourceKind,
      sourceDepartmentId: meta.sourceDepartmentId ?? ctx.actor?.departmentId ?? null,
      fileName: meta.fileName ?? null,
      fileHash: meta.fileHash ?? null,
      storedFile: meta.storedFile ?? null,
      format: source.format,
      encoding: source.encoding,
      mapping: meta.mapping,
      headers: source.headers,
      status: 'running',
      createdBy: ctx.actor?.username ?? 'system',
    });
    progress.set(batch.id, 0);
    startedRows.set(batch.id, batch);
    return { batchId: batch.id, finished: load(ctx, batch.id, resource, source, meta, onProgress) };
  }

  async function load(
    ctx: Ctx,
    batchId: number,
    resource: Resource,
    source: TabularSource,
    meta: {
      sourceKind: string;
      mapping: Record<string, string | null>;
      fileName?: string;
      fileHash?: string;
    },
    onProgress?: (rows: number) => void,
  ) {
    const started = performance.now();
    // A file hashed as it is read (the CLI's) has its hash once read; an upload's was taken as it arrived.
    const fileHash = async () => (meta.fileHash ? null : ((await source.fileHash?.()) ?? null));
    try {
      await inLoadTransaction(database, async (tx) => {
        const result = await loadBatch(tx, {
          batchId: batchId,
          resource,
          source,
          mapping: meta.mapping,
          onProgress: (rows) => {
            progress.set(batchId, rows);
            onProgress?.(rows);
          },
        });
        const seconds = (performance.now() - started) / 1000;
        const layout = source.layout?.() ?? null;
        await markBatchDone(tx, batchId, { ...result, seconds, fileHash: await fileHash(), layout });
      });
    } catch (error) {
      await repo.failBatch(db, batchId, batchErrorOf(error), await fileHash().catch(() => null));
      throw error;
    } finally {
      progress.delete(batchId);
      startedRows.delete(batchId);
    }
    const done = await toBatch((await repo.findBatch(db, batchId))!);
    await audit.recordNow(ctx, {
      action: 'ingest.batch',
      targetType: 'resource',
      targetId: resource.code,
      detail: {
        batchId: batchId,
        source: meta.sourceKind,
        file: meta.fileName,
        inserted: done.inserted,
        updated: done.updated,
        rejected: done.rejected,
      },
    });
    for (const listener of listeners) {
      // Not awaited: the batch is done once it committed. A listener records its own progress so that work
      // cut short is found again (see the registry's catch-up), so its failure here is only logged.
      const work = listener(done, resource).catch((err) => onListenerError?.(err));
      pending.add(work);
      void work.finally(() => pending.delete(work));
    }
    return done;
  }

  /** Starts a batch and waits for it. */
  async function run(...args: Parameters<typeof start>) {
    return (await start(...args)).finished;
  }

  return {
    start,
    run,
    toBatch,
    /** The row of a batch running in this process, as recorded at its start; read from memory. */
    runningRow: (id: number) => startedRows.get(id),
    /** Registers a listener told of every batch that committed. */
    onBatchDone(listener: BatchListener) {
      listeners.push(listener);
    },
    /** Settles when the listeners' work for batches done so far has finished. */
    async idle() {
      while (pending.size) await Promise.all(pending);
    },
  };
}
