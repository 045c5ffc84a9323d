import type { App } from '../../../core/http.ts';
import { eventsPolicy } from '../policy.ts';
import { warningList, warningQuery } from './contract.ts';
import type { WarningService } from './service.ts';

/** The early warnings of clustered cases, for the center's desk and leaders. */
export function warningRoutes(s: WarningService) {
  return async (app: App) => {
    app.get(
      '/api/events/warnings',
      {
        config: { access: eventsPolicy.warnings },
        schema: {
          summary: '聚集预警（同类工单时空聚集）',
          tags: ['events'],
          querystring: warningQuery,
          response: { 200: warningList },
        },
      },
      (req) => s.list(req.ctx, req.query),
    );
  };
}
