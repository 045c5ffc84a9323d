import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, databaseKinds, login, startTestPlatform } from '../../../test/databases.ts';

describe.each(databaseKinds)('scheduled pulls on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  let admin: { cookie: string };
  let server: http.Server;
  let base: string;
  const seenAuth: (string | undefined)[] = [];
  beforeAll(async () => {
    p = await startTestPlatform(kind);
    admin = await login(p.app, 'admin', ADMIN_PASSWORD);
    // A departmental system on this machine: water levels under data.items, and a broken endpoint.
    server = http.createServer((req, res) => {
      seenAuth.push(req.headers.authorization);
      if (req.url === '/broken') return res.writeHead(500).end('down');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: {
            items: [
              { station_code: 'SW01', observed_at: '2026-11-24 08:00', level_m: 31.2 },
              { station_code: 'SW02', observed_at: 'yesterday', level_m: 30 },
            ],
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await p?.close();
  });

  const call = (method: string, url: string, payload?: unknown, headers = admin) =>
    p.app.inject({ method: method as 'GET', url, headers, payload: payload as object });

  it('pulls due sources once per interval, loading what they return as batches', async () => {
    const created = await call('POST', '/api/ingest/pulls', {
      resource: 'slj_water_level',
      name: '水文站接口',
      url: `${base}/levels`,
      headers: { authorization: 'Bearer secret-token' },
      recordsPath: 'data.items',
      intervalMinutes: 60,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ headerNames: ['authorization'], enabled: true });
    expect(created.body).not.toContain('secret-token');

    expect(await p.modules.ingest.pulls.runDue()).toBe(1);
    expect(seenAuth).toEqual(['Bearer secret-token']);
    expect(await p.modules.ingest.pulls.runDue()).toBe(0); // not due again for an hour
    const [source] = (await call('GET', '/api/ingest/pulls')).json();
    expect(source.lastError).toBeNull();
    const batch = (await call('GET', `/api/ingest/batches/${source.lastBatchId}`)).json();
    expect(batch).toMatchObject({
      sourceKind: 'pull',
      inserted: 1,
      rejected: 1,
      rejectedByReason: { date_invalid: 1 },
    });
  });

  it('keeps the error of a failing source, and runs a source on demand', async () => {
    const created = (
      await call('POST', '/api/ingest/pulls', {
        resource: 'slj_water_level',
        name: '坏接口',
        url: `${base}/broken`,
        intervalMinutes: 5,
      })
    ).json();
    const ran = (await call('POST', `/api/ingest/pulls/${created.id}/run`)).json();
    expect(ran.lastError).toMatch(/HTTP 500/);
    const disabled = await call('PATCH', `/api/ingest/pulls/${created.id}`, { enabled: false });
    expect(disabled.json().enabled).toBe(false);
    expect((await call('DELETE', `/api/ingest/pulls/${created.id}`)).statusCode).toBe(204);
    expect((await call('POST', `/api/ingest/pulls/${created.id}/run`)).statusCode).toBe(404);
  });

  it('refuses bad settings by field, and leaves pulls to center staff', async () => {
    const bad = await call('POST', '/api/ingest/pulls', {
      resource: 'nope',
      name: 'x',
      url: 'ftp://x',
      intervalMinutes: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['intervalMinutes', 'url']);
    const slj = await p.modules.org.service.findDepartmentByCode('SLJ');
    await call('POST', '/api/users', {
      username: 'slj1',
      displayName: '水利',
      departmentId: slj!.id,
      roles: ['department_user'],
      password: 'Slj#2026xx',
    });
    const user = await login(p.app, 'slj1', 'Slj#2026xx');
    expect(
      (
        await call(
          'POST',
          '/api/ingest/pulls',
          { resource: 'slj_water_level', name: 'x', url: `${base}/levels`, intervalMinutes: 5 },
          user,
        )
      ).statusCode,
    ).toBe(403);
  });
});
