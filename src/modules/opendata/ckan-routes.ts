import { z } from 'zod';
import type { App } from '../../core/http.ts';
import { CkanError } from './ckan.ts';
import { type CkanActions, type CkanParams, createCkanActions } from './ckan-actions.ts';
import { baseUrlOf } from './routes.ts';
import type { OpenDataService } from './service.ts';

/**
 * The CKAN Action API subset at /open/api/3/action/<name> (GET with a query string or POST with a JSON body, as
 * CKAN clients send): answers in CKAN's envelope {help, success, result}, errors as {success: false, error}.
 */
export function ckanRoutes(open: OpenDataService) {
  const actions = createCkanActions(open);
  return async (app: App) => {
    app.addHook('onSend', async (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
    });
    app.route({
      method: ['GET', 'POST'],
      url: '/open/api/3/action/:action',
      config: { access: 'public' },
      schema: {
        tags: ['opendata'],
        params: z.object({ action: z.string().max(100) }),
        description:
          'CKAN Action API: package_list, package_show (id), package_search (q, fq, sort, rows, start).',
      },
      handler: async (req, reply) => {
        const base = baseUrlOf(req);
        const name = req.params.action;
        const help = `${base}/open/api/3/action/help_show?name=${encodeURIComponent(name)}`;
        const params: CkanParams = {
          ...(req.query as CkanParams),
          ...(req.body && typeof req.body === 'object' ? (req.body as CkanParams) : {}),
        };
        reply.type('application/json; charset=utf-8');
        if (!Object.hasOwn(actions, name)) {
          return reply.code(400).send({
            help,
            success: false,
            error: { __type: 'Bad Request', message: `Bad request - Action name not known: ${name}` },
          });
        }
        try {
          const result = await actions[name as keyof CkanActions](req.ctx, params, base);
          return reply.send({ help, success: true, result });
        } catch (error) {
          if (!(error instanceof CkanError)) throw error;
          return reply.code(error.status).send({ help, success: false, error: error.body });
        }
      },
    });
  };
}
