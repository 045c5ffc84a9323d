import { type Ctx, lookupCtx } from '../../../core/context.ts';
import type { Database } from '../../../core/db.ts';
import type { Lang } from '../../../core/messages.ts';
import type { CatalogService } from '../../catalog/index.ts';
import { findLiveGrantItems } from '../grants/repository.ts';
import { buildShareOpenApi } from './openapi.ts';

/** The documentation of the sharing API for the console: each resource's OpenAPI document. */
export function createShareDocsService(deps: { database: Database; catalog: CatalogService }) {
  return {
    /**
     * The OpenAPI document of a resource's sharing endpoints (alias or code), as the caller's department's live
     * grants shape it (which items it holds, which are served raw); `serverUrl` is where the API is called.
     */
    async openApi(ctx: Ctx, resourceName: string, serverUrl: string, lang: Lang) {
      const resource = await deps.catalog.get(lookupCtx, resourceName);
      const departmentId = ctx.actor?.departmentId;
      const grant = departmentId
        ? await findLiveGrantItems(deps.database.db, resource.id, departmentId)
        : null;
      return buildShareOpenApi(resource, grant, serverUrl, lang);
    },
  };
}

export type ShareDocsService = ReturnType<typeof createShareDocsService>;
