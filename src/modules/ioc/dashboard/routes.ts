import type { App } from '../../../core/http.ts';
import { dashboard } from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import type { IocServices } from '../services.ts';

/** The home page's dashboard of the signed-in role. */
export function dashboardRoutes(s: IocServices) {
  return async (app: App) => {
    app.get(
      '/api/ioc/dashboard',
      {
        config: { access: iocPolicy.dashboard },
        schema: { summary: '首页工作台（按角色的待办与数据）', tags: ['ioc'], response: { 200: dashboard } },
      },
      (req) => s.dashboard.forUser(req.ctx),
    );
  };
}
