import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { ConflictError, InputError, NotFoundError } from '../../../core/errors.ts';
import { createRawViews, rawReasonOf } from '../../../core/raw-views.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import { refOf } from '../entities/refs.ts';
import { isRegistryName, type RegistryName } from '../feeds.ts';
import type { RegistryService } from '../service.ts';
import { iso } from '../timestamps.ts';
import { maskCandidates, visibilityFor } from '../visibility.ts';
import type { Conflict, ConflictPage, ConflictQuery, ResolveBody } from './contract.ts';
import './messages.ts';
import * as repo from './repository.ts';

type Deps = { database: Database; catalog: CatalogService; audit: AuditService; registry: RegistryService };

/** Disagreements between sources that no precedence settles, and stewards' resolutions of them. */
export function createConflictService(deps: Deps) {
  const { database, catalog, audit, registry: service } = deps;
  const rawViews = createRawViews();
  /** The catalog resources (items, provider) of the registries these conflicts are in. */
  async function resourcesOf(found: repo.ConflictRow[]) {
    const resources = new Map<string, Resource>();
    for (const registry of new Set(found.map((r) => r.registry)))
      resources.set(registry, await catalog.get(lookupCtx, registry));
    return resources;
  }

  /**
   * A conflict as the caller may see it: the entity key and personal candidate values (and those derived from a
   * masked key: a birth date beside an ID number) masked, unless the caller asked raw with a reason and may see
   * the registry's personal data (admins, stewards, the provider department).
   */
  function toConflict(
    ctx: Ctx,
    row: repo.ConflictRow,
    resource: Resource,
    askedRaw: boolean,
  ): Conflict & { raw: boolean } {
    const registry = row.registry as RegistryName;
    const shown = visibilityFor(ctx, resource, askedRaw);
    return {
      id: row.id,
      registry,
      key: shown.key(row.key),
      ref: refOf(registry, { key: row.key, id: row.entityId }),
      item: row.item,
      itemName: resource.items.find((i) => i.code === row.item)?.name ?? row.item,
      candidates: maskCandidates(shown, row.item, row.candidates),
      status: row.status,
      createdAt: iso(row.createdAt),
      resolvedValue: row.resolvedValue === null ? null : shown.value(row.item, row.resolvedValue),
      resolvedSource: row.resolvedSource,
      resolvedBy: row.resolvedBy,
      resolvedAt: row.resolvedAt ? iso(row.resolvedAt) : null,
      raw: shown.raw && showsPersonal(resource, row),
    };
  }

  /** Whether a conflict holds anything a masked view hides: a personal key, or a masked candidate value. */
  function showsPersonal(resource: Resource, row: repo.ConflictRow) {
    const masked = visibilityFor(lookupCtx, resource, false);
    return (
      masked.key(row.key) !== row.key ||
      row.candidates.some((c) => masked.value(row.item, c.value) !== c.value)
    );
  }

  /**
   * Strips the internal `raw` mark and audits a raw view of conflicts once (paging through the list for one
   * reason is one entry): what was shown unmasked, and why.
   */
  async function shownTo(
    ctx: Ctx,
    conflicts: (Conflict & { raw: boolean })[],
    reason: string | null,
    view: unknown,
  ): Promise<Conflict[]> {
    const raw = conflicts.filter((c) => c.raw);
    const who = ctx.actor?.username ?? 'anonymous';
    if (reason !== null && raw.length && rawViews.first(who, JSON.stringify(view), reason))
      await audit.recordNow(ctx, {
        action: 'registry.read_personal',
        targetType: 'registry_conflict',
        targetId: 'list',
        detail: { reason, view, conflicts: raw.map((c) => c.id) },
      });
    return conflicts.map(({ raw: _, ...c }) => c);
  }

  async function findRow(id: number) {
    const row = await repo.findConflict(database.db, id);
    if (!row || !isRegistryName(row.registry)) throw new NotFoundError('conflict', id);
    return row;
  }

  return {
    /** Conflicts, newest first, filtered by registry and status. */
    async list(ctx: Ctx, q: ConflictQuery): Promise<ConflictPage> {
      const reason = rawReasonOf(q);
      const { items: found, total } = await repo.findConflicts(database.db, q);
      const resources = await resourcesOf(found);
      const items = found.map((row) => toConflict(ctx, row, resources.get(row.registry)!, reason !== null));
      const view = { registry: q.registry ?? null, status: q.status ?? null };
      return {
        items: await shownTo(ctx, items, reason, view),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /**
     * A steward settles a conflict with one of the candidates' values (and source, when several offered it).
     * The resolution holds while the sources keep offering the same values; the entity is merged again at once.
     */
    async resolve(ctx: Ctx, id: number, body: ResolveBody): Promise<Conflict> {
      const row = await findRow(id);
      if (row.status !== 'open')
        throw new ConflictError('conflict_not_open', `Conflict ${id} is ${row.status}`, {
          id,
          status: row.status,
        });
      if ((body.value === undefined) === (body.candidate === undefined))
        throw new InputError('invalid_input', 'Give either a value or a candidate', [
          { field: body.value === undefined ? 'value' : 'candidate', reason: 'value_or_candidate' },
        ]);
      const byPlace = body.candidate === undefined ? undefined : row.candidates[body.candidate];
      if (body.candidate !== undefined && !byPlace)
        throw new InputError('invalid_input', 'No such candidate', [
          { field: 'candidate', reason: 'not_a_candidate' },
        ]);
      const value = byPlace ? byPlace.value : body.value!;
      const chosen = row.candidates.filter((c) => c.value === value);
      if (!chosen.length)
        throw new InputError('invalid_input', 'The value is not one the sources offered', [
          { field: 'value', reason: 'not_a_candidate' },
        ]);
      if (body.source && !chosen.some((c) => c.source === body.source))
        throw new InputError('invalid_input', 'That source did not offer the value', [
          { field: 'source', reason: 'not_a_candidate' },
        ]);
      const registry = row.registry as RegistryName;
      await database.db.transaction(async (tx) => {
        const resolved = await repo.resolveConflict(tx, id, {
          value,
          source: body.source ?? null,
          by: ctx.actor?.username ?? 'anonymous',
        });
        // Someone resolved it, or a new delivery superseded it, since it was read.
        if (!resolved)
          throw new ConflictError('conflict_not_open', `Conflict ${id} is no longer open`, { id });
        await audit.record(tx, ctx, {
          action: 'registry.conflict_resolved',
          targetType: 'registry_conflict',
          targetId: id,
          detail: { registry, item: row.item, source: body.source ?? chosen[0]!.source },
        });
      });
      await service.remerge(registry, [row.key]);
      const resolved = await findRow(id);
      const resources = await resourcesOf([resolved]);
      return (await shownTo(ctx, [toConflict(ctx, resolved, resources.get(registry)!, false)], null, id))[0]!;
    },
  };
}

export type ConflictService = ReturnType<typeof createConflictService>;
