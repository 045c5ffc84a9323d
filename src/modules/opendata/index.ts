import type { Database } from '../../core/db.ts';
import type { App } from '../../server/http.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';

/** Open data (数据开放): the public pages' API, downloads, the DCAT-AP catalog and the CKAN Action API subset. */
export function createOpenDataModule(deps: {
  database: Database;
  catalog: CatalogService;
  ingest: IngestService;
  audit: AuditService;
}) {
  void deps;
  const routes = async (app: App) => {
    void app;
  };
  return { routes };
}
