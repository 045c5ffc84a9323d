import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { DomainError, InputError, NotFoundError } from '../../../core/errors.ts';
import { createRawViews, rawReasonOf } from '../../../core/raw-views.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import { nameItems, type RegistryName } from '../feeds.ts';
import { registryPolicy } from '../policy.ts';
import type { RegistryService } from '../service.ts';
import { sourcesInfo } from '../sources.ts';
import { type Candidates, maskCandidates, visibilityFor } from '../visibility.ts';
import type { EntityPage, EntityQuery, EntityView, EntityViewQuery } from './contract.ts';
import { deriveValues } from './derived.ts';
import { linksOf } from './links.ts';
import './messages.ts';
import { keyOfRef, refOf } from './refs.ts';
import * as repo from './repository.ts';

type Deps = { database: Database; catalog: CatalogService; audit: AuditService; registry: RegistryService };

/** Filters that only some registries have: asking another registry for them is a mistake worth saying. */
const filterRegistries: Record<'status' | 'class', RegistryName[]> = {
  status: ['legal_person', 'license', 'component'],
  class: ['component'],
};

/** One item of an entity as the person (or company) it is about sees it: named, unmasked, with its source. */
export type OwnEntityItem = {
  code: string;
  /** The item's name in the registry's catalog entry (姓名, 住址 …). */
  name: string;
  value: string;
  /** Where the value came from: the source resource's name, its provider department, when it was delivered. */
  source: { resource: string; department: string | null; observedAt: string | null } | null;
};

/** An entity as the person (or company) it is about sees it. */
export type OwnEntityView = {
  registry: RegistryName;
  key: string;
  name: string | null;
  items: OwnEntityItem[];
};

/** Reading the base registries for people: search, and one entity with all it is made of. */
export function createEntityReadService(deps: Deps) {
  const { database, catalog, audit, registry: service } = deps;
  const rawViews = createRawViews();

  /** The reason of a `raw=true` read, required then; null for a masked read. */

  /**
   * Records a read of unmasked personal data (who read which registry's entities, why, and how they found them),
   * once per view: paging through one search for one reason is one entry.
   */
  async function auditRaw(
    ctx: Ctx,
    registry: RegistryName,
    targetId: string,
    reason: string,
    view: unknown,
    detail: Record<string, unknown>,
  ) {
    const who = ctx.actor?.username ?? 'anonymous';
    if (!rawViews.first(who, JSON.stringify([registry, targetId, view]), reason)) return;
    await audit.recordNow(ctx, {
      action: 'registry.read_personal',
      targetType: registry,
      targetId,
      detail: { reason, ...detail },
    });
  }

  /**
   * Checks a search and says what to look for. With `wholeKey` a key term matches whole keys only: for those who
   * see a personal key masked, a prefix search would spell out ID numbers a digit at a time.
   */
  function searchOf(registry: RegistryName, q: EntityQuery, wholeKey: boolean): repo.EntitySearch {
    for (const field of ['status', 'class'] as const)
      if (q[field] && !filterRegistries[field].includes(registry))
        throw new InputError('invalid_input', `No ${field} filter for ${registry}`, [
          { field, reason: 'not_applicable', params: { registry } },
        ]);
    return {
      // Full-width digits and letters typed with a Chinese keyboard are the same code.
      term: q.q?.normalize('NFKC').trim(),
      wholeKey,
      address: q.address,
      subdistrict: q.subdistrict,
      status: q.status,
      class: q.class,
    };
  }

  return {
    /**
     * One entity as the person (or company) it is about sees it: each item that holds a value, in the catalog's
     * order, with its name, its value unmasked and where it came from; null when the registry has no such entity.
     * For the citizen app, which has checked that the entity is the caller's own and audits the read.
     */
    async own(registry: RegistryName, key: string): Promise<OwnEntityView | null> {
      const entity = await service.get(registry, key).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      });
      if (!entity) return null;
      const resource = await catalog.get(lookupCtx, registry);
      const info = await sourcesInfo(
        catalog,
        Object.values(entity.provenance).map((p) => p.source),
      );
      const items = resource.items.flatMap((item): OwnEntityItem[] => {
        const value = entity.values[item.code];
        if (value === undefined || value === '') return [];
        const p = entity.provenance[item.code];
        const source = p && {
          resource: info.get(p.source)?.name ?? p.source,
          department: info.get(p.source)?.department ?? null,
          observedAt: p.observedAt,
        };
        return [{ code: item.code, name: item.name, value, source: source ?? null }];
      });
      return { registry, key, name: entity.values[nameItems[registry]] ?? null, items };
    },

    /**
     * One page of a registry's entities matching the query, sorted by name then key; personal items masked
     * unless the caller may see them and asked to (such a read is audited).
     */
    async search(ctx: Ctx, registry: RegistryName, q: EntityQuery): Promise<EntityPage> {
      const page = Number(q.page ?? 1);
      const pageSize = Number(q.pageSize ?? 20);
      const resource = await catalog.get(lookupCtx, registry);
      const reason = rawReasonOf(q);
      const shown = visibilityFor(ctx, resource, reason !== null);
      const keyItem = resource.items.find((i) => i.code === resource.keyItems[0]);
      const seesRaw = registryPolicy.maySeeRaw(ctx.actor, resource);
      const wholeKey = !!keyItem?.personal && !seesRaw;
      // An address is masked from the house number on, and a substring search reaches the hidden part
      // (?address=雷锋大道1号 confirms a guess): those who see addresses masked filter by subdistrict instead.
      const addressItem = resource.items.find((i) => i.code === 'address');
      if (q.address && addressItem?.personal && !seesRaw)
        throw new DomainError(403, 'masked_filter', 'Filter on a masked item', { items: 'address' }, [
          { field: 'address', reason: 'masked_item' },
        ]);
      const nameItem = nameItems[registry];
      const { items: found, total } = await repo.searchEntities(
        database.db,
        registry,
        nameItem,
        searchOf(registry, q, wholeKey),
        { page, pageSize },
      );
      const items = found.map((e) => ({
        ref: refOf(registry, e),
        key: shown.key(e.key),
        name: e.values[nameItem] === undefined ? null : shown.value(nameItem, e.values[nameItem]),
        values: shown.values(e.values),
      }));
      if (reason !== null && shown.raw && shown.personal.length && items.length) {
        const { page: _p, pageSize: _s, raw: _r, reason: _why, ...filters } = q;
        await auditRaw(ctx, registry, 'search', reason, filters, { total, filters });
      }
      return { items, total, page, pageSize, masked: !shown.raw };
    },

    /**
     * One entity as the console shows it: merged values (the version of `asOf` if given), derived values,
     * provenance with source and department names, each source's values, open conflicts, history and links to
     * related entities. Personal values are masked as in `search`; a raw read is audited.
     */
    async entity(ctx: Ctx, registry: RegistryName, ref: string, q: EntityViewQuery): Promise<EntityView> {
      const key = await keyOfRef(database.db, registry, ref);
      if (key === undefined) throw new NotFoundError(registry, ref);
      const resource = await catalog.get(lookupCtx, registry);
      const reason = rawReasonOf(q);
      const shown = visibilityFor(ctx, resource, reason !== null);
      // The service names the entity by its key when it has no version then: say the ref, not an ID number.
      const entity = await service
        .get(registry, key, q.asOf ? asOfMoment(q.asOf) : undefined)
        .catch((error: unknown) => {
          throw error instanceof NotFoundError ? new NotFoundError(registry, ref) : error;
        });
      const sourceInfo = await sourcesInfo(
        catalog,
        entity.sources.map((s) => s.source),
      );
      const links = await linksOf(database.db, shown, registry, key, entity.values);
      if (reason !== null && shown.raw && shown.personal.length)
        await auditRaw(ctx, registry, key, reason, q.asOf ?? null, {
          asOf: q.asOf ?? null,
          items: shown.personal,
        });
      const derived = deriveValues(registry, key, entity.values);
      return {
        registry,
        key: shown.key(key),
        ref,
        masked: !shown.raw,
        items: resource.items.map((i) => ({ code: i.code, name: i.name, personal: i.personal })),
        values: shown.values(entity.values),
        // An exact age tells the birth date within a year, which the masked view hides: hidden with it.
        derived:
          shown.raw || !('age' in derived) || shown.key(key) === key ? derived : { ...derived, age: null },
        provenance: Object.fromEntries(
          Object.entries(entity.provenance).map(([item, p]) => [
            item,
            {
              ...p,
              sourceName: sourceInfo.get(p.source)?.name ?? null,
              department: sourceInfo.get(p.source)?.department ?? null,
            },
          ]),
        ),
        sources: entity.sources.map((s) => ({
          ...s,
          sourceName: sourceInfo.get(s.source)?.name ?? null,
          values: shown.values(s.values),
        })),
        conflicts: entity.conflicts.map((c) => ({
          ...c,
          candidates: maskCandidates(shown, c.item, c.candidates as Candidates),
        })),
        history: entity.history.map((h) => ({ ...h, values: shown.values(h.values) })),
        links,
      };
    },
  };
}

/** The moment an `asOf` names: a date means the end of that day in Asia/Shanghai (its last version). */
function asOfMoment(asOf: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? new Date(`${asOf}T23:59:59.999+08:00`) : new Date(asOf);
}

export type EntityReadService = ReturnType<typeof createEntityReadService>;
