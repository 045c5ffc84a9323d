import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Aedes } from 'aedes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/processes.ts';
import { driveFleet } from './mqtt-fleet.ts';

// A plain broker that knows three device tokens and records what is published: the fleet without the platform.
const tokens = new Set(['tok-a', 'tok-b', 'tok-c']);
let broker: Aedes;
let server: net.Server;
let url: string;
const published: { topic: string; payload: string; username: string | undefined }[] = [];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'onecity-simulate-'));

beforeAll(async () => {
  broker = await Aedes.createBroker({
    authenticate: (client, username, _password, done) => {
      const ok = username === undefined || tokens.has(username);
      (client as unknown as { username?: string }).username = username;
      done(null, ok);
    },
  });
  broker.on('publish', (packet, client) => {
    if (client)
      published.push({
        topic: packet.topic,
        payload: packet.payload.toString(),
        username: (client as unknown as { username?: string }).username,
      });
  });
  server = net.createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a fleet of simulated devices over MQTT', () => {
  it('connects each device with its token, publishes its readings, and counts what the broker took', async () => {
    published.length = 0;
    const result = await driveFleet({
      url,
      devices: [
        { code: 'SIM-1', token: 'tok-a', profileCode: 'manhole' },
        { code: 'SIM-2', token: 'tok-b', profileCode: 'manhole' },
        { code: 'SIM-3', token: 'tok-c', profileCode: 'wim' },
        { code: 'SIM-4', token: 'not-a-token', profileCode: 'manhole' },
      ],
      rate: 40,
      durationMs: 1_000,
    });
    expect(result).toMatchObject({ connected: 3, refused: 1, failed: 0 });
    expect(result.sent).toBeGreaterThan(0);
    expect(published.length).toBe(result.sent);
    for (const message of published) {
      expect(message.topic).toBe('v1/devices/me/telemetry');
      expect(tokens.has(message.username!)).toBe(true);
      const keys = Object.keys(JSON.parse(message.payload)).sort();
      expect(keys).toEqual(
        message.username === 'tok-c'
          ? ['axles', 'gross_weight', 'plate', 'speed']
          : ['battery', 'tilt', 'water'],
      );
    }
    expect(new Set(published.map((m) => m.username))).toEqual(tokens);
  });

  it('puts the token in the topic for an external broker', async () => {
    published.length = 0;
    const result = await driveFleet({
      url,
      devices: [{ code: 'SIM-1', token: 'tok-a', profileCode: 'dust' }],
      rate: 10,
      durationMs: 500,
      topicToken: true,
    });
    expect(result.sent).toBeGreaterThan(0);
    expect(new Set(published.map((m) => m.topic))).toEqual(new Set(['v1/devices/tok-a/telemetry']));
  });
});

describe('onecity simulate', () => {
  const env = { ...process.env, ONECITY_DATA_DIR: path.join(tmp, 'data'), LOG_LEVEL: 'warn' };

  it('drives the devices of a tokens file (JSON lines, or what devices add --json prints) and prints the counts', async () => {
    const file = path.join(tmp, 'tokens.jsonl');
    fs.writeFileSync(
      file,
      `${JSON.stringify({ code: 'D0', token: 'tok-a' })}\n${JSON.stringify({ device: { code: 'D1', profileCode: 'dust' }, token: 'tok-b' }, null, 2)}\n`,
    );
    published.length = 0;
    const res = await runCli(
      [
        'simulate',
        '--devices',
        '2',
        '--rate',
        '20',
        '--duration',
        '2',
        '--url',
        url,
        '--tokens',
        file,
        '--json',
      ],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const counts = JSON.parse(res.stdout);
    expect(counts).toMatchObject({ devices: 2, connected: 2, refused: 0, failed: 0 });
    expect(counts.sent).toBe(published.length);
    // Each device sends its own profile's readings (the file's profile, else --profile's manhole).
    const keys = new Set(published.map((m) => Object.keys(JSON.parse(m.payload)).sort().join(',')));
    expect(keys).toEqual(new Set(['battery,tilt,water', 'noise,pm10']));
    expect(res.stderr).toMatch(/1s: sent \d+, failed 0/);
  });

  it('names the option that is wrong', async () => {
    const file = path.join(tmp, 'short.jsonl');
    fs.writeFileSync(file, `${JSON.stringify({ code: 'D0', token: 'tok-a' })}\n`);
    const cases: [string[], RegExp][] = [
      [['--devices', '0', '--rate', '10', '--tokens', file], /devices/],
      [['--devices', '2', '--rate', 'fast', '--tokens', file], /rate/],
      [['--devices', '1', '--rate', '10', '--tokens', file, '--profile', 'volcano'], /profile/],
      [['--devices', '1', '--rate', '10'], /tokens/],
      [['--devices', '2', '--rate', '10', '--tokens', file, '--url', url], /tokens.*--register/],
      [['--rate', '10', '--tokens', file], /--devices/],
    ];
    for (const [args, error] of cases) {
      const res = await runCli(['simulate', ...args], env);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr, args.join(' ')).toMatch(error);
    }
  }, 120_000);
});
