import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform } from '../../test/databases.ts';

type Operation = { summary?: string };

// The API docs (/api/docs) list operations by their summary; one without reads as a bare path.
describe('the OpenAPI document', () => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    p = await startTestPlatform('pglite');
  });
  afterAll(() => p?.close());

  it('gives every operation a summary', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths as Record<string, Record<string, Operation>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const missing = operations.filter(({ op }) => !op.summary?.trim()).map(({ name }) => name);
    expect(missing).toEqual([]);
  });
});
