import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../test/databases.ts';

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
});
