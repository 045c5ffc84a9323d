import { announceChange } from '../../../core/changes.ts';
import { lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { BatchMerge } from '../../ingest/contract.ts';
import { defaultPrecedence, feeds, nameItems, type RegistryName, registryNames } from '../feeds.ts';
import * as precedenceRepo from '../precedence/repository.ts';
import { type MergeProgress, mergeBatch, mergeKeys } from './merge.ts';
import { fillsSubdistrict, type RegistryPlaces } from './places.ts';
import * as repo from './repository.ts';

/** Entities merged again per transaction, as a batch's merge does in JavaScript. */
const REMERGE_SLICE = 2000;

/** Records on a batch what its merge did (the ingest module's record, shown with the batch). */
export type RecordMerge = (batchId: number, merge: BatchMerge) => Promise<void>;

/** Merging delivered batches into the registries' entities, and merging entities again when a rule changes. */
export function createMergeService(deps: {
  database: Database;
  catalog: CatalogService;
  recordMerge?: RecordMerge;
  /** Fills subdistricts from addresses (the org module's resolver). */
  places?: RegistryPlaces;
}) {
  const { database, catalog, places } = deps;

  /** Merges one committed batch of a resource, when the resource feeds a registry. */
  async function merge(batch: { id: number }, resource: Resource, onProgress?: MergeProgress) {
    const registry = resource.alias ? feeds[resource.alias] : undefined;
    if (!registry) return null;
    const { registryItems, precedence, places: mergePlaces } = await mergeSetup(registry);
    const sourceItems = resource.items.map((i) => i.code).filter((code) => registryItems.includes(code));
    const result = await database.rawTransaction(async (tx) => {
      const merged = await mergeBatch(
        tx,
        {
          registry,
          source: resource.alias!,
          table: `data.r_${resource.id}`,
          batchId: batch.id,
          sourceItems,
          registryItems,
          precedence,
          places: mergePlaces,
        },
        onProgress,
      );
      await announceChange(tx, 'registry');
      return merged;
    });
    if (places && mergePlaces) await places.learn(mergePlaces, resource.alias!);
    return result;
  }

  /** The registry's items in catalog order and its precedence: what every merge of its entities needs. */
  async function mergeSetup(registry: RegistryName) {
    const target = await catalog.get(lookupCtx, registry);
    return {
      registryItems: target.items.map((i) => i.code),
      precedence: await precedenceRepo.storedPrecedence(database.db, registry),
      places:
        places && fillsSubdistrict(target.items.map((i) => i.code)) ? await places.prepare() : undefined,
    };
  }

  /**
   * Merges these entities again from what their sources last delivered (after a resolution, a precedence
   * change, licenses issued).
   */
  async function remerge(registry: RegistryName, keys: string[]) {
    const result = { changed: 0, conflicts: 0 };
    if (keys.length === 0) return result;
    const setup = await mergeSetup(registry);
    for (let from = 0; from < keys.length; from += REMERGE_SLICE) {
      const slice = await database.rawTransaction(async (tx) => {
        await repo.lockRegistry(tx, registry);
        const merged = await mergeKeys(tx, { registry, ...setup }, keys.slice(from, from + REMERGE_SLICE));
        if (merged.changed) await announceChange(tx, 'registry');
        return merged;
      });
      result.changed += slice.changed;
      result.conflicts += slice.conflicts;
    }
    return result;
  }

  async function fillSubdistricts() {
    if (!places) return;
    for (const registry of registryNames) {
      const target = await catalog.get(lookupCtx, registry);
      if (!fillsSubdistrict(target.items.map((i) => i.code))) continue;
      const addresses = await repo.addressesWithoutSubdistrict(database.db, registry);
      if (addresses.length === 0) continue;
      const found = (await places.prepare()).subdistrictsOf(addresses);
      await database.rawTransaction(async (tx) => {
        await repo.lockRegistry(tx, registry);
        await repo.fillSubdistricts(tx, registry, found);
      });
    }
  }

  return {
    merge,
    remerge,

    /** Stores the default precedence of each registry that has none stored yet (a first start). */
    async seedPrecedence() {
      for (const registry of registryNames) {
        if (await precedenceRepo.hasPrecedence(database.db, registry)) continue;
        for (const [item, sources] of Object.entries(defaultPrecedence[registry]))
          await precedenceRepo.insertDefaultPrecedence(database.db, registry, item, sources);
      }
    },

    /** Merges done batches of feeding resources that were not merged yet (a merge cut short by a stop). */
    async catchUp() {
      for (const row of await repo.unmergedBatches(database.db)) {
        const resource = await catalog.get(lookupCtx, row.resource_code);
        const started = performance.now();
        const merged = await merge(row, resource);
        // The batch shows what this merge did (its listener's record, if any, said it failed or is gone).
        if (merged)
          await deps.recordMerge?.(row.id, {
            status: 'done',
            done: merged.keys,
            total: merged.keys,
            ...merged,
            seconds: (performance.now() - started) / 1000,
          });
      }
      // Entities merged before names were searchable get their search text.
      for (const registry of registryNames)
        await remerge(registry, await repo.unsearchableKeys(database.db, registry, nameItems[registry]));
      await fillSubdistricts();
    },

    /**
     * Fills the subdistrict of entities merged before subdistricts were read from addresses (every legal person
     * of the first demo databases): each distinct address resolved once, one update per registry.
     */
    async fillSubdistricts() {
      await fillSubdistricts();
    },
  };
}
