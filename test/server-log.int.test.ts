import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabaseConfig } from './databases.ts';
import { envFor, exited, runCli, startServer } from './processes.ts';

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

  it('says why it cannot start as a log entry too', async () => {
    const fresh = await freshDatabaseConfig('pglite');
    drop = fresh.drop;
    const first = await startServer(envFor(fresh.config));
    try {
      // The embedded database belongs to the first server: the second must stop, and say so in the log's format.
      const second = await runCli(['serve'], { ...envFor(fresh.config), PORT: '0' });
      expect(second.code).toBe(1);
      const lines = (second.stdout + second.stderr).split('\n').filter((l) => l.trim());
      expect(lines.filter((line) => !isLogEntry(line))).toEqual([]);
      const fatal = lines.map((l) => JSON.parse(l)).find((entry) => entry.level === 60);
      expect(fatal?.msg).toMatch(/could not start/);
    } finally {
      first.child.kill('SIGTERM');
      await exited(first.child);
    }
  });
});

/** One line of pino's JSON: a level and a message. */
function isLogEntry(line: string) {
  try {
    const entry = JSON.parse(line);
    return typeof entry.msg === 'string' && typeof entry.level === 'number';
  } catch {
    return false;
  }
}
