import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabaseConfig } from './databases.ts';
import { envFor, exited, startServer } from './processes.ts';

// A log collector reads the server's output line by line as JSON: one line of plain text breaks that.
describe('the server log', () => {
  let drop: (() => Promise<void>) | undefined;
  afterEach(() => drop?.());

  it('is JSON lines only, from start through requests and errors to stop', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    drop = fresh.drop;
    const server = await startServer(envFor(fresh.config, { LOG_LEVEL: 'debug' }));
    await fetch(`${server.baseUrl}/api/health`);
    await fetch(`${server.baseUrl}/api/nothing-here`);
    await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    server.child.kill('SIGTERM');
    expect(await exited(server.child)).toBe(0);

    // Standard output and error together, as the server wrote them.
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(3);
    const notJson = lines.filter((line) => {
      try {
        const entry = JSON.parse(line);
        return typeof entry.msg !== 'string' || typeof entry.level !== 'number';
      } catch {
        return true;
      }
    });
    expect(notJson).toEqual([]);
    const messages = lines.map((l) => JSON.parse(l).msg as string);
    expect(messages.some((m) => m.startsWith('Console: http://localhost:'))).toBe(true);
    // No admin password given: the first start's generated one is among the notices.
    expect(messages.some((m) => m.startsWith('First start: sign in as "admin"'))).toBe(true);
    expect(messages).toContain('stopped');
  });
});
