import type { App } from '../../../core/http.ts';
import { registryPolicy } from '../policy.ts';
import { qualityParam, qualityReport } from './contract.ts';
import type { QualityService } from './service.ts';

/** Registry quality API: the four dimensions of one registry. */
export function qualityRoutes(service: QualityService) {
  return async (app: App) => {
    app.get(
      '/api/registry/:registry/quality',
      {
        config: { access: registryPolicy.read },
        schema: {
          summary: '查看基础库的数据质量',
          tags: ['registry'],
          params: qualityParam,
          response: { 200: qualityReport },
        },
      },
      (req) => service.report(req.ctx, req.params.registry),
    );
  };
}
