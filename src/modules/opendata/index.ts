import type { App } from '../../core/http.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import { ckanRoutes } from './ckan/routes.ts';
import { createCkanService } from './ckan/service.ts';
import type { OpenLicenseId } from './licenses.ts';
import { openDataRoutes } from './routes.ts';
import { createOpenDataService } from './service.ts';

export type { OpenDataService } from './service.ts';

/** Open data (数据开放): the public pages' API, downloads, the DCAT-AP catalog and the CKAN Action API subset. */
export function createOpenDataModule(deps: {
  catalog: CatalogService;
  ingest: IngestService;
  audit: AuditService;
  /** For the providers' codes and contact numbers in the DCAT-AP catalog and CKAN's organizations. */
  org: OrgService;
  /** The license of every published dataset (setting ONECITY_OPEN_DATA_LICENSE); CC-BY-4.0 if not given. */
  license?: OpenLicenseId;
  /** The clock of the per-minute tallies of anonymous downloads; tests move it. */
  now?: () => Date;
}) {
  const service = createOpenDataService(deps);
  const ckan = createCkanService(service);
  const routes = async (app: App) => {
    await app.register(openDataRoutes(service));
    await app.register(ckanRoutes(ckan));
  };
  return { service, routes };
}
