import type { App } from '../../../core/http.ts';
import {
  applicationDetail,
  applicationInput,
  applicationPage,
  applicationQuery,
  decisionInput,
  idParam,
  withdrawInput,
} from '../contract.ts';
import { sharingPolicy } from '../policy.ts';
import type { createApplyService } from './apply.ts';
import type { createDecideService } from './decide.ts';
import type { createApplicationReadService } from './read.ts';

/** The services of applications: applying, deciding (and withdrawing), reading. */
export type ApplicationServices = {
  apply: ReturnType<typeof createApplyService>;
  decide: ReturnType<typeof createDecideService>;
  applications: ReturnType<typeof createApplicationReadService>;
};

/** Applications and their decisions; each answer is the application as the caller now sees it. */
export function applicationRoutes(s: ApplicationServices) {
  return async (app: App) => {
    const tags = ['sharing'];
    const config = { access: sharingPolicy.use };
    app.post(
      '/api/sharing/applications',
      {
        config,
        schema: {
          summary: '提交共享申请',
          tags,
          body: applicationInput,
          response: { 201: applicationDetail },
        },
      },
      async (req, reply) => {
        const id = await s.apply.apply(req.ctx, req.body);
        return reply.code(201).send(await s.applications.get(req.ctx, id));
      },
    );
    app.get(
      '/api/sharing/applications',
      {
        config,
        schema: {
          summary: '查询共享申请',
          tags,
          querystring: applicationQuery,
          response: { 200: applicationPage },
        },
      },
      (req) => s.applications.list(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/applications/:id',
      {
        config,
        schema: { summary: '查看共享申请', tags, params: idParam, response: { 200: applicationDetail } },
      },
      (req) => s.applications.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/applications/:id/decide',
      {
        config,
        schema: {
          summary: '审批共享申请',
          tags,
          params: idParam,
          body: decisionInput,
          response: { 200: applicationDetail },
        },
      },
      async (req) => s.applications.get(req.ctx, await s.decide.decide(req.ctx, req.params.id, req.body)),
    );
    app.post(
      '/api/sharing/applications/:id/withdraw',
      {
        config,
        schema: {
          summary: '撤回共享申请',
          tags,
          params: idParam,
          body: withdrawInput,
          response: { 200: applicationDetail },
        },
      },
      async (req) =>
        s.applications.get(req.ctx, await s.decide.withdraw(req.ctx, req.params.id, req.body.reason)),
    );
  };
}
