import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import { baseUrlOf } from '../routes.ts';
import type { CkanParams, CkanService } from './service.ts';

/**
 * The CKAN Action API subset at /open/api/3/action/<name> (GET with a query string or POST with a JSON body, as
 * CKAN clients send): answers in CKAN's envelope {help, success, result}, errors as {success: false, error}.
 */
export function ckanRoutes(ckan: CkanService) {
  return async (app: App) => {
    app.addHook('onSend', async (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
    });
    app.route({
      method: ['GET', 'POST'],
      url: '/open/api/3/action/:action',
      config: { access: 'public', rateLimit: 'ckan' },
      schema: {
        summary: 'CKAN 接口（package_list、package_show、package_search）',
        tags: ['opendata'],
        params: z.object({ action: z.string().max(100) }),
        description:
          'CKAN Action API: package_list, package_show (id), package_search (q, fq, sort, rows, start, facet.field, facet.limit, facet.mincount), license_list.',
      },
      handler: async (req, reply) => {
        const params: CkanParams = {
          ...(req.query as CkanParams),
          ...(req.body && typeof req.body === 'object' ? (req.body as CkanParams) : {}),
        };
        const answer = await ckan.call(req.ctx, req.params.action, params, baseUrlOf(req));
        return reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);
      },
    });
  };
}
