import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import { idParam, pullSource, pullSourceInput, pullSourceUpdate } from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import type { PullService } from './service.ts';

/** Scheduled pulls: list, add, change, remove, run now. */
export function pullRoutes(service: PullService) {
  return async (app: App) => {
    const tags = ['ingest'];
    const managers = ingestPolicy.managePulls;
    app.get(
      '/api/ingest/pulls',
      {
        config: { access: managers },
        schema: { summary: '列出定时拉取任务', tags, response: { 200: z.array(pullSource) } },
      },
      (req) => service.list(req.ctx),
    );
    app.post(
      '/api/ingest/pulls',
      {
        config: { access: managers },
        schema: { summary: '新建定时拉取任务', tags, body: pullSourceInput, response: { 201: pullSource } },
      },
      async (req, reply) => reply.code(201).send(await service.create(req.ctx, req.body)),
    );
    app.patch(
      '/api/ingest/pulls/:id',
      {
        config: { access: managers },
        schema: {
          summary: '修改定时拉取任务',
          tags,
          params: idParam,
          body: pullSourceUpdate,
          response: { 200: pullSource },
        },
      },
      (req) => service.update(req.ctx, req.params.id, req.body),
    );
    app.delete(
      '/api/ingest/pulls/:id',
      { config: { access: managers }, schema: { summary: '删除定时拉取任务', tags, params: idParam } },
      async (req, reply) => {
        await service.remove(req.ctx, req.params.id);
        return reply.code(204).send();
      },
    );
    app.post(
      '/api/ingest/pulls/:id/run',
      {
        config: { access: managers },
        schema: { summary: '立即执行拉取任务', tags, params: idParam, response: { 200: pullSource } },
      },
      (req) => service.runNow(req.ctx, req.params.id),
    );
  };
}
