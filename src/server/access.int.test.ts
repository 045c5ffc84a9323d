import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../test/databases.ts';

describe.each(databaseKinds)('route access on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let citizen: { cookie: string };
  let screen: { cookie: string };
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    const admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    const account = async (username: string, role: string) => {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: {
          username,
          displayName: username,
          departmentId: null,
          roles: [role],
          password: 'Account#2026',
        },
      });
      expect(res.statusCode).toBe(201);
      return login(p.app, username, 'Account#2026');
    };
    citizen = await account('citizen1', 'citizen');
    screen = await account('screen1', 'screen');
  });
  afterAll(() => p?.close());

  const concrete = (url: string) => url.replace(/:(\w+)/g, '1');

  it('has every API route declare who may call it', () => {
    expect(p.app.accessTable.length).toBeGreaterThan(20);
    const publicRoutes = p.app.accessTable
      .filter((r) => r.access === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual([
      'GET /api/citizen/notices',
      'GET /api/citizen/notices/:id',
      'GET /api/citizen/services',
      'GET /api/citizen/services/:id',
      'GET /api/health',
      'GET /api/open/overview',
      'GET /api/open/providers',
      'GET /api/open/resources',
      'GET /api/open/resources/:name',
      'GET /api/open/resources/:name/data.csv',
      'GET /api/open/resources/:name/data.json',
      'GET /api/open/resources/:name/data.xlsx',
      'GET /api/open/resources/:name/preview',
      'GET /api/openapi.json',
      'GET /api/public/license-shares/:token',
      'GET /api/public/licenses/verify',
      'GET /api/ready',
      'POST /api/auth/login',
      'POST /api/citizen/signup',
    ]);
  });

  it('refuses every non-public route without credentials, and with a forged session', async () => {
    for (const route of p.app.accessTable.filter((r) => r.access !== 'public')) {
      const url = concrete(route.url);
      const anonymous = await p.app.inject({
        method: route.method as 'GET',
        url,
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      expect(anonymous.statusCode, `${route.method} ${route.url}`).toBe(401);
      const forged = await p.app.inject({
        method: route.method as 'GET',
        url,
        headers: { cookie: 'onecity_session=forged' },
      });
      expect(forged.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('refuses every role-restricted route to a user without the role', async () => {
    const restricted = p.app.accessTable.filter(
      (r) => Array.isArray(r.access) && !r.access.includes('citizen'),
    );
    expect(restricted.length).toBeGreaterThan(5);
    for (const route of restricted) {
      const res = await p.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers: citizen,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
  });

  it('lets a screen account call only the screen and its own session', async () => {
    const screenRoutes = (r: (typeof p.app.accessTable)[number]) =>
      r.access === 'public' ||
      r.access === 'credential' ||
      r.screen ||
      (Array.isArray(r.access) && r.access.includes('screen'));
    const refused = p.app.accessTable.filter((r) => !screenRoutes(r));
    expect(refused.length).toBeGreaterThan(20);
    for (const route of refused) {
      const res = await p.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        headers: screen,
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
    const me = await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: screen });
    expect(me.statusCode).toBe(200);
    expect(me.json().roles).toEqual(['screen']);
    // The 'authenticated' routes open to it: its own session's, and the district outline the screen's map draws.
    const allowed = p.app.accessTable.filter((r) => r.screen).map((r) => `${r.method} ${r.url}`);
    expect(allowed.sort()).toEqual([
      'GET /api/auth/me',
      'GET /api/divisions/map',
      'POST /api/auth/logout',
      'POST /api/auth/password',
    ]);
  });
});
