import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import { batch, preview, previewBody, pushBody, resourceParam, runBody, uploadQuery } from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import type { DeliveryService } from './service.ts';

/** Delivering data: upload → preview → run, and pushes from departmental systems. */
export function deliveryRoutes(service: DeliveryService) {
  return async (app: App) => {
    const tags = ['ingest'];
    const access = ingestPolicy.deliver;
    // Uploaded files are streamed to disk by the service, not parsed here.
    for (const type of [
      'application/octet-stream',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/x-ndjson',
    ]) {
      app.addContentTypeParser(type, (_req, _payload, done) => done(null));
    }
    app.post(
      '/api/ingest/uploads',
      {
        config: { access },
        bodyLimit: 2 * 1024 ** 3,
        schema: { summary: '上传待归集文件', tags, querystring: uploadQuery, response: { 200: preview } },
      },
      (req) =>
        service.upload(req.ctx, {
          resource: req.query.resource,
          fileName: req.query.fileName,
          body: req.raw,
        }),
    );
    app.post(
      '/api/ingest/previews',
      {
        config: { access },
        schema: {
          tags,
          summary: 'Read an upload again with the chosen header rows and sheets',
          body: previewBody,
          response: { 200: preview },
        },
      },
      (req) => service.preview(req.ctx, req.body),
    );
    app.post(
      '/api/ingest/runs',
      {
        config: { access },
        schema: {
          summary: '归集已上传的文件',
          tags,
          body: runBody,
          response: { 202: z.object({ batchId: z.number() }) },
        },
      },
      async (req, reply) => reply.code(202).send(await service.startUpload(req.ctx, req.body)),
    );
    app.post(
      '/api/ingest/push/:resource',
      {
        config: { access },
        bodyLimit: 50 * 1024 ** 2,
        schema: {
          summary: '推送数据归集',
          tags,
          params: resourceParam,
          body: pushBody,
          response: { 200: batch },
        },
      },
      (req) => service.ingestRecords(req.ctx, req.params.resource, req.body.records),
    );
  };
}
