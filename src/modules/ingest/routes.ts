import { z } from 'zod';
import type { App } from '../../core/http.ts';
import {
  batch,
  batchPage,
  batchQuery,
  idParam,
  issuePage,
  issueQuery,
  preview,
  pushBody,
  qualityPoint,
  recordPage,
  recordQuery,
  resourceParam,
  runBody,
  uploadQuery,
} from './contract.ts';
import type { IngestService } from './deliveries/service.ts';

const deliverers = ['admin', 'steward', 'department_user'] as const;
const readers = ['admin', 'steward', 'department_user', 'leader'] as const;

/** Aggregation API: upload → preview → run, pushes from departmental systems, batches, rejects, quality. */
export function ingestRoutes(service: IngestService) {
  return async (app: App) => {
    const tags = ['ingest'];
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
        config: { access: deliverers },
        bodyLimit: 2 * 1024 ** 3,
        schema: { tags, querystring: uploadQuery, response: { 200: preview } },
      },
      (req) =>
        service.upload(req.ctx, {
          resource: req.query.resource,
          fileName: req.query.fileName,
          body: req.raw,
        }),
    );
    app.post(
      '/api/ingest/runs',
      {
        config: { access: deliverers },
        schema: { tags, body: runBody, response: { 202: z.object({ batchId: z.number() }) } },
      },
      async (req, reply) => reply.code(202).send(await service.startUpload(req.ctx, req.body)),
    );
    app.post(
      '/api/ingest/push/:resource',
      {
        config: { access: deliverers },
        bodyLimit: 50 * 1024 ** 2,
        schema: { tags, params: resourceParam, body: pushBody, response: { 200: batch } },
      },
      (req) => service.ingestRecords(req.ctx, req.params.resource, req.body.records),
    );
    app.get(
      '/api/ingest/batches',
      {
        config: { access: readers },
        schema: { tags, querystring: batchQuery, response: { 200: batchPage } },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.get(
      '/api/ingest/batches/:id',
      { config: { access: readers }, schema: { tags, params: idParam, response: { 200: batch } } },
      (req) => service.get(req.ctx, req.params.id),
    );
    app.get(
      '/api/ingest/batches/:id/issues',
      {
        config: { access: readers },
        schema: { tags, params: idParam, querystring: issueQuery, response: { 200: issuePage } },
      },
      (req) => service.issues(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/ingest/batches/:id/rejects.xlsx',
      { config: { access: readers }, schema: { tags, params: idParam } },
      async (req, reply) => {
        const workbook = await service.rejectsWorkbook(req.ctx, req.params.id, req.lang);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="batch-${req.params.id}-rejects.xlsx"`)
          .send(workbook);
      },
    );
    app.get(
      '/api/ingest/records/:resource',
      {
        config: { access: readers },
        schema: { tags, params: resourceParam, querystring: recordQuery, response: { 200: recordPage } },
      },
      (req) => service.records(req.ctx, req.params.resource, req.query),
    );
    app.get(
      '/api/ingest/quality/:resource',
      {
        config: { access: readers },
        schema: { tags, params: resourceParam, response: { 200: z.array(qualityPoint) } },
      },
      (req) => service.qualityHistory(req.ctx, req.params.resource),
    );
  };
}
