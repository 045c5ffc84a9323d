import { type Ctx, systemCtx } from '../../../core/context.ts';
import type { Db } from '../../../core/db.ts';
import { InputError, NotFoundError } from '../../../core/errors.ts';
import type { Logger } from '../../../core/logger.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { PullSource, PullSourceInput, PullSourceUpdate } from '../contract.ts';
import type { DeliveryService } from '../deliveries/service.ts';
import * as repo from './repository.ts';

export type PullService = ReturnType<typeof createPullService>;

function toPullSource(row: repo.PullSourceRow): PullSource {
  return {
    id: row.id,
    resourceCode: row.resourceCode,
    name: row.name,
    url: row.url,
    // Header values often hold credentials; only their names are shown.
    headerNames: Object.keys(row.headers),
    recordsPath: row.recordsPath,
    intervalMinutes: row.intervalMinutes,
    enabled: row.enabled,
    nextRunAt: row.nextRunAt.toISOString(),
    lastRunAt: row.lastRunAt?.toISOString() ?? null,
    lastBatchId: row.lastBatchId,
    lastError: row.lastError,
    createdBy: row.createdBy,
  };
}

/** The records array inside a JSON response, at a dot path such as data.items (or the response itself). */
export function recordsAt(body: unknown, recordsPath: string | null): Record<string, unknown>[] {
  let value = body;
  for (const key of recordsPath ? recordsPath.split('.') : [])
    value = (value as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(value))
    throw new Error(`no array of records at ${recordsPath ?? 'the top level'} of the response`);
  return value as Record<string, unknown>[];
}

/** Scheduled HTTP pulls from departmental systems (定时拉取). */
export function createPullService(deps: {
  db: Db;
  audit: AuditService;
  catalog: CatalogService;
  ingest: DeliveryService;
  logger: Logger;
}) {
  const { db, audit, catalog, ingest } = deps;

  async function load(id: number) {
    const row = await repo.findPullSource(db, id);
    if (!row) throw new NotFoundError('pull_source', id);
    return row;
  }

  /** Fetches one source and loads what it returns as a batch; the outcome is kept on the source. */
  async function pull(row: repo.PullSourceRow) {
    const ctx = systemCtx(`pull:${row.id}`);
    try {
      const response = await fetch(row.url, { headers: row.headers, signal: AbortSignal.timeout(60_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${row.url}`);
      const batch = await ingest.ingestRecords(
        ctx,
        row.resourceCode,
        recordsAt(await response.json(), row.recordsPath),
        'pull',
      );
      await repo.updatePullSource(db, row.id, { lastBatchId: batch.id, lastError: null });
      return batch;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await repo.updatePullSource(db, row.id, { lastError: message.slice(0, 500) });
      deps.logger.warn({ pullSource: row.id, err: message }, 'pull failed');
      return null;
    }
  }

  return {
    /** Pull sources with their last outcome. */
    async list(_ctx: Ctx) {
      return (await repo.findPullSources(db)).map(toPullSource);
    },

    /** Adds a source; its first run is due at once. */
    async create(ctx: Ctx, input: PullSourceInput) {
      const resource = await catalog.get(ctx, input.resource).catch(() => {
        throw new InputError(
          'unknown_resource',
          'Unknown resource',
          [{ field: 'resource', reason: 'invalid' }],
          { resource: input.resource },
        );
      });
      const { resource: _, headers, ...rest } = input;
      return db.transaction(async (tx) => {
        const row = await repo.insertPullSource(tx, {
          ...rest,
          headers: headers ?? {},
          resourceId: resource.id,
          resourceCode: resource.code,
          createdBy: ctx.actor?.username ?? 'system',
        });
        await audit.record(tx, ctx, {
          action: 'ingest.pull_create',
          targetType: 'pull_source',
          targetId: row.id,
          detail: { name: row.name, url: row.url, resource: resource.code },
        });
        return toPullSource(row);
      });
    },

    /** Changes a source (schedule, address, enabled). */
    async update(ctx: Ctx, id: number, input: PullSourceUpdate) {
      await load(id);
      return db.transaction(async (tx) => {
        const row = (await repo.updatePullSource(tx, id, input))!;
        const { headers: _, ...shown } = input;
        await audit.record(tx, ctx, {
          action: 'ingest.pull_update',
          targetType: 'pull_source',
          targetId: id,
          detail: shown,
        });
        return toPullSource(row);
      });
    },

    /** Removes a source; its batches stay. */
    async remove(ctx: Ctx, id: number) {
      await db.transaction(async (tx) => {
        if (!(await repo.deletePullSource(tx, id))) throw new NotFoundError('pull_source', id);
        await audit.record(tx, ctx, {
          action: 'ingest.pull_delete',
          targetType: 'pull_source',
          targetId: id,
        });
      });
    },

    /** Runs one source now, outside its schedule. */
    async runNow(_ctx: Ctx, id: number) {
      const row = await load(id);
      await repo.updatePullSource(db, id, { lastRunAt: new Date() });
      await pull(row);
      return toPullSource(await load(row.id));
    },

    /** Runs every source that is due; called by the scheduler in each process. Returns how many ran. */
    async runDue() {
      const claimed = await repo.claimDuePullSources(db, 5);
      for (const { id } of claimed) {
        const row = await repo.findPullSource(db, id);
        if (row) await pull(row);
      }
      return claimed.length;
    },
  };
}
