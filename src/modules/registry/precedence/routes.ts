import type { App } from '../../../core/http.ts';
import { registryParam } from '../entities/contract.ts';
import { registryPolicy } from '../policy.ts';
import { precedenceBody, precedenceItem, precedenceList, precedenceParam } from './contract.ts';
import type { PrecedenceService } from './service.ts';

/** Precedence API: each item's sources in order, and a steward's change of one item's order. */
export function precedenceRoutes(service: PrecedenceService) {
  return async (app: App) => {
    const tags = ['registry'];
    app.get(
      '/api/registry/:registry/precedence',
      {
        config: { access: registryPolicy.read },
        schema: {
          summary: '查看数据项的来源优先级',
          tags,
          params: registryParam,
          response: { 200: precedenceList },
        },
      },
      (req) => service.list(req.ctx, req.params.registry),
    );
    app.put(
      '/api/registry/:registry/precedence/:item',
      {
        config: { access: registryPolicy.curate },
        schema: {
          summary: '设置数据项的来源优先级',
          tags,
          params: precedenceParam,
          body: precedenceBody,
          response: { 200: precedenceItem },
        },
      },
      (req) => service.set(req.ctx, req.params.registry, req.params.item, req.body.sources),
    );
  };
}
