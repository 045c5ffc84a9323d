import type { App } from '../../../core/http.ts';
import {
  createdCredential,
  credential,
  credentialList,
  grantDetail,
  grantPage,
  grantQuery,
  idParam,
  limitsInput,
  revokeInput,
} from '../contract.ts';
import { sharingPolicy } from '../policy.ts';
import type { CredentialService } from './credential-service.ts';
import type { GrantService } from './service.ts';

/** Grants (list, revoke, limits) and their API credentials (list, create or rotate, revoke). */
export function grantRoutes(s: { grants: GrantService; credentials: CredentialService }) {
  return async (app: App) => {
    const tags = ['sharing'];
    const config = { access: sharingPolicy.use };
    app.get(
      '/api/sharing/grants',
      {
        config,
        schema: { summary: '查询共享授权', tags, querystring: grantQuery, response: { 200: grantPage } },
      },
      (req) => s.grants.list(req.ctx, req.query),
    );
    app.get(
      '/api/sharing/grants/:id',
      { config, schema: { summary: '查看共享授权', tags, params: idParam, response: { 200: grantDetail } } },
      (req) => s.grants.get(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/grants/:id/revoke',
      {
        config,
        schema: {
          summary: '撤销共享授权',
          tags,
          params: idParam,
          body: revokeInput,
          response: { 200: grantDetail },
        },
      },
      (req) => s.grants.revoke(req.ctx, req.params.id, req.body.reason),
    );
    app.patch(
      '/api/sharing/grants/:id/limits',
      {
        config: { access: sharingPolicy.center },
        schema: {
          summary: '修改共享授权的调用限额',
          tags,
          params: idParam,
          body: limitsInput,
          response: { 200: grantDetail },
        },
      },
      (req) => s.grants.setLimits(req.ctx, req.params.id, req.body),
    );
    app.get(
      '/api/sharing/grants/:id/credentials',
      {
        config,
        schema: {
          summary: '列出共享授权的调用凭据',
          tags,
          params: idParam,
          response: { 200: credentialList },
        },
      },
      (req) => s.credentials.list(req.ctx, req.params.id),
    );
    app.post(
      '/api/sharing/grants/:id/credentials',
      {
        config,
        schema: { summary: '签发调用凭据', tags, params: idParam, response: { 201: createdCredential } },
      },
      async (req, reply) => reply.code(201).send(await s.credentials.create(req.ctx, req.params.id)),
    );
    app.post(
      '/api/sharing/credentials/:id/revoke',
      { config, schema: { summary: '吊销调用凭据', tags, params: idParam, response: { 200: credential } } },
      (req) => s.credentials.revoke(req.ctx, req.params.id),
    );
  };
}
