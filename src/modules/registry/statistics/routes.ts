import type { App } from '../../../core/http.ts';
import { registryParam } from '../entities/contract.ts';
import { registryPolicy } from '../policy.ts';
import { componentMap, componentMapQuery, registryStatistics, registryStats } from './contract.ts';
import type { StatisticsService } from './service.ts';

/** Registry statistics API: entity counts, one registry's figures and the component map. */
export function statisticsRoutes(service: StatisticsService) {
  return async (app: App) => {
    const tags = ['registry'];
    const access = registryPolicy.read;
    app.get(
      '/api/registry/stats',
      { config: { access }, schema: { summary: '基础库概况', tags, response: { 200: registryStats } } },
      () => service.stats(),
    );
    app.get(
      '/api/registry/:registry/statistics',
      {
        config: { access },
        schema: { summary: '基础库统计', tags, params: registryParam, response: { 200: registryStatistics } },
      },
      (req) => service.statistics(req.params.registry),
    );
    app.get(
      '/api/registry/component/map',
      {
        config: { access },
        schema: {
          summary: '城市部件地图',
          tags,
          querystring: componentMapQuery,
          response: { 200: componentMap },
        },
      },
      (req) => service.componentMap(req.query),
    );
  };
}
