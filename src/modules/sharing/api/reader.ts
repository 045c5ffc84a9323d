import { lookupCtx } from '../../../core/context.ts';
import { NotFoundError } from '../../../core/errors.ts';
import type { CatalogService, Resource } from '../../catalog/index.ts';
import type { IngestService } from '../../ingest/index.ts';
import type { RegistryService } from '../../registry/index.ts';
import { isRegistryName } from '../../registry/index.ts';
import type { FeedPosition } from './cursor.ts';
import { type Conditions, createRowBatch, type SourceRow } from './row-batch.ts';

export type { Conditions, SourceRow } from './row-batch.ts';

// Catalog entries change rarely; keeping one for a few seconds saves a lookup on every call without letting a
// changed item list (or personal flag) go unnoticed for long.
const RESOURCE_TTL_MS = 5_000;

/**
 * Where the sharing API reads a resource's rows: the base registries' merged entities for their four resources
 * (population, legal_person, license, component), the resource's loaded data table for every other one.
 */
export function createShareReader(deps: {
  catalog: CatalogService;
  registry: RegistryService;
  ingest: IngestService;
}) {
  const cache = new Map<string, { resource: Resource; until: number }>();
  const registryOf = (resource: Resource) =>
    resource.alias && isRegistryName(resource.alias) ? resource.alias : null;
  const rowBatch = createRowBatch((resource, keys, where) => {
    const registry = registryOf(resource);
    return registry
      ? deps.registry.share.rows(registry, keys, where)
      : deps.ingest.share.rows(resource, keys, where);
  });

  return {
    /** The catalog resource a URL names (alias or code); undefined when there is none. */
    async resource(name: string): Promise<Resource | undefined> {
      const hit = cache.get(name);
      if (hit && hit.until > Date.now()) return hit.resource;
      const resource = await deps.catalog.get(lookupCtx, name).catch((error: unknown) => {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      });
      if (resource) cache.set(name, { resource, until: Date.now() + RESOURCE_TTL_MS });
      else cache.delete(name);
      return resource;
    },

    /** The row with this key meeting the conditions, or undefined (missing and filtered out look alike). */
    row: rowBatch.row,

    /** One page of the rows meeting the conditions, in key order, with their count. */
    async page(resource: Resource, where: Conditions, paging: { page: number; pageSize: number }) {
      const registry = registryOf(resource);
      return registry
        ? deps.registry.share.page(registry, where, paging)
        : deps.ingest.share.page(resource, where, paging);
    },

    /** Rows meeting the conditions changed after `since` and before `before`, oldest change first. */
    async changes(
      resource: Resource,
      where: Conditions,
      since: FeedPosition | null,
      before: string,
      limit: number,
    ): Promise<SourceRow[]> {
      const registry = registryOf(resource);
      return registry
        ? deps.registry.share.changes(registry, where, since, before, limit)
        : deps.ingest.share.changes(resource, where, since, before, limit);
    },
  };
}

export type ShareReader = ReturnType<typeof createShareReader>;
