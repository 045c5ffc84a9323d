import type { App } from '../../../core/http.ts';
import { eventsPolicy } from '../policy.ts';
import { caseMap, statistics, statsQuery } from './contract.ts';
import type { StatsService } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Statistics of cases: figures, the map, the XLSX export. */
export function statsRoutes(s: StatsService) {
  return async (app: App) => {
    const tags = ['events'];
    app.get(
      '/api/events/statistics',
      {
        config: { access: eventsPolicy.statistics },
        schema: { summary: '工单统计分析', tags, querystring: statsQuery, response: { 200: statistics } },
      },
      (req) => s.statistics(req.ctx, req.query),
    );
    app.get(
      '/api/events/statistics/map',
      {
        config: { access: eventsPolicy.statistics },
        schema: {
          summary: '工单分布（点位与热力）',
          tags,
          querystring: statsQuery,
          response: { 200: caseMap },
        },
      },
      (req) => s.map(req.ctx, req.query),
    );
    app.get(
      '/api/events/statistics/export',
      {
        config: { access: eventsPolicy.statistics },
        schema: { summary: '导出工单统计（XLSX）', tags, querystring: statsQuery },
      },
      async (req, reply) => {
        const file = await s.exportXlsx(req.ctx, req.query);
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(file.stream);
      },
    );
  };
}
