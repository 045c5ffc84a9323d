import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import { sharingPolicy } from '../policy.ts';
import {
  openApiParam,
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
import type { ShareDocsService } from './docs-service.ts';
import { RetryLaterError } from './limits.ts';
import type { ShareApiService, ShareRequest } from './service.ts';

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
 * session).
 */
export function shareApiRoutes(api: ShareApiService) {
  return async (app: App) => {
    const tags = ['share'];
    const security = [{ shareKey: [] }];
    // The static `changes` segment ranks above `:key`, so no row key can shadow the change feed.
    app.get(
      '/api/share/v1/:resource/changes',
      {
        config: { access: 'credential' },
        schema: {
          summary: '共享接口：增量变更',
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
          summary: '共享接口：按主键查询',
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
          summary: '共享接口：条件查询',
          tags,
          security,
          params: shareResourceParam,
          querystring: shareListQuery,
          response: { 200: shareRowPage },
        },
      },
      (req, reply) => answer(reply, () => api.list(shareRequest(req))),
    );
  };
}

/** The console's documentation of the sharing API: each resource's OpenAPI document (any signed-in user). */
export function shareDocsRoutes(docs: ShareDocsService) {
  return async (app: App) => {
    app.get(
      '/api/sharing/resources/:resource/openapi.json',
      {
        config: { access: sharingPolicy.readDocs },
        schema: {
          summary: '共享接口的 OpenAPI 文档',
          tags: ['sharing'],
          params: openApiParam,
          response: { 200: z.record(z.string(), z.unknown()) },
        },
      },
      (req) => docs.openApi(req.ctx, req.params.resource, `${req.protocol}://${req.host}`, req.lang),
    );
  };
}
