import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../test/databases.ts';
import { webDist } from './web-console.ts';

// The guards every request passes in core (src/core/http-guards.ts), exercised through the real server.
describe.each(databaseKinds)('request guards on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  let adminId: number;
  let token: string;
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    adminId = (await p.app.inject({ url: '/api/auth/me', headers: admin })).json().id;
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: admin,
      payload: { name: 'script' },
    });
    token = created.json().token;
  });
  afterAll(() => p?.close());

  it('puts the browser security headers on the console, its files, the API and the API docs', async () => {
    // Needs the built console (npm install builds web/dist).
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(
      fs.readFileSync(path.join(webDist, 'index.html'), 'utf8'),
    )![1]!;
    const paths = [
      '/',
      '/verify',
      '/open',
      '/favicon.svg',
      script,
      '/api/health',
      '/api/users', // refused: 401
      '/api/nothing-here', // 404
      '/api/docs/',
      '/api/docs/static/swagger-ui.css',
      '/api/openapi.json',
      '/open/api/3/action/package_list',
      '/api/catalog/resources/%C3%28', // a URL the router cannot decode
    ];
    for (const url of paths) {
      const res = await p.app.inject({ url, headers: url === '/api/users' ? {} : admin });
      expect(res.statusCode, url).toBeLessThan(500);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('refuses cross-site writes made with the session cookie, not those made with a token', async () => {
    const unlock = (headers: Record<string, string>) =>
      p.app.inject({ method: 'POST', url: `/api/users/${adminId}/unlock`, headers });
    const crossSite: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site', origin: 'https://other.localhost' },
    ];
    for (const headers of crossSite) {
      const res = await unlock({ ...admin, ...headers });
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('cross_site_request');
    }
    const en = await unlock({ ...admin, origin: 'https://evil.example', 'accept-language': 'en' });
    expect(en.json().detail).toMatch(/another site/);
    // Issuing and revoking sharing credentials: refused before the grant is even looked up.
    for (const url of ['/api/sharing/grants/1/credentials', '/api/sharing/credentials/1/revoke']) {
      const res = await p.app.inject({
        method: 'POST',
        url,
        headers: { ...admin, 'sec-fetch-site': 'cross-site' },
      });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('cross_site_request');
      const own = await p.app.inject({
        method: 'POST',
        url,
        headers: { ...admin, 'sec-fetch-site': 'same-origin' },
      });
      expect(own.json().code, url).not.toBe('cross_site_request');
    }
    // The console itself, a user's own navigation, a client that is no browser, and a bearer token pass.
    expect((await unlock({ ...admin, origin: 'http://localhost' })).statusCode).toBe(200);
    expect(
      (await unlock({ ...admin, 'sec-fetch-site': 'same-origin', origin: 'http://localhost' })).statusCode,
    ).toBe(200);
    expect((await unlock({ ...admin, 'sec-fetch-site': 'none' })).statusCode).toBe(200);
    expect((await unlock(admin)).statusCode).toBe(200);
    const bearer = { authorization: `Bearer ${token}`, origin: 'https://evil.example' };
    expect((await unlock({ ...bearer, 'sec-fetch-site': 'cross-site' })).statusCode).toBe(200);
    // Reads are not writes.
    const read = await p.app.inject({
      url: '/api/auth/me',
      headers: { ...admin, 'sec-fetch-site': 'cross-site' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('answers NUL, lone surrogates and bytes that are not UTF-8 with 400 naming the field, on any route', async () => {
    const cases: [string, string, Record<string, unknown> | string | Buffer | undefined, string, string][] = [
      ['GET', '/api/catalog/resources?q=%00', undefined, 'q', 'forbidden_character'],
      ['GET', '/api/departments?page=1&q=a%00b', undefined, 'q', 'forbidden_character'],
      ['GET', '/api/catalog/resources?q=%C3%28', undefined, 'q', 'not_utf8'],
      ['GET', '/api/catalog/resources?q=%ED%A0%80', undefined, 'q', 'not_utf8'], // an encoded surrogate
      ['GET', '/api/catalog/resources/x%00', undefined, 'code', 'forbidden_character'],
      ['GET', '/api/registry/entities?q=%00', undefined, 'q', 'forbidden_character'],
      ['GET', '/api/catalog/resources/%C3%28', undefined, 'path', 'not_utf8'],
      ['POST', '/api/departments', { code: 'X1', name: 'a\u0000b' }, 'name', 'forbidden_character'],
      ['POST', '/api/departments', '{"code":"X1","name":"\\ud800"}', 'name', 'forbidden_character'],
      [
        'POST',
        '/api/departments',
        { code: 'X1', tags: [{ k: '\u0000' }] },
        'tags.0.k',
        'forbidden_character',
      ],
      ['POST', '/api/departments', Buffer.from('{"name":"\xc3("}', 'latin1'), 'body', 'not_utf8'],
    ];
    for (const [method, url, payload, field, reason] of cases) {
      const res = await p.app.inject({
        method: method as 'GET',
        url,
        headers: { ...admin, 'content-type': 'application/json' },
        payload: payload as string,
      });
      expect(res.statusCode, url).toBe(400);
      const body = res.json();
      expect(body.code, url).toBe('invalid_input');
      expect(body.errors, url).toEqual([expect.objectContaining({ field, reason })]);
    }
    // Before any credential check or call log: the sharing API answers 400, not 401 or 503.
    const share = await p.app.inject({ url: '/api/share/v1/population/x%00' });
    expect(share.statusCode).toBe(400);
    expect(share.json().errors[0].field).toBe('key');
    // Plain text and Chinese pass.
    const fine = await p.app.inject({ url: '/api/catalog/resources?q=%E4%BA%BA%E5%8F%A3+x', headers: admin });
    expect(fine.statusCode).toBe(200);
  });

  it('keeps anonymous bodies and every query string small', async () => {
    const big = 'x'.repeat(100 * 1024);
    const loginBody = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: big, password: 'x' },
    });
    expect(loginBody.statusCode).toBe(413);
    expect(loginBody.json().code).toBe('request_body_too_large');
    const ckan = await p.app.inject({
      method: 'POST',
      url: '/open/api/3/action/package_search',
      payload: { fq: `name:${big}` },
    });
    expect(ckan.statusCode).toBe(413);
    // A signed-in route takes the same body (and refuses it for what it says, not for its size).
    const signedIn = await p.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: admin,
      payload: { code: 'X1', name: big },
    });
    expect(signedIn.statusCode).toBe(400);
    expect(signedIn.json().code).toBe('invalid_input');
    const query = await p.app.inject({ url: `/open/api/3/action/package_search?fq=${'x'.repeat(9000)}` });
    expect(query.statusCode).toBe(400);
    expect(query.json().code).toBe('query_too_long');
  });

  it('answers bad JSON and CKAN prototype names without echoing internals', async () => {
    const bad = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"username": 430112199001011234',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('malformed_json');
    expect(bad.body).not.toContain('430112');
    for (const query of ['sort=__proto__', 'sort=constructor', 'fq=constructor:x', 'fq=__proto__:x']) {
      const res = await p.app.inject({ url: `/open/api/3/action/package_search?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.__type, query).toBe('Search Query Error');
    }
  });
});
