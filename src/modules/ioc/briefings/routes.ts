import type { App } from '../../../core/http.ts';
import {
  briefingDetail,
  briefingFigures,
  briefingFiguresQuery,
  briefingId,
  briefingList,
  briefingListQuery,
  briefingRequest,
  briefingSummary,
} from '../contract.ts';
import { iocPolicy } from '../policy.ts';
import type { IocServices } from '../services.ts';
import type { BriefingDocumentFormat } from './contract.ts';

/**
 * Content-Disposition of a download: the Chinese name in `filename*` (RFC 5987, UTF-8 percent-encoded, with the
 * characters encodeURIComponent leaves but RFC 5987 forbids encoded too) and an ASCII name for older clients.
 */
export function contentDisposition(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

/** The briefings' routes: the archive, generating on demand, the documents and a period's figures. */
export function briefingRoutes(s: IocServices) {
  const { briefings } = s;
  return async (app: App) => {
    const tags = ['ioc'];
    app.get(
      '/api/ioc/briefings',
      {
        config: { access: iocPolicy.readBriefings },
        schema: {
          summary: '运营简报归档列表',
          tags,
          querystring: briefingListQuery,
          response: { 200: briefingList },
        },
      },
      (req) => briefings.list(req.ctx, req.query),
    );
    app.post(
      '/api/ioc/briefings',
      {
        config: { access: iocPolicy.generateBriefings },
        schema: { summary: '生成运营简报', tags, body: briefingRequest, response: { 201: briefingSummary } },
      },
      async (req, reply) =>
        reply.code(201).send(await briefings.generate(req.ctx, req.body.period, 'manual')),
    );
    app.get(
      '/api/ioc/briefings/figures',
      {
        config: { access: iocPolicy.readBriefings },
        schema: {
          summary: '某期运营数据（不生成简报）',
          tags,
          querystring: briefingFiguresQuery,
          response: { 200: briefingFigures },
        },
      },
      (req) => briefings.figures(req.ctx, req.query.period),
    );
    app.get(
      '/api/ioc/briefings/:id',
      {
        config: { access: iocPolicy.readBriefings },
        schema: { summary: '运营简报详情', tags, params: briefingId, response: { 200: briefingDetail } },
      },
      (req) => briefings.get(req.ctx, req.params.id),
    );
    const download = (format: BriefingDocumentFormat, summary: string) =>
      app.get(
        `/api/ioc/briefings/:id/${format}`,
        {
          config: { access: iocPolicy.readBriefings },
          schema: { summary, tags, params: briefingId },
        },
        async (req, reply) => {
          const file = await briefings.document(req.ctx, req.params.id, format);
          return reply
            .type(file.contentType)
            .header('content-disposition', contentDisposition(file.fileName, file.asciiName))
            .send(file.bytes);
        },
      );
    download('docx', '下载运营简报（DOCX）');
    download('pdf', '下载运营简报（PDF）');
  };
}
