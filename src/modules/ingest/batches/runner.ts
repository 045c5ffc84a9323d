import { announceChange, announceCommitted } from '../../../core/changes.ts';
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { AuditService } from '../../audit/index.ts';
import type { Resource } from '../../catalog/index.ts';
import type { Batch, BatchMerge } from '../contract.ts';
import type { TabularSource } from '../readers/open-source.ts';
import { batchErrorOf } from './errors.ts';
import { loadBatch } from './load.ts';
import { inLoadTransaction, markBatchDone } from './load-repository.ts';
import * as repo from './repository.ts';

/** What a listener merged of a committed batch (the registries merge batches of the resources that feed them). */
export type MergeOutcome = {
  keys: number;
  changed: number;
  conflicts: number;
  /** Seconds per step, where the time went. */
  steps?: Record<string, number>;
};

/**
 * Told of a batch that committed, with its resource, and a function to report how far its merge has come; resolves
 * to what it merged, or null when the resource feeds no registry.
 */
export type BatchListener = (
  batch: Batch,
  resource: Resource,
  onProgress: (done: number, total: number) => void,
) => Promise<MergeOutcome | null>;

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
  // How far the registry merge of committed batches has come, while it runs in this process.
  const merging = new Map<number, { done: number; total: number }>();
  // Who is told of each batch that committed (the registries merge it), and their work still running.
  const listeners: { run: BatchListener; accepts: (resource: Resource) => boolean }[] = [];
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
      merge: mergeOf(row),
    };
  }

  function mergeOf(row: repo.BatchRow): Batch['merge'] {
    const running = merging.get(row.id);
    if (running)
      return { status: 'running', ...running, keys: null, changed: null, conflicts: null, seconds: null };
    return row.merge ?? null;
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
      /** When a past delivery was received (in-process callers only); the batch starts now otherwise. */
      receivedAt?: Date;
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
      ...(meta.receivedAt ? { startedAt: meta.receivedAt } : {}),
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
      receivedAt?: Date;
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
        // A past delivery finished as long after it was received as loading it took now.
        const finishedAt = meta.receivedAt ? new Date(meta.receivedAt.getTime() + seconds * 1000) : null;
        await markBatchDone(tx, batchId, {
          ...result,
          seconds,
          fileHash: await fileHash(),
          layout,
          finishedAt,
        });
        await announceChange(tx, 'ingest');
      });
    } catch (error) {
      await repo.failBatch(db, batchId, batchErrorOf(error), await fileHash().catch(() => null));
      await announceCommitted(database, 'ingest');
      progress.delete(batchId);
      startedRows.delete(batchId);
      throw error;
    }
    // Committed. A merge to follow is shown as started at once, so that no one polling sees the batch done with
    // nothing after it; while it runs the batch is answered from memory (on PGlite the merge holds the connection).
    const merges = listeners.filter((l) => l.accepts(resource));
    if (merges.length) merging.set(batchId, { done: 0, total: 0 });
    progress.delete(batchId);
    const doneRow = (await repo.findBatch(db, batchId))!;
    if (merges.length) startedRows.set(batchId, doneRow);
    else startedRows.delete(batchId);
    const done = await toBatch(doneRow);
    await audit.recordNow(ctx, {
      action: 'ingest.batch',
      targetType: 'resource',
      targetId: resource.code,
      detail: {
        batchId: batchId,
        source: meta.sourceKind,
        file: meta.fileName,
        ...(meta.receivedAt ? { receivedAt: meta.receivedAt.toISOString() } : {}),
        inserted: done.inserted,
        updated: done.updated,
        rejected: done.rejected,
      },
    });
    if (merges.length) {
      // Not awaited: the batch is done once it committed. A listener records its own progress so that work
      // cut short is found again (see the registry's catch-up), so its failure here is only logged.
      const work = Promise.all(merges.map((l) => afterwork(l.run, done, resource))).then(() => {
        merging.delete(batchId);
        startedRows.delete(batchId);
      });
      pending.add(work);
      void work.finally(() => pending.delete(work));
    }
    return done;
  }

  /** Runs one listener on a committed batch, keeping its merge's progress, then recording what it did. */
  async function afterwork(listener: BatchListener, batch: Batch, resource: Resource) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let last = { done: 0, total: 0 };
    try {
      const outcome = await listener(batch, resource, (done, total) => {
        last = { done, total };
        merging.set(batch.id, last);
      });
      if (outcome)
        await repo.recordMerge(db, batch.id, {
          status: 'done',
          done: outcome.keys,
          total: outcome.keys,
          ...outcome,
          seconds: seconds(),
        });
    } catch (err) {
      onListenerError?.(err);
      const failed = { status: 'failed' as const, ...last, keys: null, changed: null, conflicts: null };
      await repo.recordMerge(db, batch.id, { ...failed, seconds: seconds() }).catch(onListenerError);
    }
  }

  /** Starts a batch and waits for it. */
  async function run(...args: Parameters<typeof start>) {
    return (await start(...args)).finished;
  }

  return {
    start,
    run,
    toBatch,
    /** The row of a batch running or merging in this process (as recorded at its start or end); read from memory. */
    runningRow: (id: number) => startedRows.get(id),
    /** Records what a merge of a committed batch did, when it ran apart from a listener (the registry's catch-up). */
    recordMerge: (id: number, merge: BatchMerge) => repo.recordMerge(db, id, merge),
    /** Registers a listener told of every batch that committed of the resources it `accepts` (those it merges). */
    onBatchDone(listener: BatchListener, accepts: (resource: Resource) => boolean) {
      listeners.push({ run: listener, accepts });
    },
    /** Settles when the listeners' work for batches done so far has finished. */
    async idle() {
      while (pending.size) await Promise.all(pending);
    },
  };
}
