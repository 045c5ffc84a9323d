import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseKind, databaseKinds, freshDatabaseConfig } from '../../../../test/databases.ts';
import { envFor, runCli } from '../../../../test/processes.ts';

describe.each(databaseKinds)('starting OneCity when the MQTT port is taken (%s)', (kind: DatabaseKind) => {
  let drop: (() => Promise<void>) | undefined;
  let holder: net.Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
    await drop?.();
  });

  it('stops, telling the operator that the port is in use and how to change it', async () => {
    holder = net.createServer();
    await new Promise<void>((resolve) => holder!.listen(0, resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const fresh = await freshDatabaseConfig(kind);
    drop = fresh.drop;
    const run = await runCli(
      ['serve'],
      envFor(fresh.config, { PORT: '0', ONECITY_MQTT_PORT: String(port) }),
      120_000,
    );
    expect(run.code).toBe(1);
    const fatal = (run.stdout + run.stderr)
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((entry) => entry.level === 60);
    expect(fatal?.msg).toContain(`the server could not start: MQTT port ${port} is already in use`);
    expect(fatal?.msg).toContain('Set ONECITY_MQTT_PORT to a free port');
    expect(fatal?.msg).toContain(`ONECITY_MQTT_URL=mqtt://127.0.0.1:${port}`);
  });
});
