import type { App } from '../../../core/http.ts';
import { eventsPolicy } from '../policy.ts';
import { apiKeyCreate, apiKeyCreated, apiKeyList, apiKeySummary, keyIdParam } from './contract.ts';
import type { KeyService } from './service.ts';

/** Open311 keys: listed, made and revoked by the center. */
export function keyRoutes(s: KeyService) {
  return async (app: App) => {
    const tags = ['events'];
    app.get(
      '/api/events/keys',
      {
        config: { access: eventsPolicy.configure },
        schema: { summary: 'Open311 接入密钥列表', tags, response: { 200: apiKeyList } },
      },
      async (req) => ({ items: await s.list(req.ctx) }),
    );
    app.post(
      '/api/events/keys',
      {
        config: { access: eventsPolicy.configure },
        schema: {
          summary: '新建 Open311 接入密钥（密钥只显示这一次）',
          tags,
          body: apiKeyCreate,
          response: { 201: apiKeyCreated },
        },
      },
      async (req, reply) => reply.code(201).send(await s.create(req.ctx, req.body)),
    );
    app.post(
      '/api/events/keys/:id/revoke',
      {
        config: { access: eventsPolicy.configure },
        schema: {
          summary: '吊销 Open311 接入密钥',
          tags,
          params: keyIdParam,
          response: { 200: apiKeySummary },
        },
      },
      (req) => s.revoke(req.ctx, req.params.id),
    );
  };
}
