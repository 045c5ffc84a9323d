import type { App } from '../../core/http.ts';
import { conflictRoutes } from './conflicts/routes.ts';
import type { ConflictService } from './conflicts/service.ts';
import { entityRoutes } from './entities/routes.ts';
import type { EntityReadService } from './entities/service.ts';
import { licenseRoutes } from './license/routes.ts';
import type { LicenseService } from './license/service.ts';
import { objectionRoutes } from './objections/routes.ts';
import type { ObjectionService } from './objections/service.ts';
import { precedenceRoutes } from './precedence/routes.ts';
import type { PrecedenceService } from './precedence/service.ts';
import { qualityRoutes } from './quality/routes.ts';
import type { QualityService } from './quality/service.ts';
import { statisticsRoutes } from './statistics/routes.ts';
import type { StatisticsService } from './statistics/service.ts';

/** The registry API: each area's routes, on the services the module built. */
export function registryRoutes(services: {
  statistics: StatisticsService;
  entities: EntityReadService;
  conflicts: ConflictService;
  precedence: PrecedenceService;
  licenses: LicenseService;
  quality: QualityService;
  objections: ObjectionService;
}) {
  return async (app: App) => {
    await app.register(statisticsRoutes(services.statistics));
    await app.register(entityRoutes(services.entities));
    await app.register(conflictRoutes(services.conflicts));
    await app.register(precedenceRoutes(services.precedence));
    await app.register(licenseRoutes(services.licenses));
    await app.register(qualityRoutes(services.quality));
    await app.register(objectionRoutes(services.objections));
  };
}
