import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { NotFoundError } from '../core/errors.ts';
import type { App } from '../core/http.ts';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Serves the built console and the citizen app from web/dist. Hashed assets are cached for good; any other GET
 * path without a file extension is a page: under /m the app's m/index.html, elsewhere the console's index.html;
 * everything else is a 404.
 */
export async function registerWebConsole(app: App) {
  const built = fs.existsSync(path.join(webDist, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      // The build writes .br and .gz copies of its text files (web/precompress.ts): sent by Accept-Encoding,
      // with Content-Encoding and Vary, at no cost per request.
      preCompressed: true,
      setHeaders(res, file) {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        res.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0]!;
    const consoleRoute =
      request.method === 'GET' && !pathname.startsWith('/api/') && !/\.\w+$/.test(pathname);
    if (!built || !consoleRoute)
      return reply.send(new NotFoundError('route', `${request.method} ${pathname}`));
    const page = pathname === '/m' || pathname.startsWith('/m/') ? 'm/index.html' : 'index.html';
    return reply.header('cache-control', 'no-cache').sendFile(page);
  });
}
