import type { App } from '../../core/http.ts';
import type { ShareDocsService } from './api/docs-service.ts';
import { shareApiRoutes, shareDocsRoutes } from './api/routes.ts';
import type { ShareApiService } from './api/service.ts';
import { type ApplicationServices, applicationRoutes } from './applications/routes.ts';
import type { CredentialService } from './grants/credential-service.ts';
import { grantRoutes } from './grants/routes.ts';
import type { GrantService } from './grants/service.ts';
import { notificationRoutes } from './notifications/routes.ts';
import type { NotificationService } from './notifications/service.ts';
import { usageRoutes } from './usage/routes.ts';
import type { UsageService } from './usage/service.ts';

/** The services the routes call, built by createSharingModule. */
export type SharingServices = ApplicationServices & {
  grants: GrantService;
  credentials: CredentialService;
  notifications: NotificationService;
  api: ShareApiService;
  usage: UsageService;
  docs: ShareDocsService;
};

/**
 * Every route of sharing: the console API (applications, grants and credentials, notifications), the sharing API
 * that consumers' systems call, and the console's usage statistics and API documentation.
 */
export function sharingRoutes(s: SharingServices) {
  return async (app: App) => {
    await app.register(applicationRoutes(s));
    await app.register(grantRoutes(s));
    await app.register(notificationRoutes(s.notifications));
    await app.register(shareApiRoutes(s.api));
    await app.register(usageRoutes(s.usage));
    await app.register(shareDocsRoutes(s.docs));
  };
}
