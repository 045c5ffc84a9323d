import type { App } from '../../../core/http.ts';
import { facilityImport, facilityImportResult, facilityList, facilityQuery } from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import type { IocServices } from '../services.ts';

/** The facilities near which an incident looks: the list (for the screen's map) and the import. */
export function facilityRoutes(s: IocServices) {
  return async (app: App) => {
    const tags = ['ioc'];
    app.get(
      '/api/ioc/facilities',
      {
        config: { access: iocPolicy.screen },
        schema: {
          summary: '学校、避难场所和医院列表',
          tags,
          querystring: facilityQuery,
          response: { 200: facilityList },
        },
      },
      async (req) => ({ items: await s.facilities.list(req.ctx, req.query.kind) }),
    );
    app.post(
      '/api/ioc/facilities',
      {
        config: { access: iocPolicy.facilities },
        schema: {
          summary: '导入学校、避难场所和医院（按类型和名称新增或更新）',
          tags,
          description:
            'A JSON array of { kind: school|shelter|hospital, name, address?, lng, lat, capacity? }. All or nothing: with any bad row nothing is written and `errors` names each row (1-based) and field.',
          body: facilityImport,
          response: { 200: facilityImportResult },
        },
      },
      (req) => s.facilities.upsertMany(req.ctx, req.body),
    );
  };
}
