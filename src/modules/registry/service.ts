import type { Database } from '../../core/db.ts';
import { NotFoundError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { CatalogService } from '../catalog/index.ts';
import * as entitiesRepo from './entities/repository.ts';
import { isRegistryName, type RegistryName } from './feeds.ts';
import type { RegistryPlaces } from './merge/places.ts';
import { createMergeService, type RecordMerge } from './merge/service.ts';
import { createRegistryShareReads } from './share/repository.ts';
import { countsBySubdistrict, entityCounts, entityCountsAt } from './statistics/service.ts';
import { iso } from './timestamps.ts';

/** A merged entity with where each value came from, what each source says, and its open conflicts. */
export type Entity = {
  registry: RegistryName;
  key: string;
  values: Record<string, string>;
  provenance: Record<string, { source: string; batchId: number; rule: string; observedAt: string | null }>;
  sources: { source: string; values: Record<string, string>; batchId: number; observedAt: string }[];
  conflicts: { id: number; item: string; candidates: unknown; createdAt: string }[];
  history: { values: Record<string, string>; validFrom: string; validTo: string | null }[];
};

/**
 * The base registries as the rest of OneCity uses them: merging delivered batches into entities (and again when
 * a rule changes), reading one entity, counts, and the sharing API's reads.
 */
export function createRegistryService(deps: {
  database: Database;
  catalog: CatalogService;
  logger: Logger;
  recordMerge?: RecordMerge;
  places?: RegistryPlaces;
}) {
  const { database } = deps;
  return {
    ...createMergeService(deps),

    /** Reads of merged entities for the sharing API (filters bound as parameters). */
    share: createRegistryShareReads(database),

    /** Entity counts per registry. */
    stats: () => entityCounts(database),

    /**
     * Entity counts per registry as they were at each of the instants `at`, from the entities' history (for the
     * operations center's briefings: a period's figures are the same when asked again later).
     */
    countsAt: (at: Date[]) => entityCountsAt(database, at),
    /** Entities of a registry per subdistrict name (the operations screen's map), largest first. */
    countsBySubdistrict: (registry: RegistryName) => countsBySubdistrict(database, registry),

    /** One entity with its provenance, sources, open conflicts and history; `asOf` gives the version then. */
    async get(registry: string, key: string, asOf?: Date): Promise<Entity> {
      if (!isRegistryName(registry)) throw new NotFoundError('registry', registry);
      const read = await entitiesRepo.readEntity(database.db, registry, key, asOf);
      if (!read) throw new NotFoundError(registry, key);
      const { values, provenance, sources, conflicts, history } = read;
      const delivered = new Map(sources.map((s) => [`${s.source}#${s.batch_id}`, iso(s.observed_at)]));
      return {
        registry,
        key,
        values,
        provenance: Object.fromEntries(
          Object.entries(provenance).map(([item, [source, batchId, rule]]) => [
            item,
            { source, batchId, rule, observedAt: delivered.get(`${source}#${batchId}`) ?? null },
          ]),
        ),
        sources: sources.map((s) => ({
          source: s.source,
          values: s.values,
          batchId: s.batch_id,
          observedAt: iso(s.observed_at),
        })),
        conflicts: conflicts.map((c) => ({
          id: c.id,
          item: c.item,
          candidates: c.candidates,
          createdAt: iso(c.created_at),
        })),
        history: history.map((h) => ({
          values: h.values,
          validFrom: iso(h.valid_from),
          validTo: h.valid_to ? iso(h.valid_to) : null,
        })),
      };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
