import type { FastifyReply } from 'fastify';
import type { Database } from '../../../core/db.ts';
import type { App } from '../../../core/http.ts';
import type { Logger } from '../../../core/logger.ts';
import type { CatalogService } from '../../catalog/index.ts';
import type { IngestService } from '../../ingest/index.ts';
import type { OrgService } from '../../org/index.ts';
import type { RegistryService } from '../../registry/index.ts';
import { shareConsoleRoutes } from '../usage/routes.ts';
import {
  type ShareQuery,
  shareChanges,
  shareChangesQuery,
  shareListQuery,
  shareResourceParam,
  shareRow,
  shareRowPage,
  shareRowParam,
  shareRowQuery,
} from './contract.ts';
import type { CredentialCache } from './credential-cache.ts';
import { RetryLaterError } from './limits.ts';
import { createShareApiService, type ShareRequest } from './service.ts';

/** What the service needs from a request: the credential header, the address, the resource and the query. */
function shareRequest(req: {
  headers: { authorization?: string };
  ip?: string;
  params: { resource: string };
  query: unknown;
}): ShareRequest {
  return {
    authorization: req.headers.authorization,
    ip: req.ip ?? null,
    resource: req.params.resource,
    query: req.query as ShareQuery,
  };
}

/** Adds Retry-After to a 429 before the error handler writes the problem document. */
async function answer<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RetryLaterError) reply.header('retry-after', String(error.retryAfter));
    throw error;
  }
}

/**
 * The sharing API (/api/share/v1, access 'credential': each call authenticates with its API credential, not a
 * session) and the console's usage statistics and per-resource API documentation.
 */
export function shareApiRoutes(deps: {
  database: Database;
  catalog: CatalogService;
  ingest: IngestService;
  registry: RegistryService;
  org: OrgService;
  logger: Logger;
  credentials: CredentialCache;
}) {
  const api = createShareApiService(deps);
  return async (app: App) => {
    const tags = ['share'];
    const security = [{ shareKey: [] }];
    // The static `changes` segment ranks above `:key`, so no row key can shadow the change feed.
    app.get(
      '/api/share/v1/:resource/changes',
      {
        config: { access: 'credential' },
        schema: {
          tags,
          security,
          params: shareResourceParam,
          querystring: shareChangesQuery,
          response: { 200: shareChanges },
        },
      },
      (req, reply) => answer(reply, () => api.changes(shareRequest(req))),
    );
    app.get(
      '/api/share/v1/:resource/:key',
      {
        config: { access: 'credential' },
        schema: {
          tags,
          security,
          params: shareRowParam,
          querystring: shareRowQuery,
          response: { 200: shareRow },
        },
      },
      (req, reply) => answer(reply, () => api.get(shareRequest(req), req.params.key)),
    );
    app.get(
      '/api/share/v1/:resource',
      {
        config: { access: 'credential' },
        schema: {
          tags,
          security,
          params: shareResourceParam,
          querystring: shareListQuery,
          response: { 200: shareRowPage },
        },
      },
      (req, reply) => answer(reply, () => api.list(shareRequest(req))),
    );
    await app.register(shareConsoleRoutes(deps));
  };
}
