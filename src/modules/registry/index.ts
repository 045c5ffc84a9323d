import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import { createConflictService } from './conflicts/service.ts';
import { createEntityReadService } from './entities/service.ts';
import { createLicenseService } from './license/service.ts';
import { registryPlacesOf } from './merge/places.ts';
import { createObjectionService } from './objections/service.ts';
import { createPrecedenceService } from './precedence/service.ts';
import { createQualityService } from './quality/service.ts';
import { registryRoutes } from './routes.ts';
import { createRegistryService } from './service.ts';
import { sourcesInfo } from './sources.ts';
import { createStatisticsService } from './statistics/service.ts';

export { ageOn } from './entities/derived.ts';
export { isRegistryName, type RegistryName } from './feeds.ts';

import { feedsRegistry } from './feeds.ts';

export type { OwnEntityItem, OwnEntityView } from './entities/service.ts';
export { isLicenseTypeCode } from './license/id.ts';
export { licenseTypeOf } from './license/license-types.ts';
export type { LicenseService } from './license/service.ts';
export type { ObjectionService } from './objections/service.ts';
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
  const service = createRegistryService({
    ...deps,
    recordMerge: deps.ingest.recordMerge,
    places: registryPlacesOf(deps.org),
  });
  deps.ingest.onBatchDone(
    (batch, resource, onProgress) => service.merge(batch, resource, onProgress),
    (resource) => feedsRegistry(resource.alias),
  );
  const withRegistry = { ...deps, registry: service };
  const licenses = createLicenseService(withRegistry);
  const quality = createQualityService(deps);
  const objections = createObjectionService(withRegistry);
  // Returned too, so the operations center's dashboard counts the open conflicts as the list shows them.
  const conflicts = createConflictService(withRegistry);
  // Returned too: the citizen app shows a resident their own entry through it.
  const entities = createEntityReadService(withRegistry);
  const routes = registryRoutes({
    statistics: createStatisticsService(deps),
    entities,
    conflicts,
    precedence: createPrecedenceService(withRegistry),
    licenses,
    quality,
    objections,
  });
  return {
    service,
    licenses,
    quality,
    objections,
    conflicts,
    entities,
    routes,
    /** Name and provider department of each source resource (an entity's provenance), by alias, for people to read. */
    sourcesInfo: (aliases: string[]) => sourcesInfo(deps.catalog, aliases),
  };
}
