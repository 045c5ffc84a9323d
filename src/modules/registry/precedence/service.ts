import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import { InputError } from '../../../core/errors.ts';
import type { AuditService } from '../../audit/index.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { PrecedenceItem, PrecedenceList } from './contract.ts';
import './messages.ts';
import type { RegistryName } from '../feeds.ts';
import type { RegistryService } from '../service.ts';
import { feedingAliases, sourcesInfo } from '../sources.ts';
import * as repo from './repository.ts';

type Deps = { database: Database; catalog: CatalogService; audit: AuditService; registry: RegistryService };

/** Which source wins on each registry item, as stewards set it; changing it merges the affected entities again. */
export function createPrecedenceService(deps: Deps) {
  const { database, catalog, audit, registry: service } = deps;

  /** The registry's items that can disagree between sources (not its key items). */
  async function itemsOf(registry: RegistryName) {
    const resource = await catalog.get(lookupCtx, registry);
    return resource.items.filter((i) => !resource.keyItems.includes(i.code));
  }

  return {
    /** Each non-key item with its sources in order (empty: the newest value wins), and the feeding sources. */
    async list(_ctx: Ctx, registry: RegistryName): Promise<PrecedenceList> {
      const [items, stored] = await Promise.all([
        itemsOf(registry),
        repo.storedPrecedence(database.db, registry),
      ]);
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
        const stored = await repo.storedPrecedence(tx, registry);
        await repo.setPrecedence(tx, registry, item, sources, ctx.actor?.username ?? 'anonymous');
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
    await service.remerge(registry, await repo.keysDependingOnPrecedence(database.db, registry, item));
  }
}

export type PrecedenceService = ReturnType<typeof createPrecedenceService>;
