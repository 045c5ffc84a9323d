import { type SQL, sql } from 'drizzle-orm';
import { type Ctx, lookupCtx } from '../../../core/context.ts';
import { type Database, type Db, queryRows } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { PrecedenceItem, PrecedenceList } from '../contract.ts';
import { feeds, type RegistryName } from '../feeds.ts';
import { sourcesInfo } from '../entities/service.ts';
import type { RegistryService } from '../service.ts';

type Deps = { database: Database; catalog: CatalogService; audit: AuditService; registry: RegistryService };

/** The resources that feed a registry (feeds.ts), in their listed order. */
const feedingAliases = (registry: RegistryName) =>
  Object.entries(feeds)
    .filter(([, target]) => target === registry)
    .map(([alias]) => alias);

/** Stored precedence of a registry by item (seeded with the defaults at start). */
async function storedPrecedence(db: Db, registry: RegistryName): Promise<Record<string, string[]>> {
  const rows = await queryRows<{ item: string; sources: string[] }>(
    db,
    sql`select item, sources from registry.precedence where registry = ${registry}`,
  );
  return Object.fromEntries(rows.map((r) => [r.item, r.sources]));
}

/** Which source wins on each registry item, as stewards set it; changing it merges the affected entities again. */
export function createPrecedenceService(deps: Deps) {
  const { database, catalog, audit, registry: service } = deps;
  const rows = <T>(query: SQL) => queryRows<T>(database.db, query);

  /** The registry's items that can disagree between sources (not its key items). */
  async function itemsOf(registry: RegistryName) {
    const resource = await catalog.get(lookupCtx, registry);
    return resource.items.filter((i) => !resource.keyItems.includes(i.code));
  }

  return {
    /** Each non-key item with its sources in order (empty: the newest value wins), and the feeding sources. */
    async list(_ctx: Ctx, registry: RegistryName): Promise<PrecedenceList> {
      const [items, stored] = await Promise.all([itemsOf(registry), storedPrecedence(database.db, registry)]);
      const aliases = feedingAliases(registry);
      const info = await sourcesInfo(catalog, aliases);
      return {
        items: items.map((i) => ({ item: i.code, name: i.name, sources: stored[i.code] ?? [] })),
        sources: aliases.map((alias) => ({
          alias,
          name: info.get(alias)?.name ?? alias,
          department: info.get(alias)?.department ?? null,
        })),
      };
    },

    /**
     * Sets an item's source order. Sources must feed the registry, each once. Entities whose value of the item
     * came from a disagreement (chosen by precedence, a resolution or the newest value, which leaves an open
     * conflict) are merged again so that the new order applies to them at once; audited.
     */
    async set(ctx: Ctx, registry: RegistryName, item: string, sources: string[]): Promise<PrecedenceItem> {
      const found = (await itemsOf(registry)).find((i) => i.code === item);
      if (!found)
        throw new InputError('invalid_input', `${item} is not an item of ${registry}`, [
          { field: 'item', reason: 'unknown_registry_item', params: { code: item } },
        ]);
      const aliases = feedingAliases(registry);
      sources.forEach((source, index) => {
        if (!aliases.includes(source))
          throw new InputError('invalid_input', `${source} does not feed ${registry}`, [
            { field: `sources.${index}`, reason: 'not_a_source', params: { source, registry } },
          ]);
        if (sources.indexOf(source) !== index)
          throw new InputError('invalid_input', `${source} is listed twice`, [
            { field: `sources.${index}`, reason: 'duplicate_source', params: { source } },
          ]);
      });
      const before = await database.db.transaction(async (tx) => {
        const stored = await storedPrecedence(tx, registry);
        await tx.execute(sql`insert into registry.precedence (registry, item, sources, updated_by)
          values (${registry}, ${item}, ${sql.param(sources)}::text[], ${ctx.actor?.username ?? 'anonymous'})
          on conflict (registry, item) do update
            set sources = excluded.sources, updated_by = excluded.updated_by, updated_at = now()`);
        await audit.record(tx, ctx, {
          action: 'registry.precedence_changed',
          targetType: 'registry_precedence',
          targetId: `${registry}.${item}`,
          detail: { before: stored[item] ?? [], after: sources },
        });
        return stored[item] ?? [];
      });
      if (before.join() !== sources.join()) await remergeItem(registry, item);
      return { item, name: found.name, sources };
    },
  };

  /** Merges again the entities whose value of the item depended on which source wins. */
  async function remergeItem(registry: RegistryName, item: string) {
    const keys = await rows<{ key: string }>(sql`
      select key from registry.entities
      where registry = ${registry} and provenance -> ${item}::text ->> 2 in ('precedence', 'resolution', 'newest')
      union
      select key from registry.conflicts where registry = ${registry} and item = ${item} and status = 'open'`);
    await service.remerge(
      registry,
      keys.map((k) => k.key),
    );
  }
}

export type PrecedenceService = ReturnType<typeof createPrecedenceService>;
