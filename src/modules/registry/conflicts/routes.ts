import type { App } from '../../../core/http.ts';
import { registryPolicy } from '../policy.ts';
import { conflict, conflictIdParam, conflictPage, conflictQuery, resolveBody } from './contract.ts';
import type { ConflictService } from './service.ts';

/** Conflict API: the list, and a steward's resolution. */
export function conflictRoutes(service: ConflictService) {
  return async (app: App) => {
    const tags = ['registry'];
    app.get(
      '/api/registry/conflicts',
      {
        config: { access: registryPolicy.read },
        schema: {
          summary: '查询数据冲突',
          tags,
          querystring: conflictQuery,
          response: { 200: conflictPage },
        },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.post(
      '/api/registry/conflicts/:id/resolve',
      {
        config: { access: registryPolicy.curate },
        schema: {
          summary: '处理数据冲突',
          tags,
          params: conflictIdParam,
          body: resolveBody,
          response: { 200: conflict },
        },
      },
      (req) => service.resolve(req.ctx, req.params.id, req.body),
    );
  };
}
