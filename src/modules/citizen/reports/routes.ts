import type { FastifyError } from 'fastify';
import type { App } from '../../../core/http.ts';
import { handleError } from '../../../core/http-errors.ts';
import { citizenPolicy } from '../policy.ts';
import {
  photoParam,
  photoUploaded,
  REPORT_PHOTO_MAX_BYTES,
  reportDetail,
  reportInput,
  reportNumberParam,
  reportPage,
  reportQuery,
  reportRating,
  reportSuggestion,
  suggestionQuery,
} from './contract.ts';
import { PhotoTooLargeError, type ReportService } from './service.ts';

/** The citizen app's reports (随手拍): the resident's photos, suggestions, reports and ratings. */
export function reportRoutes(reports: ReportService) {
  return async (app: App) => {
    const tags = ['citizen'];
    const access = citizenPolicy.resident;
    // This scope's parsers only: a photo is the raw body whatever type the phone names (the bytes decide).
    app.addContentTypeParser(
      ['application/octet-stream', 'image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: REPORT_PHOTO_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    // A photo over the limit is stopped while it is read: told in the resident's words, not as a bare 413.
    app.setErrorHandler((error: FastifyError, request, reply) =>
      handleError(
        error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? (new PhotoTooLargeError() as never) : error,
        request,
        reply,
      ),
    );
    app.post(
      '/api/citizen/photos',
      {
        config: { access },
        bodyLimit: REPORT_PHOTO_MAX_BYTES,
        schema: {
          summary: '随手拍：上传照片（JPEG、PNG、WebP，不超过 5 MB，请求体为图片本身）',
          tags,
          response: { 201: photoUploaded },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await reports.uploadPhoto(req.ctx, req.body as Buffer | undefined)),
    );
    app.get(
      '/api/citizen/photos/:name',
      { config: { access }, schema: { summary: '随手拍：查看我上传的照片', tags, params: photoParam } },
      async (req, reply) => {
        const { bytes, contentType } = await reports.photo(req.ctx, req.params.name);
        // The name is the content's hash: the bytes behind it never change; only this resident may keep them.
        return reply
          .type(contentType)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    );
    app.get(
      '/api/citizen/report-suggestions',
      {
        config: { access },
        schema: {
          summary: '随手拍：推荐类别与位置解析',
          tags,
          querystring: suggestionQuery,
          response: { 200: reportSuggestion },
        },
      },
      (req) => reports.suggest(req.ctx, req.query),
    );
    app.post(
      '/api/citizen/reports',
      {
        config: { access },
        schema: { summary: '随手拍：反映问题', tags, body: reportInput, response: { 201: reportDetail } },
      },
      async (req, reply) => reply.code(201).send(await reports.create(req.ctx, req.body)),
    );
    app.get(
      '/api/citizen/reports',
      {
        config: { access },
        schema: { summary: '我的随手拍', tags, querystring: reportQuery, response: { 200: reportPage } },
      },
      (req) => reports.list(req.ctx, req.query),
    );
    app.get(
      '/api/citizen/reports/:number',
      {
        config: { access },
        schema: {
          summary: '我的随手拍：办理进度与答复',
          tags,
          params: reportNumberParam,
          response: { 200: reportDetail },
        },
      },
      (req) => reports.get(req.ctx, req.params.number),
    );
    app.post(
      '/api/citizen/reports/:number/rating',
      {
        config: { access },
        schema: {
          summary: '我的随手拍：评价办理结果（回访）',
          tags,
          params: reportNumberParam,
          body: reportRating,
          response: { 200: reportDetail },
        },
      },
      (req) => reports.rate(req.ctx, req.params.number, req.body),
    );
  };
}
