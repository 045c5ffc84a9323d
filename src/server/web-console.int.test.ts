import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../test/databases.ts';
import { webDist } from './web-console.ts';

// Needs the built console (npm install builds web/dist).
describe('serving the web console', () => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform('pglite');
  });
  afterAll(() => p?.close());

  it('answers console routes with the index page, and missing files and API paths with 404', async () => {
    const page = await p.app.inject({ method: 'GET', url: '/departments?page=2' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    const missingAsset = await p.app.inject({ method: 'GET', url: '/assets/gone-1234.js' });
    expect(missingAsset.statusCode).toBe(404);
    const missingApi = await p.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(missingApi.statusCode).toBe(404);
    expect(missingApi.headers['content-type']).toMatch(/problem\+json/);
  });

  it('sends scripts compressed as the browser accepts, brotli before gzip, and plain to a client that asks none', async () => {
    const script = fs
      .readdirSync(path.join(webDist, 'assets'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => ({ name, size: fs.statSync(path.join(webDist, 'assets', name)).size }))
      .toSorted((a, b) => b.size - a.size)[0]!;
    const plain = fs.readFileSync(path.join(webDist, 'assets', script.name));
    const get = (encoding?: string) =>
      p.app.inject({
        method: 'GET',
        url: `/assets/${script.name}`,
        headers: encoding ? { 'accept-encoding': encoding } : {},
      });

    const br = await get('gzip, deflate, br, zstd');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(plain.length / 2);
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain)).toBe(true);

    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain)).toBe(true);

    const none = await get();
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.rawPayload.equals(plain)).toBe(true);

    // The console's page itself, answered for any console route, is compressed too.
    const page = await p.app.inject({ method: 'GET', url: '/catalog', headers: { 'accept-encoding': 'br' } });
    expect(page.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(page.rawPayload).toString()).toContain('<div id="root">');
  });
});
