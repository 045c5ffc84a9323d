import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/logger.ts';
import { DEFAULT_MQTT_PORT, type EmbeddedBroker, startEmbeddedBroker } from './broker.ts';

const handlers = {
  authenticate: async () => null,
  accept: async () => null,
  unknownToken: () => {},
  failed: () => {},
};

function capturingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function hold(port: number, host?: string): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(port, host, () => resolve(server));
  });
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});
const closing = (server: net.Server | null) => async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
};
const stopping = (broker: EmbeddedBroker) => () => broker.close();

describe('the embedded broker on a port that is taken', () => {
  it('a configured port that is taken stops the start, saying how to change it', async () => {
    const taken = (await hold(0, '127.0.0.1'))!;
    cleanup.push(closing(taken));
    const port = (taken.address() as net.AddressInfo).port;
    const { logger } = capturingLogger();
    const start = startEmbeddedBroker({ port, host: '127.0.0.1', handlers, logger });
    await expect(start).rejects.toThrow(`MQTT port ${port} is already in use`);
    await expect(start).rejects.toThrow('Set ONECITY_MQTT_PORT to a free port');
    await expect(start).rejects.toThrow(`ONECITY_MQTT_URL=mqtt://127.0.0.1:${port}`);
  });

  it('with no port configured and 1883 taken, takes the next free port up and warns which and how to choose', async () => {
    // Mosquitto holds 1883 on the machines OneCity is tested on; if it does not, the test holds it.
    cleanup.push(closing(await hold(DEFAULT_MQTT_PORT)));
    const { logger, lines } = capturingLogger();
    const broker = await startEmbeddedBroker({ handlers, logger });
    cleanup.push(stopping(broker));
    const port = Number(new URL(broker.url).port);
    expect(port).toBeGreaterThan(DEFAULT_MQTT_PORT);
    const warning = lines.find((l) => l.level === 40);
    expect(warning?.msg).toContain(`MQTT port 1883 is already in use`);
    expect(warning?.msg).toContain(`listens on ${port} instead`);
    expect(warning?.msg).toContain('ONECITY_MQTT_PORT');
    expect(warning?.msg).toContain('ONECITY_MQTT_URL');
  });

  it('a free configured port is taken and closed again on stop', async () => {
    const { logger } = capturingLogger();
    const broker = await startEmbeddedBroker({ port: 0, host: '127.0.0.1', handlers, logger });
    const port = Number(new URL(broker.url).port);
    expect(broker.url).toBe(`mqtt://127.0.0.1:${port}`);
    await broker.close();
    const again = await hold(port, '127.0.0.1');
    expect(again).not.toBeNull();
    cleanup.push(closing(again));
  });
});
