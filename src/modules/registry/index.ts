import type { Database } from '../../core/db.ts';
import type { App } from '../../core/http.ts';
import type { Logger } from '../../core/logger.ts';
import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import { licenseRoutes } from './license/routes.ts';
import { createLicenseService } from './license/service.ts';
import { objectionRoutes } from './objections/routes.ts';
import { createObjectionService } from './objections/service.ts';
import { qualityRoutes } from './quality/routes.ts';
import { createQualityService } from './quality/service.ts';
import { registryReadRoutes } from './routes.ts';
import { createRegistryService } from './service.ts';

export { ageOn } from './entities/derived.ts';
export { isRegistryName, type RegistryName } from './feeds.ts';
export { isLicenseTypeCode } from './license/id.ts';
export type { LicenseService } from './license/service.ts';
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
  const licenses = createLicenseService({ ...deps, registry: service });
  const quality = createQualityService(deps);
  const objections = createObjectionService({ ...deps, registry: service });
  const routes = async (app: App) => {
    await app.register(registryReadRoutes({ ...deps, registry: service }));
    await app.register(licenseRoutes(licenses));
    await app.register(qualityRoutes(quality));
    await app.register(objectionRoutes(objections));
  };
  return { service, licenses, quality, objections, routes };
}
