import type { App } from '../../../core/http.ts';
import { qualityParam, qualityReport } from '../objections/contract.ts';
import type { QualityService } from './service.ts';

const readers = ['admin', 'steward', 'leader', 'department_user'] as const;

/** Registry quality API: the four dimensions of one registry. */
export function qualityRoutes(service: QualityService) {
  return async (app: App) => {
    app.get(
      '/api/registry/:registry/quality',
      {
        config: { access: readers },
        schema: { tags: ['registry'], params: qualityParam, response: { 200: qualityReport } },
      },
      (req) => service.report(req.ctx, req.params.registry),
    );
  };
}
