import type { Db } from '../../core/db.ts';
import type { App } from '../../core/http.ts';
import type { AuditService } from '../audit/index.ts';
import type { OrgService } from '../org/index.ts';
import { createImportService } from './exchange/import-resources.ts';
import { exchangeRoutes } from './exchange/routes.ts';
import { createExchangeService } from './exchange/service.ts';
import { catalogRoutes } from './routes.ts';
import { createCatalogService } from './service.ts';

export type { DataItem, Resource, ResourceInput, ResourceView } from './contract.ts';
export { demoResources } from './demo-resources.ts';
/** The DCAT-AP JSON-LD writer and its update-cycle codes, for modules that publish part of the catalog (open data). */
export { frequencyCodes, writeDcatCatalog } from './exchange/dcat-write.ts';
/** Whether an item is personal (flagged, or by its type or label), for modules that publish data. */
export { isPersonalItem } from './rules.ts';
export type { CatalogService } from './service.ts';

/** The resource catalog (政务信息资源目录). */
export function createCatalogModule(deps: { db: Db; audit: AuditService; org: OrgService }) {
  const service = createCatalogService(deps);
  const exchange = createExchangeService({
    catalog: service,
    imports: createImportService(deps),
    org: deps.org,
  });
  const routes = async (app: App) => {
    await app.register(catalogRoutes(service));
    // Its own plugin scope, so the raw-body parsers for workbooks apply to the import routes only.
    await app.register(exchangeRoutes(exchange));
  };
  return { service, exchange, routes };
}
