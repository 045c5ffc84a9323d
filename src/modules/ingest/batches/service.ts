import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { ForbiddenError, NotFoundError } from '../../../core/errors.ts';
import { todayInShanghai } from '../../../core/local-date.ts';
import type { Lang } from '../../../core/messages.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { Batch, BatchQuery, IssueQuery } from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import { inColumnOrder, visibleIssues } from '../records/service.ts';
import { withErrorShownTo } from './errors.ts';
import * as period from './period-repository.ts';
import { rejectsWorkbook } from './rejects-xlsx.ts';
import * as repo from './repository.ts';
import type { BatchRunner } from './runner.ts';

/**
 * True when the caller sees every batch: center staff and leaders, and a service looking something up on its own
 * behalf (no actor). A department user sees the batches of the resources its department provides and those its
 * department delivered.
 */
function readsEveryBatch(ctx: Ctx): boolean {
  return ctx.actor === null || ingestPolicy.readsEveryBatch(ctx.actor);
}

/**
 * Reading batches: which ones the caller sees, one batch (from memory while it loads in this process), its
 * rejected and flagged rows, the rejects workbook, and quality over time.
 */
export function createBatchReads(deps: {
  db: Db;
  audit: AuditService;
  catalog: CatalogService;
  runner: BatchRunner;
}) {
  const { db, audit, catalog, runner } = deps;
  const { toBatch } = runner;

  /** The batches a department user may see, as a filter; undefined for callers who see every batch. */
  async function batchScope(ctx: Ctx): Promise<repo.DepartmentScope | null | undefined> {
    if (readsEveryBatch(ctx)) return undefined;
    const departmentId = ctx.actor!.departmentId;
    if (departmentId === null) return null; // a department user without a department sees no batch
    const provided = await catalog.listAll(lookupCtx, { departmentId });
    return { departmentId, resourceIds: provided.map((r) => r.id) };
  }

  /** Refuses, and audits, a department user a batch its department neither delivered nor provides the resource of. */
  async function checkMayRead(
    ctx: Ctx,
    batch: Pick<repo.BatchRow, 'id' | 'resourceCode' | 'sourceDepartmentId'>,
  ) {
    if (readsEveryBatch(ctx) || ingestPolicy.mayReadBatch(ctx.actor, batch)) return;
    // Only then the resource's provider, which takes a catalog lookup.
    if (ctx.actor!.departmentId !== null) {
      const resource = await catalog.get(lookupCtx, batch.resourceCode);
      if (ingestPolicy.mayReadBatch(ctx.actor, batch, resource)) return;
    }
    // Not caught by the route's role check (the role may read batches), so the refusal is audited here.
    await audit.deny(
      ctx,
      { targetType: 'batch', targetId: batch.id },
      new ForbiddenError('not_your_batch', 'Not a batch of your department'),
    );
  }

  /**
   * A batch the caller may read. One loading in this process is answered from memory, without the database:
   * on PGlite the load holds the only connection until it commits, and the console polls its progress.
   */
  async function readableBatch(ctx: Ctx, id: number): Promise<Batch> {
    const row = runner.runningRow(id) ?? (await repo.findBatch(db, id));
    if (!row) throw new NotFoundError('batch', id);
    await checkMayRead(ctx, row);
    return toBatch(row);
  }

  /** The batch as the caller may see it: why it failed inside the server, in the server's words, for center staff only. */
  function shown(ctx: Ctx, batch: Batch): Batch {
    return withErrorShownTo(batch, ctx.actor === null || ingestPolicy.readsInternalErrors(ctx.actor));
  }

  /** A page of a batch's issues, personal columns masked as the caller must see them, raw values in file order. */
  async function issuesOf(ctx: Ctx, batch: Batch, q: IssueQuery) {
    const resource = await catalog.get(ctx, batch.resourceCode);
    const { items, total } = await repo.findIssues(db, batch.id, q);
    const visible = await visibleIssues(audit, ctx, resource, batch.mapping, batch.id, items);
    return {
      items: visible.map((issue) => ({ ...issue, raw: inColumnOrder(issue.raw, batch.headers) })),
      total,
      resource,
    };
  }

  return {
    /** Batches, newest first: all of them for center staff and leaders, their department's for department users. */
    async list(ctx: Ctx, q: BatchQuery) {
      const resourceId = q.resource ? (await catalog.get(ctx, q.resource)).id : undefined;
      const scope = await batchScope(ctx);
      if (scope === null) return { items: [], total: 0 };
      const { items, total } = await repo.findBatches(db, { ...q, resourceId, scope });
      const batches = await Promise.all(items.map(toBatch));
      return { items: batches.map((b) => shown(ctx, b)), total };
    },

    /**
     * The finished batches started since `since` that the caller sees (as the list shows them), with their rows
     * and accepted rows: the share accepted is the quality the operations center shows.
     */
    async rowCounts(ctx: Ctx, since: Date) {
      const scope = await batchScope(ctx);
      if (scope === null) return { batches: 0, rows: 0, accepted: 0 };
      return repo.countRowsSince(db, since, scope);
    },

    /** One batch with its counts, quality and (while running here) progress. */
    async get(ctx: Ctx, id: number) {
      return shown(ctx, await readableBatch(ctx, id));
    },

    /** A batch's rejected (or flagged) rows with their reasons, where each came from, and raw values in file order. */
    async issues(ctx: Ctx, id: number, q: IssueQuery) {
      const { items, total } = await issuesOf(ctx, await readableBatch(ctx, id), q);
      return { items, total };
    },

    /** A batch's rejected rows as a workbook for the department to fix, in the file's column order. */
    async rejectsWorkbook(ctx: Ctx, id: number, lang: Lang) {
      const batch = await readableBatch(ctx, id);
      const { items, resource } = await issuesOf(ctx, batch, {
        kind: 'rejected',
        page: 1,
        pageSize: 100_000,
      });
      return rejectsWorkbook(items, { headers: batch.headers, items: resource.items }, lang);
    },

    /**
     * The batches finished in [start, end) in the whole district, and the rows of those loaded (accepted =
     * records aggregated). For the operations center's briefings; the caller checks who may read them.
     */
    periodLoads: (q: { start: Date; end: Date }) => period.finishedIn(db, q.start, q.end),

    /**
     * The batches the caller sees per China-local day of the last `days` days (oldest first): done, failed, rows
     * read and accepted; and the rows accepted all time. What the operations screen shows of aggregation.
     */
    async dailyFigures(ctx: Ctx, days: number, now = new Date()) {
      const scope = await batchScope(ctx);
      const window = Array.from({ length: days }, (_, i) =>
        todayInShanghai(new Date(now.getTime() - (days - 1 - i) * 86_400_000)),
      );
      const since = new Date(Date.parse(`${window[0]}T00:00:00+08:00`));
      if (scope === null)
        return {
          acceptedAllTime: 0,
          days: window.map((date) => ({ date, done: 0, failed: 0, total: 0, accepted: 0 })),
        };
      const [rows, acceptedAllTime] = await Promise.all([
        repo.batchesPerDay(db, since, scope),
        repo.acceptedAllTime(db, scope),
      ]);
      const byDay = new Map(rows.map((r) => [r.day, r]));
      return {
        acceptedAllTime,
        days: window.map((date) => {
          const r = byDay.get(date);
          return {
            date,
            done: r?.done ?? 0,
            failed: r?.failed ?? 0,
            total: r?.total ?? 0,
            accepted: r?.accepted ?? 0,
          };
        }),
      };
    },

    /** Completeness and validity of each finished batch of a resource, for the chart over time. */
    async qualityHistory(ctx: Ctx, resourceCode: string) {
      const resource = await catalog.get(ctx, resourceCode);
      return (await repo.findDoneBatches(db, resource.id)).map((b) => {
        // Items the source did not supply say nothing of its quality: they count neither way.
        const quality = ((b.quality as Batch['quality']) ?? []).filter((q) => q.supplied);
        const cells = b.total * quality.length;
        const filled = quality.reduce((s, q) => s + q.filled, 0);
        const valid = quality.reduce((s, q) => s + q.valid, 0);
        return {
          batchId: b.id,
          at: b.startedAt.toISOString(),
          total: b.total,
          rejected: b.rejected,
          completeness: cells ? filled / cells : 0,
          validity: filled ? valid / filled : 0,
        };
      });
    },
  };
}

export type BatchReads = ReturnType<typeof createBatchReads>;
