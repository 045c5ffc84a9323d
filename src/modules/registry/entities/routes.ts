import type { App } from '../../../core/http.ts';
import { registryPolicy } from '../policy.ts';
import {
  entityPage,
  entityParam,
  entityQuery,
  entityView,
  entityViewQuery,
  registryParam,
} from './contract.ts';
import type { EntityReadService } from './service.ts';

/** Registry read API: searching a registry, and one entity's page. */
export function entityRoutes(service: EntityReadService) {
  return async (app: App) => {
    const tags = ['registry'];
    const access = registryPolicy.read;
    app.get(
      '/api/registry/:registry/entities',
      {
        config: { access },
        schema: {
          summary: '检索基础库',
          tags,
          params: registryParam,
          querystring: entityQuery,
          response: { 200: entityPage },
        },
      },
      (req) => service.search(req.ctx, req.params.registry, req.query),
    );
    app.get(
      '/api/registry/:registry/entities/:ref',
      {
        config: { access },
        schema: {
          summary: '查看基础库实体',
          tags,
          params: entityParam,
          querystring: entityViewQuery,
          response: { 200: entityView },
        },
      },
      (req) => service.entity(req.ctx, req.params.registry, req.params.ref, req.query),
    );
  };
}
