import { eq } from 'drizzle-orm';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../../../test/databases.ts';
import { iotPlatform } from '../iot-test-kit.ts';
import { devices, telemetry } from '../schema.ts';
import { mosquittoPub, observeTelemetry } from './protocol-test-kit.ts';

describe.each(databaseKinds)('devices on the embedded MQTT broker (%s)', (kind) => {
  let t: Awaited<ReturnType<typeof iotPlatform>>;
  let seen: ReturnType<typeof observeTelemetry>;
  let url: string;
  let port: string;
  const clients: MqttClient[] = [];
  type Added = Awaited<ReturnType<typeof t.addDevice>>;
  let manhole: Added;
  let station: Added;
  let gateway: Added;
  let behind: Added;
  let elsewhere: Added;

  beforeAll(async () => {
    t = await iotPlatform(kind);
    seen = observeTelemetry(t.p.modules.iot.telemetry);
    ({ url } = await t.p.modules.iot.start({ port: 0, host: '127.0.0.1' }));
    port = new URL(url).port;
    manhole = await t.addDevice({ code: 'MH-0001', profile: 'manhole', department: 'CGJ' });
    station = await t.addDevice({
      code: 'WL-0001',
      profile: 'water_level',
      department: 'SLJ',
      attributes: { warning_level: 30 },
    });
    gateway = await t.addDevice({ code: 'GW-0001', profile: 'gateway', department: 'CGJ' });
    behind = await t.addDevice({ code: 'MH-0002', profile: 'manhole', department: 'CGJ' });
    elsewhere = await t.addDevice({ code: 'WL-0002', profile: 'water_level', department: 'SLJ' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await t?.p.close();
  });

  const pub = (token: string, topic: string, message: string) =>
    mosquittoPub(['-h', '127.0.0.1', '-p', port, '-u', token, '-t', topic, '-m', message, '-q', '1']);
  const client = async (token: string) => {
    const c = await connectAsync(url, { username: token, protocolVersion: 4, reconnectPeriod: 0 });
    clients.push(c);
    return c;
  };
  const row = async (id: number) =>
    (await t.p.database.db.select().from(devices).where(eq(devices.id, id)))[0]!;

  it('mosquitto_pub with a device token publishes telemetry; it is stored before the PUBACK', async () => {
    const done = await pub(manhole.token, 'v1/devices/me/telemetry', '{"tilt":3.2}');
    expect(done).toEqual({ code: 0, output: '' });
    // mosquitto_pub exits once its QoS 1 message is acknowledged: by then the point was handed to storage.
    expect(seen.points().filter((p) => p.code === 'MH-0001')).toMatchObject([
      { key: 'tilt', num: 3.2, txt: null },
    ]);
    // ... and committed: the row is in the table.
    const rows = await t.p.database.db.select().from(telemetry).where(eq(telemetry.deviceId, manhole.id));
    expect(rows).toMatchObject([{ key: 'tilt', num: 3.2 }]);
  });

  it('a wrong token, a retired device, and no token are refused at sign-in', async () => {
    const retired = await t.addDevice({
      code: 'MH-0099',
      profile: 'manhole',
      department: 'CGJ',
      status: 'retired',
    });
    for (const token of ['NoSuchToken123456789', retired.token]) {
      const refused = await pub(token, 'v1/devices/me/telemetry', '{"tilt":1}');
      expect(refused.code).not.toBe(0);
      expect(refused.output).toMatch(/not authori[sz]ed/i);
    }
    const anonymous = await mosquittoPub([
      '-h',
      '127.0.0.1',
      '-p',
      port,
      '-t',
      'v1/devices/me/telemetry',
      '-m',
      '{}',
    ]);
    expect(anonymous.code).not.toBe(0);
    expect(seen.points().some((p) => p.code === 'MH-0099')).toBe(false);
  });

  it('publishing to another topic is refused: the connection is closed and nothing is taken', async () => {
    const before = seen.stored.length;
    for (const topic of ['v1/devices/me/rpc/response/1', 'city/alarms', 'v1/gateway/telemetry']) {
      const refused = await pub(manhole.token, topic, '{"tilt":99}');
      expect(refused.code, topic).not.toBe(0);
    }
    expect(seen.stored.length).toBe(before);
  });

  it('an mqtt.js client publishes arrays with timestamps; bad values are counted and the good ones stored', async () => {
    const c = await client(manhole.token);
    const ts = Date.now() - 60_000;
    await c.publishAsync(
      'v1/devices/me/telemetry',
      JSON.stringify([
        { ts, values: { water: 12, battery: 140 } },
        { tilt: 'high', lid: 1 },
      ]),
      { qos: 1 },
    );
    expect(seen.points().filter((p) => p.code === 'MH-0001' && p.key === 'water')).toMatchObject([
      { num: 12, ts: new Date(ts) },
    ]);
    expect(seen.bad.filter((b) => b.deviceCode === 'MH-0001').map((b) => b.reason)).toEqual([
      'out_of_range',
      'wrong_type',
      'unknown_key',
    ]);
    // The stream goes on: a message that is not JSON is counted, and the next one is taken.
    await c.publishAsync('v1/devices/me/telemetry', 'tilt=4', { qos: 1 });
    await c.publishAsync('v1/devices/me/telemetry', '{"tilt":4}', { qos: 1 });
    expect(seen.bad.at(-1)).toMatchObject({ deviceCode: 'MH-0001', reason: 'not_json', sample: 'tilt=4' });
    expect(seen.points().at(-1)).toMatchObject({ code: 'MH-0001', key: 'tilt', num: 4 });
    expect(c.connected).toBe(true);
  });

  it('client attributes are merged into the device attributes', async () => {
    const c = await client(station.token);
    await c.publishAsync('v1/devices/me/attributes', '{"fw":"2.1.0","guarantee_level":"34.5"}', { qos: 1 });
    expect((await row(station.id)).attributes).toEqual({
      warning_level: 30,
      fw: '2.1.0',
      guarantee_level: 34.5,
    });
  });

  it('devices subscribe to their attribute, response and RPC topics, and nothing else; no device hears another', async () => {
    const listener = await client(station.token);
    const granted = await listener.subscribeAsync([
      'v1/devices/me/attributes',
      'v1/devices/me/attributes/response/+',
      'v1/devices/me/rpc/request/+',
    ]);
    expect(granted.map((g) => g.qos)).toEqual([0, 0, 0]);
    for (const topic of ['v1/devices/me/telemetry', '#', 'v1/devices/+/attributes'])
      await expect(listener.subscribeAsync(topic), topic).rejects.toThrow('Subscribe error');
    const heard: string[] = [];
    listener.on('message', (topic) => heard.push(topic));
    const talker = await client(elsewhere.token);
    await talker.publishAsync('v1/devices/me/attributes', '{"fw":"9"}', { qos: 1 });
    // A round trip of the listener after the talker's message was taken: anything forwarded would be here first.
    await listener.publishAsync('v1/devices/me/telemetry', '{"level":1}', { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([]);
  });

  it('a gateway connects its devices, and sends their telemetry and attributes', async () => {
    const gw = await client(gateway.token);
    await gw.publishAsync('v1/gateway/connect', '{"device":"MH-0002"}', { qos: 1 });
    expect((await row(behind.id)).gatewayId).toBe(gateway.id);

    const ts = Date.now() - 5_000;
    await gw.publishAsync(
      'v1/gateway/telemetry',
      JSON.stringify({
        'MH-0002': [
          { ts, values: { tilt: 7 } },
          { battery: 55, tilt: 500 },
        ],
      }),
      { qos: 1 },
    );
    expect(seen.points().filter((p) => p.code === 'MH-0002')).toMatchObject([
      { key: 'tilt', num: 7, ts: new Date(ts) },
      { key: 'battery', num: 55 },
    ]);
    // The bad value of a named device is counted on that device.
    expect(seen.bad.at(-1)).toMatchObject({ deviceCode: 'MH-0002', reason: 'out_of_range' });

    await gw.publishAsync('v1/gateway/attributes', '{"MH-0002":{"fw":"3.0"}}', { qos: 1 });
    expect((await row(behind.id)).attributes).toEqual({ fw: '3.0' });
    await gw.publishAsync('v1/gateway/disconnect', '{"device":"MH-0002"}', { qos: 1 });
    expect(gw.connected).toBe(true);
  });

  it('a gateway may not speak for a device of another department, or one that does not exist: counted on the gateway', async () => {
    const gw = await client(gateway.token);
    const stored = seen.stored.length;
    await gw.publishAsync('v1/gateway/connect', '{"device":"WL-0002"}', { qos: 1 });
    await gw.publishAsync('v1/gateway/telemetry', '{"WL-0002":[{"level":3}],"NOPE-1":[{"tilt":1}]}', {
      qos: 1,
    });
    await gw.publishAsync('v1/gateway/attributes', '{"WL-0002":{"warning_level":1}}', { qos: 1 });
    await gw.publishAsync('v1/gateway/connect', '["MH-0002"]', { qos: 1 });
    expect(seen.stored.length).toBe(stored);
    expect(seen.bad.filter((b) => b.deviceCode === 'GW-0001').map((b) => b.reason)).toEqual([
      'unknown_device',
      'unknown_device',
      'unknown_device',
      'unknown_device',
      'bad_shape',
    ]);
    expect((await row(elsewhere.id)).gatewayId).toBeNull();
    expect((await row(elsewhere.id)).attributes).toEqual({ fw: '9' });
  });

  it('a device that is not a gateway may not use the gateway topics', async () => {
    const refused = await pub(manhole.token, 'v1/gateway/connect', '{"device":"MH-0002"}');
    expect(refused.code).not.toBe(0);
  });
});
