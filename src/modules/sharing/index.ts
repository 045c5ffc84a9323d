import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { UsersService } from '../accounts/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { IngestService } from '../ingest/index.ts';
import type { OrgService } from '../org/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { createCredentialCache } from './api/credential-cache.ts';
import { createShareDocsService } from './api/docs-service.ts';
import { createShareRepository } from './api/repository.ts';
import { createShareApiService } from './api/service.ts';
import { createApplyService } from './applications/apply.ts';
import { createDecideService } from './applications/decide.ts';
import { createApplicationReadService } from './applications/read.ts';
import { nameSharingTargets } from './audit-names.ts';
import { createCredentialService } from './grants/credential-service.ts';
import { createGrantService } from './grants/service.ts';
import './messages.ts';
import { createNotificationService } from './notifications/service.ts';
import { type SharingServices, sharingRoutes } from './routes.ts';
import { createCallImport } from './usage/import.ts';
import { createUsageService } from './usage/service.ts';

export { RetryLaterError } from './api/limits.ts';
export type { CallerRequest, ShareCaller } from './api/service.ts';
export { addYears } from './applications/rules.ts';
export type { CallImport, CallsImported, PastCall } from './usage/import.ts';
export type { SharingPeriodCalls } from './usage/service.ts';

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
  const notifications = createNotificationService({
    db: deps.database.db,
    users: deps.users,
    audit: deps.audit,
  });
  const repo = createShareRepository(deps.database);
  const credentialCache = createCredentialCache({ ...deps, load: repo.findCredential });
  const withNotices = { ...deps, notifications };
  // Changes to credentials and grants drop this process's cached copies at once (others hear of them by NOTIFY).
  const credentialsChanged = credentialCache.invalidate;
  const services: SharingServices = {
    apply: createApplyService(withNotices),
    decide: createDecideService(withNotices),
    applications: createApplicationReadService(deps),
    grants: createGrantService({ ...withNotices, credentialsChanged }),
    credentials: createCredentialService({ ...deps, credentialsChanged }),
    notifications,
    api: createShareApiService({ ...deps, credentials: credentialCache }),
    usage: createUsageService(deps),
    docs: createShareDocsService(deps),
  };
  nameSharingTargets(deps);
  return {
    ...services,
    /** Past calls of a grant imported into the call log by in-process callers (the demo district's month). */
    history: createCallImport(deps),
    routes: sharingRoutes(services),
  };
}
