import type { App } from '../../../core/http.ts';
import { eventsPolicy } from '../policy.ts';
import { MEDIA_MAX_BYTES, mediaParam, mediaUploaded } from './contract.ts';
import type { MediaService } from './service.ts';

/** Photos of cases: uploaded as the raw request body by the grid page, read by signed-in users. */
export function mediaRoutes(media: MediaService) {
  return async (app: App) => {
    const tags = ['events'];
    // Parsers of this plugin only: the photo is the raw body, whatever type the browser names (the bytes decide).
    app.addContentTypeParser(
      ['application/octet-stream', 'image/jpeg', 'image/png', 'image/webp'],
      { parseAs: 'buffer', bodyLimit: MEDIA_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    app.post(
      '/api/events/media',
      {
        config: { access: eventsPolicy.report },
        bodyLimit: MEDIA_MAX_BYTES,
        schema: {
          summary: '上传事件照片（JPEG、PNG、WebP，不超过 10 MB，请求体为图片本身）',
          tags,
          response: { 201: mediaUploaded },
        },
      },
      async (req, reply) => reply.code(201).send(await media.save(req.ctx, req.body as Buffer | undefined)),
    );
    app.get(
      '/api/events/media/:name',
      {
        config: { access: eventsPolicy.read },
        schema: { summary: '查看事件照片', tags, params: mediaParam },
      },
      async (req, reply) => {
        const { bytes, contentType } = await media.read(req.params.name);
        // The name is the content's hash: the bytes behind a name never change.
        return reply
          .type(contentType)
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    );
  };
}
