import type { App } from '../../../core/http.ts';
import { recordPage, recordQuery, resourceParam } from '../contract.ts';
import { ingestPolicy } from '../policy.ts';
import type { RecordReads } from './service.ts';

/** A resource's loaded records, searched by key. */
export function recordRoutes(service: RecordReads) {
  return async (app: App) => {
    app.get(
      '/api/ingest/records/:resource',
      {
        config: { access: ingestPolicy.read },
        schema: {
          summary: '查询资源已归集的数据',
          tags: ['ingest'],
          params: resourceParam,
          querystring: recordQuery,
          response: { 200: recordPage },
        },
      },
      (req) => service.records(req.ctx, req.params.resource, req.query),
    );
  };
}
