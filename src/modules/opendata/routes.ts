import { z } from 'zod';
import type { App } from '../../core/http.ts';
import {
  downloadFormats,
  nameParam,
  openDataset,
  openOverview,
  openPage,
  openPreview,
  openProvider,
  openQuery,
} from './contract.ts';
import { attachment } from './download-writers.ts';
import type { OpenDataService } from './service.ts';

/** Where the request reached this server, for absolute links in documents harvesters keep. */
export const baseUrlOf = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;

/** The open data portal's API (no sign-in): figures, list, providers, one dataset, preview, downloads, DCAT-AP. */
export function openDataRoutes(open: OpenDataService) {
  return async (app: App) => {
    const tags = ['opendata'];
    const config = { access: 'public' as const };
    // Public data: any web page may read it (no credentials are ever sent with a wildcard origin).
    app.addHook('onSend', async (_req, reply) => {
      reply.header('access-control-allow-origin', '*');
    });

    app.get(
      '/api/open/resources',
      {
        config,
        schema: { summary: '查询开放数据集', tags, querystring: openQuery, response: { 200: openPage } },
      },
      (req) => open.list(req.ctx, req.query),
    );
    app.get(
      '/api/open/overview',
      {
        config,
        schema: {
          tags,
          summary: "The portal's figures, newest datasets, license and terms of use",
          response: { 200: openOverview },
        },
      },
      (req) => open.overview(req.ctx),
    );
    app.get(
      '/api/open/providers',
      {
        config,
        schema: { summary: '列出开放数据的提供部门', tags, response: { 200: z.array(openProvider) } },
      },
      (req) => open.providers(req.ctx),
    );
    app.get(
      '/api/open/resources/:name',
      {
        config,
        schema: { summary: '查看开放数据集', tags, params: nameParam, response: { 200: openDataset } },
      },
      (req) => open.get(req.ctx, req.params.name),
    );
    app.get(
      '/api/open/resources/:name/preview',
      {
        config,
        schema: { summary: '预览开放数据集', tags, params: nameParam, response: { 200: openPreview } },
      },
      (req) => open.preview(req.ctx, req.params.name),
    );
    for (const format of downloadFormats) {
      app.get(
        `/api/open/resources/:name/data.${format}`,
        {
          config: { ...config, rateLimit: 'download' },
          schema: {
            summary: `下载开放数据集（${format.toUpperCase()}）`,
            tags,
            params: nameParam,
            description: `The whole dataset as ${format.toUpperCase()}.`,
          },
        },
        async (req, reply) => {
          const file = await open.download(req.ctx, req.params.name, format, {
            bodyless: req.method === 'HEAD',
          });
          return reply
            .type(file.contentType)
            .header('content-disposition', attachment(file.fileName, file.asciiName))
            .header('cache-control', 'no-store')
            .header('x-content-type-options', 'nosniff')
            .send(file.body ?? '');
        },
      );
    }
    app.get(
      '/open/catalog.jsonld',
      {
        config,
        // No response schema: the serializer would drop every property it does not name.
        schema: {
          summary: '开放数据目录（DCAT-AP JSON-LD）',
          tags,
          description: 'The open catalog as a dcat:Catalog in JSON-LD (DCAT-AP).',
        },
      },
      async (req, reply) =>
        reply.type('application/ld+json').send(await open.catalogJsonld(req.ctx, baseUrlOf(req))),
    );
  };
}
