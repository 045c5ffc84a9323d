import type { App } from '../../../core/http.ts';
import { eventsPolicy } from '../policy.ts';
import {
  category,
  categoryCreate,
  categoryList,
  categoryUpdate,
  codeParam,
  dispatchRule,
  dispatchRuleInput,
  dispatchRuleList,
  ruleIdParam,
} from './contract.ts';
import type { CategoryService } from './service.ts';

/** Categories and dispatch rules: read by everyone who works with cases, edited by the center. */
export function categoryRoutes(s: CategoryService) {
  return async (app: App) => {
    const tags = ['events'];
    app.get(
      '/api/events/categories',
      {
        config: { access: eventsPolicy.read },
        schema: { summary: '事件类别列表', tags, response: { 200: categoryList } },
      },
      async () => ({ items: await s.list() }),
    );
    app.post(
      '/api/events/categories',
      {
        config: { access: eventsPolicy.configure },
        schema: { summary: '新增事件类别', tags, body: categoryCreate, response: { 201: category } },
      },
      async (req, reply) => reply.code(201).send(await s.create(req.ctx, req.body)),
    );
    app.patch(
      '/api/events/categories/:code',
      {
        config: { access: eventsPolicy.configure },
        schema: {
          summary: '修改事件类别',
          tags,
          params: codeParam,
          body: categoryUpdate,
          response: { 200: category },
        },
      },
      (req) => s.update(req.ctx, req.params.code, req.body),
    );
    app.get(
      '/api/events/dispatch-rules',
      {
        config: { access: eventsPolicy.read },
        schema: { summary: '派单规则列表', tags, response: { 200: dispatchRuleList } },
      },
      async () => ({ items: await s.rules() }),
    );
    app.put(
      '/api/events/dispatch-rules',
      {
        config: { access: eventsPolicy.configure },
        schema: { summary: '设置派单规则', tags, body: dispatchRuleInput, response: { 200: dispatchRule } },
      },
      (req) => s.setRule(req.ctx, req.body),
    );
    app.delete(
      '/api/events/dispatch-rules/:id',
      {
        config: { access: eventsPolicy.configure },
        schema: { summary: '删除派单规则', tags, params: ruleIdParam },
      },
      async (req, reply) => {
        await s.removeRule(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
