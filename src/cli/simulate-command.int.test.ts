import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startTestPlatform } from '../../test/databases.ts';
import { envFor, runCli } from '../../test/processes.ts';

describe.each(databaseKinds)('onecity simulate --register on %s', (kind) => {
  let p: Awaited<ReturnType<typeof startTestPlatform>>;
  beforeAll(async () => {
    // A running platform on the database: what a server beside the command would be.
    p = await startTestPlatform(kind);
  });
  afterAll(async () => {
    await p?.close();
  });

  it(kind === 'postgres'
    ? 'registers SIM devices beside the running platform, writes their tokens, and drives them into its broker'
    : 'is refused while the platform holds the data directory, saying why', async () => {
    const file = path.join(p.config.dataDir, `tokens-${kind}.jsonl`);
    const res = await runCli(
      ['simulate', '--devices', '3', '--rate', '5', '--duration', '1', '--tokens', file, '--register'],
      envFor(p.config, { ONECITY_MQTT_PORT: '1' }),
      120_000,
    );
    expect(res.code).toBe(1);
    if (kind === 'pglite') {
      expect(res.stderr).toMatch(/--register/);
      expect(res.stderr).toMatch(/no server holds the data directory/);
      expect(fs.existsSync(file)).toBe(false);
      return;
    }
    // Registered and written; nothing listens on the port given, so no device connects.
    expect(res.stderr).toMatch(/registered 3 devices/);
    expect(res.stderr).toMatch(/No device could connect/);
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.code, l.profileCode])).toEqual([
      ['SIM-00001', 'manhole'],
      ['SIM-00002', 'manhole'],
      ['SIM-00003', 'manhole'],
    ]);
    const device = await p.modules.iot.devices.authenticate(lines[0].token);
    expect(device).toMatchObject({ code: 'SIM-00001', profileCode: 'manhole' });
  }, 150_000);
});
