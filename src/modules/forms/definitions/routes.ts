import type { App } from '../../../core/http.ts';
import { formsPolicy } from '../policy.ts';
import { formDetail, formIdParam, formInput, formPage, formQuery, formUpdate } from './contract.ts';
import type { DefinitionService } from './service.ts';

/** Form definitions in the console: list, read, create, edit, publish, close, delete. */
export function definitionRoutes(s: DefinitionService) {
  return async (app: App) => {
    const tags = ['forms'];
    const access = formsPolicy.manage;
    app.get(
      '/api/forms',
      {
        config: { access },
        schema: { summary: '表单列表', tags, querystring: formQuery, response: { 200: formPage } },
      },
      (req) => s.list(req.ctx, req.query),
    );
    app.get(
      '/api/forms/:id',
      {
        config: { access },
        schema: { summary: '表单详情', tags, params: formIdParam, response: { 200: formDetail } },
      },
      (req) => s.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/forms',
      {
        config: { access },
        schema: { summary: '新建表单（草稿）', tags, body: formInput, response: { 201: formDetail } },
      },
      async (req, reply) => reply.code(201).send(await s.create(req.ctx, req.body)),
    );
    app.put(
      '/api/forms/:id',
      {
        config: { access },
        schema: {
          summary: '修改表单（已发布的表单生成新版本）',
          tags,
          params: formIdParam,
          body: formUpdate,
          response: { 200: formDetail },
        },
      },
      (req) => s.update(req.ctx, req.params.id, req.body),
    );
    app.post(
      '/api/forms/:id/publish',
      {
        config: { access },
        schema: { summary: '发布表单', tags, params: formIdParam, response: { 200: formDetail } },
      },
      (req) => s.publish(req.ctx, req.params.id),
    );
    app.post(
      '/api/forms/:id/close',
      {
        config: { access },
        schema: { summary: '关闭表单', tags, params: formIdParam, response: { 200: formDetail } },
      },
      (req) => s.close(req.ctx, req.params.id),
    );
    app.delete(
      '/api/forms/:id',
      {
        config: { access },
        schema: { summary: '删除表单草稿', tags, params: formIdParam },
      },
      async (req, reply) => {
        await s.remove(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
