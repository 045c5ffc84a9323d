import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { App } from '../../server/http.ts';
import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import type { RegistryService } from '../registry/index.ts';

/**
 * Sharing and exchange (共享交换): applications and approvals, grants and their API credentials, the sharing
 * API that serves granted data masked and audited, and usage statistics.
 */
export function createSharingModule(deps: {
  database: Database;
  catalog: CatalogService;
  ingest: IngestService;
  registry: RegistryService;
  audit: AuditService;
  org: OrgService;
  users: UsersService;
  logger: Logger;
}) {
  void deps;
  const routes = async (app: App) => {
    void app;
  };
  return { routes };
}
