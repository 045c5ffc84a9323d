import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../test/databases.ts';

describe.each(databaseKinds)('route rate limits on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let offset = 0;
  beforeAll(async () => {
    p = await startTestPlatform(
      kind,
      {
        ONECITY_RATE_LIMIT_VERIFY: '3',
        ONECITY_RATE_LIMIT_CKAN: '2',
        ONECITY_RATE_LIMIT_DOWNLOAD: '2',
        ONECITY_RATE_LIMIT_LOGIN: '4',
        ONECITY_RATE_LIMIT_LOGIN_TOTAL: '6',
      },
      () => new Date(Date.now() + offset),
    );
  });
  afterAll(() => p?.close());

  const from = (remoteAddress: string, url: string, lang = 'en') =>
    p.app.inject({ method: 'GET', url, remoteAddress, headers: { 'accept-language': lang } });
  const verifyUrl = '/api/public/licenses/verify?id=1.2.156.3005.2.x';

  it('refuses license checks past the limit with 429, Retry-After and a problem saying when, per address', async () => {
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1', verifyUrl)).statusCode).toBe(200);
    const refused = await from('10.0.0.1', verifyUrl);
    expect(refused.statusCode).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 429,
      code: 'rate_limited',
      detail: `Too many requests; try again in ${retryAfter} seconds`,
      params: { retryAfter },
    });
    expect((await from('10.0.0.1', verifyUrl, 'zh-CN')).json().detail).toMatch(/请求过于频繁.*秒后重试/);
    // Another address has its own count.
    expect((await from('10.0.0.2', verifyUrl)).statusCode).toBe(200);
    // When the minute has passed, the first address may check again.
    offset += 60_000;
    expect((await from('10.0.0.1', verifyUrl)).statusCode).toBe(200);
  });

  it('limits CKAN calls and open-data downloads, counting before any work is done', async () => {
    const ckan = '/open/api/3/action/package_list';
    for (let i = 0; i < 2; i++) expect((await from('10.0.1.1', ckan)).statusCode).toBe(200);
    expect((await from('10.0.1.1', ckan)).statusCode).toBe(429);
    // An unknown dataset costs a query too: it counts.
    const download = '/api/open/resources/nothing/data.csv';
    for (let i = 0; i < 2; i++) expect((await from('10.0.1.1', download)).statusCode).toBe(404);
    const refused = await from('10.0.1.1', download);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    // Listing the catalog is not a download.
    expect((await from('10.0.1.1', '/api/open/resources')).statusCode).toBe(200);
  });

  it('limits sign-in attempts per address and from all addresses together', async () => {
    const attempt = (remoteAddress: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress,
        payload: { username: 'nobody', password: 'x' },
      });
    for (let i = 0; i < 4; i++) expect((await attempt('10.0.2.1')).statusCode).toBe(401);
    expect((await attempt('10.0.2.1')).statusCode).toBe(429);
    // Spraying from other addresses meets the overall limit (6 a minute; 4 used above).
    expect((await attempt('10.0.2.2')).statusCode).toBe(401);
    expect((await attempt('10.0.2.3')).statusCode).toBe(401);
    const overall = await attempt('10.0.2.4');
    expect(overall.statusCode).toBe(429);
    expect(overall.json().code).toBe('rate_limited');
  });
});

describe.each(databaseKinds)('route rate limits behind a reverse proxy on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform(kind, { ONECITY_TRUST_PROXY: 'true', ONECITY_RATE_LIMIT_VERIFY: '1' });
  });
  afterAll(() => p?.close());

  it('counts per client address from X-Forwarded-For, not per proxy', async () => {
    const from = (client: string) =>
      p.app.inject({
        method: 'GET',
        url: '/api/public/licenses/verify?id=x',
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': client },
      });
    expect((await from('203.0.113.1')).statusCode).toBe(200);
    expect((await from('203.0.113.2')).statusCode).toBe(200);
    expect((await from('203.0.113.1')).statusCode).toBe(429);
  });
});
