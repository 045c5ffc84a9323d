import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, freshDatabaseConfig } from '../../test/databases.ts';
import { envFor, runCli } from '../../test/processes.ts';
import { openPlatform } from '../server/platform.ts';

describe.each(databaseKinds)('onecity events keys on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabaseConfig>>;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fresh = await freshDatabaseConfig(kind);
    env = envFor(fresh.config);
  });
  afterAll(() => fresh?.drop());

  /** Whether the platform takes `apiKey` now. */
  async function valid(apiKey: string) {
    const { database, modules } = await openPlatform(fresh.config);
    try {
      return (await modules.events.keys.check(apiKey)) !== undefined;
    } finally {
      await database.close();
    }
  }

  it('adds a key printed once, lists it without the key, revokes it', async () => {
    const added = await runCli(['events', 'keys', 'add', '--name', '城市随手拍', '--json'], env);
    expect(added.code, added.stderr).toBe(0);
    const { apiKey, key } = JSON.parse(added.stdout);
    expect(apiKey).toMatch(/^o311_/);
    expect(key).toMatchObject({ name: '城市随手拍', createdBy: 'cli', revokedAt: null });
    expect(await valid(apiKey)).toBe(true);

    const listed = await runCli(['events', 'keys', 'list', '--json'], env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).not.toContain(apiKey);
    expect(JSON.parse(listed.stdout).items).toEqual([
      expect.objectContaining({ id: key.id, prefix: apiKey.slice(0, 13) }),
    ]);

    const revoked = await runCli(['events', 'keys', 'revoke', String(key.id), '--json'], env);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(JSON.parse(revoked.stdout).revokedAt).toMatch(/\+08:00$/);
    expect(await valid(apiKey)).toBe(false);
    const again = await runCli(['events', 'keys', 'revoke', String(key.id)], env);
    expect(again.code).toBe(1);
    expect((await runCli(['events', 'keys', 'add', '--json'], env)).code).not.toBe(0);
    // Seven starts of the CLI or the platform, each opening the database.
  }, 240_000);
});
