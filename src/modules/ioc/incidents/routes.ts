import type { App } from '../../../core/http.ts';
import {
  incident,
  incidentEnd,
  incidentIdParam,
  incidentInput,
  incidentList,
  incidentListQuery,
  incidentView,
  screenMode,
} from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import type { IocServices } from '../services.ts';

/** Emergency mode: the screen's mode, starting and ending an incident, past incidents. */
export function incidentRoutes(s: IocServices) {
  return async (app: App) => {
    const tags = ['ioc'];
    app.get(
      '/api/ioc/mode',
      {
        config: { access: iocPolicy.screen },
        schema: { summary: '大屏当前状态（平时或战时及事件详情）', tags, response: { 200: screenMode } },
      },
      (req) => s.incidents.mode(req.ctx),
    );
    app.get(
      '/api/ioc/incidents',
      {
        config: { access: iocPolicy.screen },
        schema: {
          summary: '应急事件列表（最新在前）',
          tags,
          querystring: incidentListQuery,
          response: { 200: incidentList },
        },
      },
      (req) => s.incidents.list(req.ctx, req.query),
    );
    app.post(
      '/api/ioc/incidents',
      {
        config: { access: iocPolicy.emergency },
        schema: {
          summary: '切换战时：启动应急事件',
          tags,
          description: 'Refused with 409 while another incident is open.',
          body: incidentInput,
          response: { 201: incidentView },
        },
      },
      async (req, reply) => reply.code(201).send(await s.incidents.start(req.ctx, req.body)),
    );
    app.post(
      '/api/ioc/incidents/:id/end',
      {
        config: { access: iocPolicy.emergency },
        schema: {
          summary: '恢复平时：结束应急事件',
          tags,
          params: incidentIdParam,
          body: incidentEnd,
          response: { 200: incident },
        },
      },
      (req) => s.incidents.end(req.ctx, req.params.id, req.body.note),
    );
  };
}
