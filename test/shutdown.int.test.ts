import { afterEach, describe, expect, it } from 'vitest';
import { openPlatform } from '../src/server/platform.ts';
import { ADMIN_PASSWORD, databaseKinds, freshDatabaseConfig } from './databases.ts';
import { envFor, exited, startServer } from './processes.ts';

/**
 * Writes departments through the HTTP API until the server goes away, remembering each one the
 * server acknowledged; `stop` is called once `stopAfter` writes are acknowledged.
 */
async function writeUntilGone(baseUrl: string, stopAfter: number, stop: () => void) {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const acknowledged: string[] = [];
  let n = 0;
  let stopped = false;
  const worker = async () => {
    for (;;) {
      const code = `K${String(n++).padStart(5, '0')}`;
      try {
        const res = await fetch(`${baseUrl}/api/departments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify({ code, name: `测试部门${code}`, kind: 'department' }),
        });
        if (res.status === 201) acknowledged.push(code);
        else if (res.status >= 500) return;
      } catch {
        return; // connection refused or reset: the server is gone
      }
      if (!stopped && acknowledged.length >= stopAfter) {
        stopped = true;
        stop();
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return acknowledged;
}

describe.each(databaseKinds)('stopping the server on %s', (kind) => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(() => drop?.());

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`loses no acknowledged write on ${signal}`, async () => {
      const fresh = await freshDatabaseConfig(kind, { ONECITY_ADMIN_PASSWORD: ADMIN_PASSWORD });
      drop = fresh.drop;
      const server = await startServer(envFor(fresh.config, { ONECITY_ADMIN_PASSWORD: ADMIN_PASSWORD }));
      const acknowledged = await writeUntilGone(server.baseUrl, 30, () => server.child.kill(signal));
      const code = await exited(server.child);
      if (signal === 'SIGTERM') expect(code, server.output()).toBe(0);
      expect(acknowledged.length).toBeGreaterThanOrEqual(30);

      // Reopen the same data (for PGlite this also takes over the stale lock a killed process leaves).
      const { database, modules } = await openPlatform(fresh.config);
      try {
        const { items } = await modules.org.service.listDepartments(
          { actor: null, ip: null, requestId: null },
          { q: 'K', kind: 'department', page: 1, pageSize: 500, sort: 'code' },
        );
        const stored = new Set(items.map((d) => d.code));
        expect(acknowledged.filter((c) => !stored.has(c))).toEqual([]);
        expect((await modules.audit.service.verify()).ok).toBe(true);
      } finally {
        await database.close();
      }
    });
  }
});
