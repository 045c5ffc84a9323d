import type { FastifyRequest } from 'fastify';
import type { App } from '../../../core/http.ts';
import { formsPolicy } from '../policy.ts';
import {
  availableForms,
  formCodeParams,
  formToFill,
  rememberedList,
  reuseKeyParams,
  submissionCreated,
  submissionDetail,
  submissionInput,
  submissionPage,
  submissionParams,
  submissionQuery,
} from './contract.ts';
import type { FillingService } from './service.ts';

/** The `x-acting-for` header the app sends when the resident acts for a company (its credit code). */
function actingFor(req: FastifyRequest): string | null {
  const header = req.headers['x-acting-for'];
  const value = Array.isArray(header) ? header[0] : header;
  return value?.trim() || null;
}

/**
 * Filling forms in the app: residents only, each call about the subject they act as (themselves, or the company
 * named by `x-acting-for`).
 */
export function fillingRoutes(s: { filling: FillingService }) {
  return async (app: App) => {
    const tags = ['forms'];
    const access = formsPolicy.fill;
    const subjectOf = (req: FastifyRequest) => s.filling.subjectOf(req.ctx, actingFor(req));

    app.get(
      '/api/forms/available',
      {
        config: { access },
        schema: {
          summary: '我可以填报的表单（个人或所代表的企业），及是否已填报',
          tags,
          response: { 200: availableForms },
        },
      },
      async (req) => s.filling.available(req.ctx, await subjectOf(req)),
    );
    app.get(
      '/api/forms/available/:code',
      {
        config: { access },
        schema: {
          summary: '待填写的表单（已从部门数据和我同意复用的信息自动填写）',
          description:
            'Bound fields carry the registry value, its provenance (department and resource) and confirmOnly; free fields with a reuseKey carry the remembered answer (reused, reusedFrom). Audited (forms.prefill_read). 403 form_for_companies / form_for_persons when the form is for the other kind of subject.',
          tags,
          params: formCodeParams,
          response: { 200: formToFill },
        },
      },
      async (req) => s.filling.formToFill(req.ctx, await subjectOf(req), req.params.code),
    );
    app.post(
      '/api/forms/available/:code/submissions',
      {
        config: { access },
        schema: {
          summary: '提交表单',
          description:
            'Bound answers are taken from the registries (whatever is sent for them is ignored); free answers are checked (400 invalid_answers naming each field). confirmPrefilled must be true when the form has prefilled values. With rememberConsent, free answers with a reuseKey prefill later forms. Audited (forms.submit).',
          tags,
          params: formCodeParams,
          body: submissionInput,
          response: { 201: submissionCreated },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await s.filling.submit(req.ctx, await subjectOf(req), req.params.code, req.body)),
    );
    app.get(
      '/api/forms/submissions',
      {
        config: { access },
        schema: {
          summary: '我的表单（已提交）',
          tags,
          querystring: submissionQuery,
          response: { 200: submissionPage },
        },
      },
      async (req) => s.filling.submissions(req.ctx, await subjectOf(req), req.query),
    );
    app.get(
      '/api/forms/submissions/:id',
      {
        config: { access },
        schema: {
          summary: '我提交的一份表单：填写内容、接收部门及是否已查阅',
          tags,
          params: submissionParams,
          response: { 200: submissionDetail },
        },
      },
      async (req) => s.filling.submission(req.ctx, await subjectOf(req), req.params.id),
    );
    app.get(
      '/api/forms/remembered',
      {
        config: { access },
        schema: { summary: '我同意复用的信息', tags, response: { 200: rememberedList } },
      },
      async (req) => s.filling.remembered(req.ctx, await subjectOf(req)),
    );
    app.delete(
      '/api/forms/remembered/:reuseKey',
      {
        config: { access },
        schema: { summary: '撤回一项信息的复用授权', tags, params: reuseKeyParams },
      },
      async (req, reply) => {
        await s.filling.forget(req.ctx, await subjectOf(req), req.params.reuseKey);
        return reply.code(204).send();
      },
    );
  };
}
