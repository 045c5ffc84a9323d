import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../test/databases.ts';

// Needs the built web app (npm install builds web/dist): the citizen app is web/dist/m.
describe('serving the citizen app (/m)', () => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform('pglite');
  });
  afterAll(() => p?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'GET', url, headers });

  it("answers /m and every path under it with the app's page, never cached, and other paths with the console's", async () => {
    for (const url of ['/m', '/m/', '/m/login', '/m/reports/WC-2026-000001?tab=reply', '/m/me/']) {
      const page = await get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toMatch(/^text\/html/);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      // The app's page (its manifest), not the console's.
      expect(page.body, url).toContain('<link rel="manifest" href="/m/manifest.webmanifest"');
      expect(page.body, url).toContain('<div id="root">');
    }
    // A path that only begins with "m" is the console's.
    const consolePage = await get('/mobile-devices');
    expect(consolePage.statusCode).toBe(200);
    expect(consolePage.body).not.toContain('manifest.webmanifest');
    // A missing file under /m is a 404, not the page.
    expect((await get('/m/gone-1234.js')).statusCode).toBe(404);
  });

  it('serves the manifest and the service worker from /m/ with their types, the worker never cached', async () => {
    const manifest = await get('/m/manifest.webmanifest');
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(manifest.json()).toMatchObject({ start_url: '/m/', scope: '/m/', display: 'standalone' });
    for (const icon of ['/m/icon-192.png', '/m/icon-512.png']) {
      const res = await get(icon);
      expect(res.statusCode, icon).toBe(200);
      expect(res.headers['content-type'], icon).toBe('image/png');
    }

    const worker = await get('/m/sw.js', { 'accept-encoding': 'br' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    // The browser must see each release's worker on the next visit.
    expect(worker.headers['cache-control']).toBe('no-cache');
    const plain = await get('/m/sw.js');
    // Stamped by the build with its version (web/service-worker.ts).
    expect(plain.body).toMatch(/^const BUILD = \{"version":"[0-9a-f]{12}","precache":\["\/assets\//m);
  });
});
