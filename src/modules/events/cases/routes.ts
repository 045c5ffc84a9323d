import type { App } from '../../../core/http.ts';
import { eventsPolicy } from '../policy.ts';
import {
  actionInput,
  caseContact,
  caseDetail,
  casePage,
  caseQuery,
  duplicateList,
  duplicateQuery,
  intakeInput,
  numberParam,
  suggestion,
  suggestQuery,
} from './contract.ts';
import type { createHandleService } from './handle.ts';
import type { createIntakeService } from './intake.ts';
import type { createCaseReadService } from './read.ts';

export type CaseServices = {
  intake: ReturnType<typeof createIntakeService>;
  handle: ReturnType<typeof createHandleService>;
  cases: ReturnType<typeof createCaseReadService>;
};

/** Cases: intake at the desk and from patrol, lists, one case, its actions, and the desk's helpers. */
export function caseRoutes(s: CaseServices) {
  return async (app: App) => {
    const tags = ['events'];
    app.post(
      '/api/events/cases',
      {
        config: { access: eventsPolicy.intake },
        schema: { summary: '受理工单（12345 热线）', tags, body: intakeInput, response: { 201: caseDetail } },
      },
      async (req, reply) => {
        const row = await s.intake.receive(req.ctx, 'hotline', req.body);
        return reply.code(201).send(await s.cases.get(req.ctx, row.number));
      },
    );
    app.post(
      '/api/events/reports',
      {
        config: { access: eventsPolicy.report },
        schema: { summary: '网格员上报', tags, body: intakeInput, response: { 201: caseDetail } },
      },
      async (req, reply) => {
        const row = await s.intake.receive(req.ctx, 'grid', req.body, { autoDispatch: true });
        return reply.code(201).send(await s.cases.get(req.ctx, row.number));
      },
    );
    app.get(
      '/api/events/cases',
      {
        config: { access: eventsPolicy.read },
        schema: { summary: '工单列表', tags, querystring: caseQuery, response: { 200: casePage } },
      },
      (req) => s.cases.list(req.ctx, req.query),
    );
    app.get(
      '/api/events/cases/:number',
      {
        config: { access: eventsPolicy.read },
        schema: { summary: '工单详情', tags, params: numberParam, response: { 200: caseDetail } },
      },
      (req) => s.cases.get(req.ctx, req.params.number),
    );
    app.post(
      '/api/events/cases/:number/actions',
      {
        config: { access: eventsPolicy.read },
        schema: {
          summary: '办理工单（派单、签收、退单、答复、审核、回访、办结等）',
          tags,
          params: numberParam,
          body: actionInput,
          response: { 200: caseDetail },
        },
      },
      async (req) => {
        await s.handle.act(req.ctx, req.params.number, req.body);
        return s.cases.get(req.ctx, req.params.number);
      },
    );
    app.get(
      '/api/events/cases/:number/contact',
      {
        config: { access: eventsPolicy.read },
        schema: {
          summary: '查看诉求人联系方式（留痕）',
          tags,
          params: numberParam,
          response: { 200: caseContact },
        },
      },
      (req) => s.cases.contact(req.ctx, req.params.number),
    );
    app.get(
      '/api/events/duplicates',
      {
        config: { access: eventsPolicy.intake },
        schema: {
          summary: '疑似重复工单',
          tags,
          querystring: duplicateQuery,
          response: { 200: duplicateList },
        },
      },
      (req) => s.cases.duplicates(req.ctx, req.query),
    );
    app.get(
      '/api/events/suggestions',
      {
        config: { access: eventsPolicy.report },
        schema: {
          summary: '智能分类建议与地址解析',
          tags,
          querystring: suggestQuery,
          response: { 200: suggestion },
        },
      },
      (req) => s.cases.suggest(req.ctx, req.query),
    );
  };
}
