import type { App } from '../../../core/http.ts';
import { iotPolicy } from '../policy.ts';
import type { IotServices } from '../services.ts';
import { ruleCreate, ruleIdParam, ruleList, ruleQuery, ruleUpdate, ruleView } from './contract.ts';

/** Alarm rules: read by everyone who watches devices; profiles' rules edited by the center, a device's also by its department. */
export function rulesRoutes(s: IotServices) {
  return async (app: App) => {
    const tags = ['iot'];
    app.get(
      '/api/iot/rules',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '告警规则列表', tags, querystring: ruleQuery, response: { 200: ruleList } },
      },
      async (req) => ({ items: await s.rules.list(req.ctx, req.query) }),
    );
    app.post(
      '/api/iot/rules',
      {
        config: { access: iotPolicy.manage },
        schema: { summary: '新增告警规则', tags, body: ruleCreate, response: { 201: ruleView } },
      },
      async (req, reply) => reply.code(201).send(await s.rules.create(req.ctx, req.body)),
    );
    app.patch(
      '/api/iot/rules/:id',
      {
        config: { access: iotPolicy.manage },
        schema: {
          summary: '修改告警规则',
          tags,
          params: ruleIdParam,
          body: ruleUpdate,
          response: { 200: ruleView },
        },
      },
      (req) => s.rules.update(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/iot/rules/:id',
      {
        config: { access: iotPolicy.manage },
        schema: { summary: '删除告警规则', tags, params: ruleIdParam },
      },
      async (req, reply) => {
        await s.rules.remove(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
