import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import { createRegistryService } from './service.ts';

export type { Entity, RegistryService } from './service.ts';

/** Base registries (基础库): entities merged from the batches of the resources that feed them. */
export function createRegistryModule(deps: {
  database: Database;
  catalog: CatalogService;
  ingest: IngestService;
  logger: Logger;
}) {
  const service = createRegistryService(deps);
  deps.ingest.onBatchDone(async (batch, resource) => {
    await service.merge(batch, resource);
  });
  return { service };
}
