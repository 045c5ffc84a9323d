import { InputError } from '../../../core/errors.ts';
import type { App } from '../../../core/http.ts';
import { catalogPolicy } from '../policy.ts';
import {
  dcatDocument,
  exportQuery,
  importFailure,
  importQuery,
  importResult,
  XLSX_TYPE,
} from './contract.ts';
import type { ExchangeService } from './service.ts';

// A workbook of a few thousand resources is a few MB; the server's default body limit is 10 MB.
const IMPORT_LIMIT = 20 * 1024 * 1024;

/** Content-Disposition for a download, with the Chinese file name for browsers that read filename*. */
function attachment(name: string, asciiName: string) {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

/** Catalog export and import: the XLSX sheet departments fill in, and DCAT-AP JSON-LD. */
export function exchangeRoutes(exchange: ExchangeService) {
  return async (app: App) => {
    const tags = ['catalog'];
    // Parsers of this plugin only: the workbook arrives as the raw request body (no multipart).
    app.addContentTypeParser(
      [XLSX_TYPE, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
      (_req, body, done) => done(null, body),
    );
    app.addContentTypeParser(
      'application/ld+json',
      { parseAs: 'string', bodyLimit: IMPORT_LIMIT },
      app.getDefaultJsonParser('error', 'error'),
    );

    app.get(
      '/api/catalog/export.xlsx',
      {
        config: { access: catalogPolicy.read },
        schema: { summary: '导出资源目录（XLSX）', tags, querystring: exportQuery },
      },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment(`资源目录-${today()}.xlsx`, `catalog-${today()}.xlsx`))
          .send(await exchange.exportXlsx(req.ctx, req.query)),
    );
    app.get(
      '/api/catalog/template.xlsx',
      { config: { access: catalogPolicy.read }, schema: { summary: '下载资源目录导入模板（XLSX）', tags } },
      async (req, reply) =>
        reply
          .type(XLSX_TYPE)
          .header('content-disposition', attachment('资源目录模板.xlsx', 'catalog-template.xlsx'))
          .send(await exchange.template(req.ctx)),
    );
    app.get(
      '/api/catalog/catalog.jsonld',
      {
        config: { access: catalogPolicy.read },
        // No response schema: the serializer would drop every property it does not name.
        schema: {
          summary: '导出资源目录（DCAT-AP JSON-LD）',
          tags,
          querystring: exportQuery,
          description: 'A dcat:Catalog in JSON-LD (DCAT-AP).',
        },
      },
      async (req, reply) =>
        reply
          .type('application/ld+json')
          .send(await exchange.exportDcat(req.ctx, req.query, `${req.protocol}://${req.host}`)),
    );
    app.post(
      '/api/catalog/import.xlsx',
      {
        config: { access: catalogPolicy.write },
        bodyLimit: IMPORT_LIMIT,
        schema: {
          summary: '导入资源目录（XLSX）',
          tags,
          description: `The workbook as the raw request body, Content-Type ${XLSX_TYPE}.`,
          querystring: importQuery,
          response: { 200: importResult, 400: importFailure },
        },
      },
      // A refused import is thrown (ImportFailedError) and sent as a problem document with every error.
      async (req) => {
        if (!Buffer.isBuffer(req.body))
          throw new InputError('not_a_workbook', 'The body is not an XLSX workbook');
        return exchange.importXlsx(req.ctx, req.body, { dryRun: req.query.dryRun === 'true' });
      },
    );
    app.post(
      '/api/catalog/import.jsonld',
      {
        config: { access: catalogPolicy.write },
        bodyLimit: IMPORT_LIMIT,
        schema: {
          summary: '导入资源目录（DCAT-AP JSON-LD）',
          tags,
          querystring: importQuery,
          body: dcatDocument,
          response: { 200: importResult, 400: importFailure },
        },
      },
      (req) => exchange.importDcat(req.ctx, req.body, { dryRun: req.query.dryRun === 'true' }),
    );
  };
}
