import { z } from 'zod';
import type { App } from '../../../core/http.ts';
import {
  batch,
  batchPage,
  batchQuery,
  idParam,
  issuePage,
  issueQuery,
  qualityPoint,
  resourceParam,
} from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import type { BatchReads } from './service.ts';

/** Batches: the list, one batch, its rejected and flagged rows (also as a workbook), and quality over time. */
export function batchRoutes(service: BatchReads) {
  return async (app: App) => {
    const tags = ['ingest'];
    const access = ingestPolicy.read;
    app.get(
      '/api/ingest/batches',
      {
        config: { access },
        schema: { summary: '查询归集批次', tags, querystring: batchQuery, response: { 200: batchPage } },
      },
      (req) => service.list(req.ctx, req.query),
    );
    app.get(
      '/api/ingest/batches/:id',
      {
        config: { access },
        schema: { summary: '查看归集批次', tags, params: idParam, response: { 200: batch } },
      },
      (req) => service.get(req.ctx, req.params.id),
    );
    app.get(
      '/api/ingest/batches/:id/issues',
      {
        config: { access },
        schema: {
          summary: '列出批次的数据问题',
          tags,
          params: idParam,
          querystring: issueQuery,
          response: { 200: issuePage },
        },
      },
      (req) => service.issues(req.ctx, req.params.id, req.query),
    );
    app.get(
      '/api/ingest/batches/:id/rejects.xlsx',
      { config: { access }, schema: { summary: '下载批次的拒收行（XLSX）', tags, params: idParam } },
      async (req, reply) => {
        const workbook = await service.rejectsWorkbook(req.ctx, req.params.id, req.lang);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="batch-${req.params.id}-rejects.xlsx"`)
          .send(workbook);
      },
    );
    app.get(
      '/api/ingest/quality/:resource',
      {
        config: { access },
        schema: {
          summary: '查看资源的数据质量',
          tags,
          params: resourceParam,
          response: { 200: z.array(qualityPoint) },
        },
      },
      (req) => service.qualityHistory(req.ctx, req.params.resource),
    );
  };
}
