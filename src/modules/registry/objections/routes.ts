import type { App } from '../../../core/http.ts';
import { registryPolicy } from '../policy.ts';
import {
  answerBody,
  closeBody,
  commentBody,
  objectionDetail,
  objectionIdParam,
  objectionInput,
  objectionPage,
  objectionQuery,
  objectionViewQuery,
} from './contract.ts';
import type { ObjectionService } from './service.ts';

/**
 * Objection (数据纠错) API: raise, list, read, accept or reject, close, comment. Department users act for their own
 * department; the service checks which objections are theirs.
 */
export function objectionRoutes(service: ObjectionService) {
  return async (app: App) => {
    const tags = ['registry'];
    app.post(
      '/api/registry/objections',
      {
        config: { access: registryPolicy.objections },
        schema: { summary: '提出数据异议', tags, body: objectionInput, response: { 201: objectionDetail } },
      },
      async (req, reply) => reply.code(201).send(await service.raise(req.ctx, req.body)),
    );
    app.get(
      '/api/registry/objections',
      {
        config: { access: registryPolicy.objections },
        schema: {
          summary: '查询数据异议',
          tags,
          querystring: objectionQuery,
          response: { 200: objectionPage },
        },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.get(
      '/api/registry/objections/:id',
      {
        config: { access: registryPolicy.objections },
        schema: {
          summary: '查看数据异议',
          tags,
          params: objectionIdParam,
          querystring: objectionViewQuery,
          response: { 200: objectionDetail },
        },
      },
      (req) => service.get(req.ctx, req.params.id, req.query),
    );
    for (const verdict of ['accept', 'reject'] as const)
      app.post(
        `/api/registry/objections/:id/${verdict}`,
        {
          config: { access: registryPolicy.objections },
          schema: {
            summary: `${verdict === 'accept' ? '采纳' : '驳回'}数据异议`,
            tags,
            params: objectionIdParam,
            body: answerBody,
            response: { 200: objectionDetail },
          },
        },
        (req) => service[verdict](req.ctx, req.params.id, req.body.answer),
      );
    app.post(
      '/api/registry/objections/:id/close',
      {
        config: { access: registryPolicy.objections },
        schema: {
          summary: '关闭数据异议',
          tags,
          params: objectionIdParam,
          body: closeBody,
          response: { 200: objectionDetail },
        },
      },
      (req) => service.close(req.ctx, req.params.id, req.body.note),
    );
    app.post(
      '/api/registry/objections/:id/comment',
      {
        config: { access: registryPolicy.objections },
        schema: {
          summary: '回复数据异议',
          tags,
          params: objectionIdParam,
          body: commentBody,
          response: { 200: objectionDetail },
        },
      },
      (req) => service.comment(req.ctx, req.params.id, req.body.note),
    );
  };
}
