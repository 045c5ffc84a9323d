import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createHttpServer } from './http.ts';
import { createLogger } from './logger.ts';

/** An error as the database drivers throw it: the statement's values hang on it, its message quotes one. */
function driverError() {
  return Object.assign(new Error('invalid input syntax for type uuid: "430112199001011234"'), {
    code: '22P02',
    severity: 'ERROR',
    detail: 'Key (id_number)=(430112199001015678) already exists.',
    params: ['430112199001019999'],
    query: 'select * from t where id = $1',
  });
}

/** The core server with routes that fail the ways code can, and the lines it logs. */
async function failingServer() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await createHttpServer({
    config: loadConfig({}),
    logger: createLogger('info', sink),
    authenticate: async () => null,
    onDenied: async () => {},
    version: 'test',
  });
  app.get('/api/bug', { config: { access: 'public' } }, async () => {
    return (undefined as unknown as { x: { y: number } }).x.y;
  });
  app.get('/api/driver', { config: { access: 'public' } }, async () => {
    throw driverError();
  });
  app.get('/api/library', { config: { access: 'public' } }, async () => {
    throw Object.assign(new Error('Cannot read properties of undefined (reading "secret")'), {
      statusCode: 400,
    });
  });
  await app.ready();
  return { app, lines };
}

describe('what an error tells the caller and the log', () => {
  it('answers failures with the generic message only', async () => {
    const { app } = await failingServer();
    for (const url of ['/api/bug', '/api/driver', '/api/library']) {
      const res = await app.inject({
        url: `${url}?id=430112199001011234`,
        headers: { 'accept-language': 'en' },
      });
      expect(res.body, url).not.toMatch(/Cannot read|430112|syntax/);
      expect(res.json().detail, url).toMatch(/^(Internal server error|The request cannot be processed)$/);
    }
    await app.close();
  });

  it('logs no query string, no statement values and no quoted input', async () => {
    const { app, lines } = await failingServer();
    await app.inject({ url: '/api/driver?id=430112199001011234' });
    await app.inject({ url: '/api/bug?id=430112199001011234' });
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('unhandled error');
    expect(logged).toContain('/api/driver'); // the route, to find the fault
    expect(logged).toContain('Cannot read properties of undefined'); // a bug's own words stay
    expect(logged).toContain('invalid input syntax for type uuid');
    expect(logged).not.toContain('430112');
  });
});
