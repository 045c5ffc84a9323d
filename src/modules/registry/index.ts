import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { App } from '../../server/http.ts';
import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import { createRegistryService } from './service.ts';

export type { Entity, RegistryService } from './service.ts';

/** Base registries (基础库): entities merged from the batches of the resources that feed them. */
export function createRegistryModule(deps: {
  database: Database;
  catalog: CatalogService;
  ingest: IngestService;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  logger: Logger;
}) {
  const service = createRegistryService(deps);
  deps.ingest.onBatchDone(async (batch, resource) => {
    await service.merge(batch, resource);
  });
  const routes = async (_app: App) => {
    // Each part of the registry API registers here (reads, conflicts, licenses, objections, quality).
  };
  return { service, routes };
}
